import { expect, test, type Page } from '@playwright/test';
import { go, MAP_PAGE, openSection, ready, startProject } from './helpers';

// What a phone fetches: a page opened from its address gets the code of its
// group of pages in one bundle (pack-site.mjs, page_code.js); a page reached
// by a link afterwards loads only the chunks it lacks, one by one.
test('a page opened from its address gets its code in one bundle, and a linked page loads what it lacks', async ({ page }) => {
  await startProject(page, 'Bente Bundle', 'nurse', 'Code in one file');
  const address = page.url();

  const asked: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path.slice('/pkg/'.length));
  });
  await go(page, address);
  const bundles = asked.filter((f) => f.startsWith('bundle_'));
  const chunks = asked.filter((f) => /^(chunk|split)_/.test(f));
  expect(bundles).toEqual([expect.stringMatching(/^bundle_map_page\.[0-9a-f]{16}\.bin$/)]);
  expect(chunks).toEqual([]);

  // The page runs on the bundle's code: it follows the project live, and
  // its forms work.
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await page.getByRole('button', { name: 'Create map' }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await page.getByLabel('Name', { exact: true }).fill('Hospital ward');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Today – Elements' })).toContainText('Hospital ward');

  asked.length = 0;
  await openSection(page, 'History');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  expect(asked.filter((f) => f.startsWith('bundle_'))).toEqual([]);
  expect(asked.filter((f) => f.startsWith('split_history_page.'))).toHaveLength(1);
});

/** A new map on the project's page, with these units on it. */
async function mapWith(page: Page, names: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Create map' }).click();
  for (const name of names) {
    await page.getByLabel('Kind', { exact: true }).selectOption('unit');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('list', { name: 'Today – Elements' })).toContainText(name);
  }
}

/** What the page says went wrong: an error thrown, or a hydration that
 * found other markup than it draws (it says so, or panics). */
function hydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e}`));
  page.on('console', (m) => {
    if (/hydrat|panicked/.test(m.text())) errors.push(m.text().slice(0, 300));
  });
  return errors;
}

// The map's editors come in a chunk of their own (components/later.rs): the
// first one opened fetches its code; an editor open in the page's address
// has its code loaded before the page hydrates, so the page the server drew
// comes alive as it is.
test("an editor's code comes when one is first opened, and before hydration when the address opens it", async ({ page }) => {
  const errors = hydrationErrors(page);
  await startProject(page, 'Elin Editor', 'nurse', 'Editors later');
  await page.getByRole('button', { name: 'Create map' }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await page.getByLabel('Name', { exact: true }).fill('Hospital ward');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const elements = page.getByRole('list', { name: 'Today – Elements' });
  await expect(elements).toContainText('Hospital ward');

  const asked: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path.slice('/pkg/'.length));
  });
  await go(page, page.url());
  const editorChunk = (f: string) => f.startsWith('split_editor_in_chunk_');
  expect(asked.filter(editorChunk)).toEqual([]);
  const edit = elements.getByRole('link', { name: 'Edit Hospital ward' });
  const editing = new URL((await edit.getAttribute('href'))!, page.url()).toString();
  await edit.click();
  const editor = elements.getByRole('group', { name: 'Edit Hospital ward' });
  await expect(editor.getByLabel('Name', { exact: true })).toBeFocused();
  expect(asked.filter(editorChunk)).toHaveLength(1);

  // Opened from its address: the server drew the editor, and the hydrated
  // page saves through it without leaving the page.
  expect(editing).toMatch(/\?edit=/);
  await go(page, editing);
  await expect(editor).toBeVisible();
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await page.evaluate(() => ((window as any).__samePage = true));
  await editor.getByLabel('Name', { exact: true }).fill('Ward 7');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(elements.locator('.element-name')).toHaveText('Ward 7');
  await expect(elements.getByRole('group')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
  await expect(page.getByRole('group', { name: 'Edit Ward 7' })).toHaveCount(0);

  expect(errors).toEqual([]);
});

// Looking back at the map comes in a chunk of its own (map/look_back.rs):
// drawing the map then beside now. A page that shows no past version does
// not fetch it; the version slider is a GET form, and the page it opens has
// the chunk loaded before it hydrates, so the page comes alive as drawn.
test('looking back fetches its code only for a page that shows a past version, before that page hydrates', async ({ page }) => {
  const errors = hydrationErrors(page);
  await startProject(page, 'Live Lookback', 'nurse', 'Looking back later');
  await mapWith(page, ['Hospital ward', 'Home nurse']);

  const asked: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path.slice('/pkg/'.length));
  });
  await go(page, page.url());
  const lookingBack = (f: string) => f.startsWith('split_past_map_in_chunk_');
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  expect(asked.filter(lookingBack)).toEqual([]);

  await page.getByText('See the map as it was').click();
  const slider = page.getByRole('slider', { name: 'Version' });
  const now = Number(await slider.getAttribute('max'));
  await slider.fill(String(now - 1));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const past = page.locator('svg.past');
  await expect(past.locator('g[aria-label="Home nurse (added since)"]')).toBeVisible();
  expect(page.url()).toContain(`version=${now - 1}`);
  await ready(page);
  expect(asked.filter(lookingBack)).toHaveLength(1);

  // The page the server drew with the past map is alive: the slider says
  // where it is as it moves, and the page follows the project.
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await slider.fill(String(now - 2));
  await expect(page.locator('details.look-back output')).toHaveText(`${now - 2} / ${now}`);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(past.locator('g[aria-label="Hospital ward (added since)"]')).toBeVisible();
  await expect(page.getByText(new RegExp(`Version ${now - 2}\\. added since: 2`))).toBeVisible();

  expect(errors).toEqual([]);
});

// The map's drawing gets its code the first time someone uses it
// (components/on_demand.rs): a page that is only looked at does not fetch
// it. What was done before the code came is done on the live drawing: a
// tap selects, Enter on a focused element selects. A change to the map
// brings the code too, so the drawing always shows the map.
test("the map's drawing gets its code when first used, and what was done meanwhile takes effect", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = hydrationErrors(page);
  await startProject(page, 'Dina Drawing', 'nurse', 'Drawing on demand');
  await mapWith(page, ['Hospital ward', 'Home nurse']);
  const asked: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path.slice('/pkg/'.length));
  });
  const drawingCode = () => asked.filter((f) => f.startsWith('split_canvas_in_chunk_'));
  const selection = page.getByRole('region', { name: 'Selected' });

  // Looked at: no code for the drawing, and it is fitted to the phone.
  await go(page, page.url());
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await page.waitForTimeout(500);
  expect(drawingCode()).toEqual([]);
  const drawn = page.locator('svg.canvas');
  const [, , width, height] = (await drawn.getAttribute('viewBox'))!.split(' ').map(Number);
  const frame = (await drawn.boundingBox())!;
  expect(width / height).toBeCloseTo(frame.width / frame.height, 1);

  // A tap on an element fetches the code and selects it.
  await page.locator('svg.canvas g.element[aria-label^="Home nurse"]').tap();
  await expect(selection.getByRole('heading')).toContainText('Home nurse');
  expect(drawingCode()).toHaveLength(1);

  // The focus brings the code, and stays where it was on the new drawing.
  await go(page, page.url());
  asked.length = 0;
  const ward = page.locator('svg.canvas g.element[aria-label^="Hospital ward"]');
  await ward.focus();
  await expect.poll(drawingCode).toHaveLength(1);
  await expect(ward).toBeFocused();

  // Enter on a focused element, before the code has come, selects it.
  await go(page, page.url());
  await ward.focus();
  await page.keyboard.press('Enter');
  await expect(selection.getByRole('heading')).toContainText('Hospital ward');

  // A change to the map: the drawing comes alive and shows it.
  await go(page, page.url());
  asked.length = 0;
  await page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await page.getByLabel('Name', { exact: true }).fill('Pharmacy');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('svg.canvas g.element[aria-label^="Pharmacy"]')).toHaveCount(1);
  expect(drawingCode()).toHaveLength(1);

  // Left for another page before the code has come: the code that comes
  // then draws nothing (the page it was for is gone), and the app lives on.
  await go(page, page.url());
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/split_canvas_in_chunk_/, async (route) => {
    await held;
    await route.continue();
  });
  await ward.focus();
  await expect.poll(drawingCode).toHaveLength(2);
  await openSection(page, 'History');
  release();
  await page.waitForTimeout(1000);
  await openSection(page, MAP_PAGE);
  await expect(page.locator('svg.canvas g.element')).toHaveCount(3);
  await page.locator('svg.canvas g.element[aria-label^="Pharmacy"]').focus();
  await page.keyboard.press('Enter');
  await expect(selection.getByRole('heading')).toContainText('Pharmacy');

  expect(errors).toEqual([]);
  await context.close();
});

// A form sends its fields as the browser encodes them (components/form.rs):
// the server decodes them anyway, so it is the server that refuses a field
// it cannot read, with its message, and nothing changes.
test('a form sends its fields as the browser encodes them, and a field the server cannot read gets its message', async ({ page }) => {
  await startProject(page, 'Fredrik Form', 'nurse', 'Forms as sent');
  await page.getByRole('button', { name: 'Create map' }).click();
  const add = page.getByRole('button', { name: 'Add', exact: true });
  const form = page.locator('form').filter({ has: add });
  await page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await page.getByLabel('Name', { exact: true }).fill('Ward & Co');
  // A position that is not a number, as a tampered or stale page might send.
  await form.evaluate((f) => {
    const bad = document.createElement('input');
    bad.type = 'hidden';
    bad.name = 'x';
    bad.value = 'ten';
    f.appendChild(bad);
  });
  await page.evaluate(() => ((window as any).__samePage = true));
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/add_element'));
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/add_element'));
  await add.click();
  const body = new URLSearchParams((await sent).postData() ?? '');
  expect(body.get('name')).toBe('Ward & Co');
  expect(body.get('x')).toBe('ten');
  expect((await answered).status()).toBe(400);
  await expect(page.getByText('The form did not arrive correctly. Reload the page and try again.')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
  const elements = page.getByRole('list', { name: 'Today – Elements' });
  await expect(elements).not.toContainText('Ward & Co');

  // The same form without the bad field adds the element.
  await form.evaluate((f) => f.querySelector('input[name="x"]')!.remove());
  await add.click();
  await expect(elements).toContainText('Ward & Co');
  expect(await page.evaluate(() => (window as any).__samePage)).toBe(true);
});
