import { test, expect, Page } from '@playwright/test';
import { MAP_PAGE, expectAccessible, go, newPerson, openSection, ready, signUp, startProject, uniqueEmail } from './helpers';

async function joinAs(browser: any, inviteUrl: string, name: string, profession: string) {
  const p = await newPerson(browser);
  await go(p.page, inviteUrl);
  await p.page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await ready(p.page);
  await signUp(p.page, name, uniqueEmail(name.split(' ')[0].toLowerCase()));
  await expect(p.page.getByRole('heading', { name: 'Join a project' })).toBeVisible();
  await ready(p.page);
  await p.page.getByLabel('Your profession').selectOption(profession);
  await p.page.getByRole('button', { name: 'Join' }).click();
  await expect(p.page.getByRole('status').first()).toHaveText(/^Live/);
  return p;
}

/** Makes an invite on the members page and comes back to the map. */
async function invite(page: Page, role: string): Promise<string> {
  await openSection(page, 'Members');
  await page.getByLabel('Role of the person who joins').selectOption(role);
  await page.getByRole('button', { name: 'Create invite' }).click();
  const item = page.locator('.invite', { hasText: role }).first();
  await expect(item).toBeVisible();
  const link = (await item.locator('.invite-link').getAttribute('href'))!;
  await openSection(page, MAP_PAGE);
  return link;
}

test('two participants build a map together, one with the keyboard only; an observer looks on', async ({ browser }) => {
  const a = await newPerson(browser);
  await startProject(a.page, 'Kari Sykepleier', 'nurse', 'Map');
  await expect(a.page.getByRole('status').first()).toHaveText(/^Live/);
  const participantLink = await invite(a.page, 'participant');
  const observerLink = await invite(a.page, 'observer');

  const b = await joinAs(browser, participantLink, 'Ahmed Hjemmesykepleier', 'nurse');
  const c = await joinAs(browser, observerLink, 'Per Pårørende', 'patient_representative');

  // A, with the mouse: a map and its first element.
  await a.page.getByRole('button', { name: 'Create map' }).click();
  // A form the page draws itself gets a token of its own: sent twice, it
  // records once.
  const token = /^[0-9a-f]{32}$/;
  await expect(a.page.locator('form[action="/api/add_element"] input[name="token"]')).toHaveValue(token);
  await a.page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await a.page.getByLabel('Name', { exact: true }).fill('Hospital ward');
  await a.page.getByRole('button', { name: 'Add', exact: true }).click();
  const bElements = b.page.getByRole('list', { name: 'Today – Elements' });
  await expect(bElements).toContainText('Hospital ward');

  // B, with the keyboard only: two elements.
  const kb = b.page.keyboard;
  for (const [kind, name] of [['role', 'Home nurse'], ['it_system', 'Municipal record']]) {
    await b.page.getByLabel('Kind', { exact: true }).focus();
    await b.page.getByLabel('Kind', { exact: true }).selectOption(kind);
    await kb.press('Tab');
    await kb.type(name);
    await kb.press('Enter');
    await expect(bElements).toContainText(name);
  }
  const aElements = a.page.getByRole('list', { name: 'Today – Elements' });
  await expect(aElements).toContainText('Home nurse');
  await expect(aElements).toContainText('Municipal record');

  // A links the ward to the home nurse: a hand-over.
  const aForm = a.page.locator('details.add-link');
  await aForm.locator('summary').click();
  await aForm.getByLabel('From', { exact: true }).selectOption({ label: 'Hospital ward' });
  await aForm.getByLabel('To', { exact: true }).selectOption({ label: 'Home nurse' });
  await aForm.getByLabel('Kind of link').selectOption('hand_over');
  await aForm.getByRole('button', { name: 'Add link' }).click();
  const bLinks = b.page.getByRole('list', { name: 'Today – Links' });
  await expect(bLinks).toContainText('Hospital ward → Home nurse');

  // B, keyboard: the home nurse uses the municipal record.
  const bForm = b.page.locator('details.add-link');
  await bForm.locator('summary').focus();
  await kb.press('Enter');
  await bForm.getByLabel('From', { exact: true }).selectOption({ label: 'Home nurse' });
  await bForm.getByLabel('To', { exact: true }).selectOption({ label: 'Municipal record' });
  await bForm.getByLabel('Kind of link').selectOption('uses');
  await bForm.getByLabel('Label', { exact: true }).focus();
  await kb.press('Enter');
  await expect(a.page.getByRole('list', { name: 'Today – Links' })).toContainText('Home nurse → Municipal record');

  // B, keyboard: opens the municipal record's editor (focus lands in it),
  // raises a pain point; the editor closes and focus returns to its link.
  const row = b.page.locator('li.element', { hasText: 'Municipal record' });
  const editLink = row.getByRole('link', { name: 'Edit Municipal record' });
  await editLink.focus();
  await kb.press('Enter');
  await expect(row.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(row.locator('form[action="/api/raise_pain_point"] input[name="token"]')).toHaveValue(token);
  await row.getByLabel('Pain point', { exact: true }).focus();
  await kb.type('Double documentation');
  await kb.press('Enter');
  await expect(a.page.locator('li.element', { hasText: 'Municipal record' })).toContainText(
    'Double documentation – Ahmed Hjemmesykepleier (nurse)',
  );
  await expect(row.getByLabel('Pain point', { exact: true })).toHaveCount(0);
  await expect(editLink).toBeFocused();

  // The observer sees it all and is offered nothing to change.
  await expect(c.page.getByRole('list', { name: 'Today – Elements' })).toContainText('Municipal record');
  await expect(c.page.getByRole('list', { name: 'Today – Links' })).toContainText('Home nurse → Municipal record');
  await expect(c.page.getByText('Double documentation')).toBeVisible();
  await expect(c.page.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
  await expect(c.page.getByText('Add link')).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(c.page.getByRole('link', { name: /^Edit / })).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: 'Undo my last change' })).toHaveCount(0);

  // A drags the ward on the canvas; B's drawing follows.
  const wardOnB = b.page.locator('svg.canvas g.element[aria-label^="Hospital ward"]');
  const before = await wardOnB.getAttribute('transform');
  const wardOnA = a.page.locator('svg.canvas g.element[aria-label^="Hospital ward"]');
  await wardOnA.scrollIntoViewIfNeeded();
  const box = (await wardOnA.boundingBox())!;
  await a.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await a.page.mouse.down();
  await a.page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80, { steps: 8 });
  await a.page.mouse.up();
  await expect(wardOnB).not.toHaveAttribute('transform', before!);

  // B selects the municipal record on the canvas with the keyboard: its
  // links and pain point are listed.
  const recordOnB = b.page.locator('svg.canvas g.element[aria-label^="Municipal record"]');
  await recordOnB.focus();
  await kb.press('Enter');
  await expect(b.page.locator('p[aria-live="polite"]')).toHaveText('Selected: Municipal record');
  const selection = b.page.getByRole('region', { name: 'Selected' });
  await expect(selection).toContainText('Home nurse → Municipal record');
  await expect(selection).toContainText('Double documentation');
  // Focus stays on the drawing: arrow keys move the selected element, for A too.
  await expect(recordOnB).toBeFocused();
  const recordOnA = a.page.locator('svg.canvas g.element[aria-label^="Municipal record"]');
  const recordWas = await recordOnA.getAttribute('transform');
  await kb.press('ArrowRight');
  await expect(recordOnA).not.toHaveAttribute('transform', recordWas!);

  // The drawing and the data can be downloaded, text escaped.
  const projectUrl = a.page.url();
  const svg = await a.page.request.get(await a.page.getByRole('link', { name: 'Download SVG' }).getAttribute('href') as string);
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain('>Municipal record<');
  const json = await (await a.page.request.get(await a.page.getByRole('link', { name: 'Download JSON' }).getAttribute('href') as string)).json();
  expect(json.elements.map((e: any) => e.name).sort()).toEqual(['Home nurse', 'Hospital ward', 'Municipal record']);
  expect(json.links).toHaveLength(2);
  expect(json.pain_points[0].text).toBe('Double documentation');

  const [png] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('samspill-map.png');

  // The history slider: the map at version 3 (the map and the ward only),
  // with what came since marked.
  await c.page.getByText('See the map as it was').click();
  await c.page.getByLabel('Version').fill('3');
  await c.page.getByRole('button', { name: 'Show', exact: true }).click();
  const past = c.page.locator('svg.past');
  await expect(past.locator('g[aria-label="Home nurse (added since)"]')).toBeVisible();
  await expect(past.locator('g[aria-label="Hospital ward (changed since)"]')).toBeVisible();
  await expect(c.page.getByText(/Version 3\. added since: 2 · changed since: 1 · removed since: 0/)).toBeVisible();
  await expectAccessible(c.page);
  expect(projectUrl).toContain('/projects/');

  // A undoes the link; it disappears for everyone, and the history says so.
  // A undoes twice: the move, then the link; each disappears for everyone.
  await a.page.getByRole('button', { name: 'Undo my last change' }).click();
  await expect(wardOnB).toHaveAttribute('transform', before!);
  await a.page.getByRole('button', { name: 'Undo my last change' }).click();
  await expect(bLinks).not.toContainText('Hospital ward → Home nurse');
  await expectAccessible(a.page);
  await expectAccessible(c.page);

  // A opens the home nurse's editor and types; meanwhile B renames it from
  // the canvas selection. A's row follows, A's words stay, and saving them
  // is refused with a message that names B.
  const nurseId = await a.page.locator('li.element', { hasText: 'Home nurse' }).getAttribute('id');
  const nurseRowA = a.page.locator(`li[id="${nurseId}"]`);
  await nurseRowA.getByRole('link', { name: 'Edit Home nurse' }).click();
  await nurseRowA.getByLabel('Name', { exact: true }).fill('District nurse');
  await b.page.locator('svg.canvas g.element[aria-label^="Home nurse"]').focus();
  await kb.press('Enter');
  await selection.getByLabel('Name', { exact: true }).fill('Home-care nurse');
  await selection.getByRole('button', { name: 'Save' }).click();
  await expect(nurseRowA.locator('.element-name')).toHaveText('Home-care nurse');
  await expect(nurseRowA.getByLabel('Name', { exact: true })).toHaveValue('District nurse');
  await nurseRowA.getByRole('button', { name: 'Save' }).click();
  await expect(nurseRowA.getByRole('alert')).toContainText(
    'Ahmed Hjemmesykepleier changed “Home-care nurse” while you were working on it',
  );
  await expect(nurseRowA.getByLabel('Name', { exact: true })).toHaveValue('District nurse');
  await expect(b.page.locator('li.element', { hasText: 'District nurse' })).toHaveCount(0);
  // Closed, and another row's editor opened: that old refusal is not shown there.
  await nurseRowA.getByRole('link', { name: 'Close Home-care nurse' }).click();
  await expect(nurseRowA.getByRole('group')).toHaveCount(0);
  const wardRowA = a.page.locator('li.element', { hasText: 'Hospital ward' });
  await wardRowA.getByRole('link', { name: 'Edit Hospital ward' }).click();
  await expect(wardRowA.getByRole('group', { name: 'Edit Hospital ward' })).toBeVisible();
  await expect(wardRowA.getByRole('alert')).toHaveCount(0);

  // B removes the municipal record from the canvas selection; it is gone
  // for A too, with its link.
  await b.page.locator('svg.canvas g.element[aria-label^="Municipal record"]').focus();
  await kb.press('Enter');
  await selection.getByRole('button', { name: 'Remove Municipal record' }).click();
  await expect(aElements).not.toContainText('Municipal record');
  await expect(a.page.getByRole('list', { name: 'Today – Links' })).not.toContainText('Municipal record');
  await expectAccessible(b.page);

  for (const p of [a, b, c]) await p.context.close();
});

test('the map list works as plain forms: add, edit in the row, pain point, remove @nojs', async ({ page }) => {
  const jsOff = test.info().project.use.javaScriptEnabled === false;
  await startProject(page, 'Nils Koordinator', 'coordinator', 'Plain');
  await page.getByRole('button', { name: 'Create map' }).click();
  const add = page.getByRole('form', { name: 'Add to the map' });
  await add.getByLabel('Kind', { exact: true }).selectOption('unit');
  await add.getByLabel('Name', { exact: true }).fill('Allocation office');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  const elements = page.getByRole('list', { name: 'Today – Elements' });
  await expect(elements).toContainText('Allocation office');
  // The form is empty for the next entry, so pressing Add again adds nothing.
  await expect(add.getByLabel('Name', { exact: true })).toHaveValue('');
  // No row carries forms until its editor is opened.
  await expect(elements.getByRole('textbox')).toHaveCount(0);

  const row = elements.locator('li.element', { hasText: 'Allocation office' });
  // The open editor is in the address: the back button closes it.
  await row.getByRole('link', { name: 'Edit Allocation office' }).click();
  await expect(row.getByRole('group', { name: 'Edit Allocation office' })).toBeVisible();
  await page.goBack();
  await expect(row.getByRole('group')).toHaveCount(0);
  await ready(page);
  await row.getByRole('link', { name: 'Edit Allocation office' }).click();
  await ready(page);
  const editor = row.getByRole('group', { name: 'Edit Allocation office' });
  await editor.getByLabel('Name', { exact: true }).fill('Allocation office <b>(municipality)</b>');
  await editor.getByLabel('Description').fill('Decides on home care');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(elements.locator('.element-name')).toHaveText('Allocation office <b>(municipality)</b>');
  await expect(elements).toContainText('Decides on home care');
  const renamed = elements.locator('li.element', { hasText: 'Allocation office' });
  if (jsOff) {
    // The page came back with the editor open; its link closes it.
    await renamed.getByRole('link', { name: /^Close / }).click();
  }
  await expect(renamed.getByRole('group')).toHaveCount(0);

  await renamed.getByRole('link', { name: /^Edit Allocation office/ }).click();
  await ready(page);
  await renamed.getByLabel('Pain point', { exact: true }).fill('No access to the hospital record');
  await renamed.getByRole('button', { name: 'Raise a pain point' }).click();
  await expect(renamed.locator('.pain-text')).toHaveText('No access to the hospital record');
  await expectAccessible(page);

  if (jsOff) await renamed.getByRole('link', { name: /^Close / }).click();
  await renamed.getByRole('link', { name: /^Edit Allocation office/ }).click();
  await ready(page);
  await renamed.getByRole('button', { name: /^Remove Allocation office/ }).click();
  await expect(elements.locator('li')).toHaveCount(0);
  await expect(page.getByText('No elements yet.')).toBeVisible();

  if (!jsOff) {
    // A double click records one element.
    await add.getByLabel('Name', { exact: true }).fill('Home nursing');
    await add.getByRole('button', { name: 'Add', exact: true }).dblclick();
    await expect(elements.locator('.element-name', { hasText: 'Home nursing' })).toHaveCount(1);
    await expect(add.getByLabel('Name', { exact: true })).toHaveValue('');
    await page.waitForTimeout(500);
    await expect(elements.locator('.element-name', { hasText: 'Home nursing' })).toHaveCount(1);
  }
});

test('the map fits a phone: nothing wider than the screen, tap to select, edit in place', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'en-GB' });
  const page = await context.newPage();
  await startProject(page, 'Siri Sykepleier', 'nurse', 'Phone');
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await page.getByRole('button', { name: 'Create map' }).click();
  const add = page.getByRole('form', { name: 'Add to the map' });
  for (const name of ['Medical ward, Ullevål (a long name for a small screen)', 'Home nursing']) {
    await add.getByLabel('Name', { exact: true }).fill(name);
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Today – Elements' })).toContainText(name);
  }
  const row = page.locator('li.element', { hasText: 'Home nursing' });
  await row.getByRole('link', { name: 'Edit Home nursing' }).tap();
  await expect(row.getByLabel('Name', { exact: true })).toBeFocused();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.locator('svg.canvas g.element[aria-label^="Home nursing"]').tap();
  const selection = page.getByRole('region', { name: 'Selected' });
  await expect(selection.getByRole('heading')).toContainText('Home nursing');
  await selection.getByLabel('Name', { exact: true }).fill('Home nursing, district east');
  await selection.getByRole('button', { name: 'Save' }).tap();
  await expect(page.locator('svg.canvas g.element[aria-label^="Home nursing, district east"]')).toHaveCount(1);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await context.close();
});

test('a map of long names with pain points, beside a second map, is clean for axe', async ({ page }) => {
  await startProject(page, 'Lise Lege', 'physician', 'Long names');
  await page.getByRole('button', { name: 'Create map' }).click();
  const add = page.getByRole('form', { name: 'Add to the map – Today' });
  const names = [
    'Sykepleier på sengeposten ved medisinsk avdeling',
    'Tildelingskontoret for helse- og omsorgstjenester i bydelen',
    'Legemiddelliste',
  ];
  const elements = page.getByRole('list', { name: 'Today – Elements' });
  for (const name of names) {
    await add.getByLabel('Name', { exact: true }).fill(name);
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(elements).toContainText(name);
  }
  // A pain point gives the long-named element a badge on the drawing.
  const row = elements.locator('li.element', { hasText: names[0] });
  await row.getByRole('link', { name: `Edit ${names[0]}` }).click();
  await row.getByLabel('Pain point', { exact: true }).fill('Får ikke se kommunens journal');
  await row.getByRole('button', { name: 'Raise a pain point' }).click();
  await expect(row.locator('.pain-text')).toHaveText('Får ikke se kommunens journal');
  // The drawing names each element in full, with its pain points.
  await expect(page.locator('g.element[role=button]', { hasText: 'Sykepleier' })).toHaveAttribute(
    'aria-label',
    /^Sykepleier på sengeposten ved medisinsk avdeling, .*, 1 pain point$/,
  );

  // Selected on the drawing and open in the list: one editor, not two.
  await page.locator('g.element[role=button]', { hasText: 'Legemiddelliste' }).click();
  await expect(page.getByRole('group', { name: 'Edit Legemiddelliste' })).toHaveCount(1);
  const medRow = elements.locator('li.element', { hasText: 'Legemiddelliste' });
  await medRow.getByRole('link', { name: 'Edit Legemiddelliste' }).click();
  await expect(medRow.getByRole('group', { name: 'Edit Legemiddelliste' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Edit Legemiddelliste' })).toHaveCount(1);
  await expect(page.locator('.selection')).toContainText('Being edited in the list below');

  // A second map: each map's add form is a landmark of its own.
  await page.getByLabel('Name of the map').fill('Proposed');
  await page.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Proposed' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add to the map – Proposed' })).toBeVisible();
  await expectAccessible(page);
});
