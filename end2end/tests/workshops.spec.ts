import { test, expect, Page, Browser } from '@playwright/test';
import { expectAccessible, go, newPerson, openSection, ready, startProject } from './helpers';

/** Joins with the code as a guest: the code, then a name and a
 * profession. Returns how long it took from opening the page. */
async function joinAsGuest(page: Page, code: string, name: string, profession: string, typed: boolean): Promise<number> {
  const started = Date.now();
  await go(page, typed ? '/workshop' : `/workshop?code=${code}`);
  await expect(page.getByRole('heading', { name: 'Join a workshop' })).toBeVisible();
  if (typed) await page.getByLabel('Code').fill(code.toLowerCase());
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your profession').selectOption(profession);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('complementary', { name: 'Workshop running' })).toBeVisible();
  await ready(page);
  return Date.now() - started;
}

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  return context.newPage();
}

test('a facilitator runs a workshop through three activities: guests join by code, the timer and "bring everyone here" reach everyone, an anonymous round and a dot vote count right, the summary says what changed', async ({ browser }) => {
  test.setTimeout(300_000);
  const lead = await newPerson(browser);
  const f = lead.page;
  // A page that panics (a hydration mismatch, say) stops following the
  // workshop; every page here must stay alive.
  const crashes: string[] = [];
  const watch = (p: Page) => p.on('pageerror', (e) => crashes.push(`${p.url()}: ${e}`));
  watch(f);
  f.on('console', (m) => { if (m.text().includes('hydrat')) crashes.push(`${f.url()}: ${m.text().slice(0, 300)}`); });
  await startProject(f, 'Ingrid Fasilitator', 'coordinator', 'Discharge workshop');
  // Two information fields to put dots on.
  await openSection(f, /^(Information fields|Informasjonsfelt)$/);
  const fieldForm = f.getByRole('form', { name: 'Propose an information field' });
  for (const name of ['Allergies', 'Next of kin']) {
    // Once the matrix has a field, the proposal form is folded away.
    if (!(await fieldForm.getByLabel('Name', { exact: true }).isVisible())) {
      await f.locator('details.propose summary').first().click();
    }
    await fieldForm.getByLabel('Name', { exact: true }).fill(name);
    await fieldForm.getByRole('button', { name: 'Propose an information field' }).click();
    await expect(f.getByRole('list', { name: 'Information fields' })).toContainText(name);
  }
  // And a context of use to rate them in, in an anonymous round.
  const contextForm = f.getByRole('form', { name: 'Propose a context of use' });
  if (!(await contextForm.getByLabel('Name of the situation').isVisible())) {
    await f.locator('details.propose').filter({ has: contextForm }).locator('summary').click();
  }
  await contextForm.getByLabel('Name of the situation').fill('First home visit');
  await contextForm.getByRole('button', { name: 'Propose a context of use' }).click();
  await expect(f.getByRole('list', { name: 'Contexts of use' })).toContainText('First home visit');
  await openSection(f, 'Workshops');
  const plan = f.getByRole('region', { name: 'Plan a workshop' });
  await plan.getByLabel('Title').fill('Discharge to home care: what must travel?');
  await plan.getByLabel('Time').fill('2026-12-03T09:00');
  await plan.getByLabel('Goal').fill('Agree on the fields the home care nurse needs on day one');
  const rows: [string, string, string][] = [
    ['Map the hand-over', 'map', '10'],
    ['Rate the fields', 'rate', '15'],
    ['What did we learn?', 'discuss', '5'],
  ];
  for (const [n, [title, kind, minutes]] of rows.entries()) {
    await plan.getByLabel(`Activity ${n + 1}: name`).fill(title);
    await plan.getByLabel(`Activity ${n + 1}: kind`).selectOption(kind);
    await plan.getByLabel(`Activity ${n + 1}: minutes`).fill(minutes);
  }
  await plan.getByRole('button', { name: 'Save the plan' }).click();
  await f.getByRole('link', { name: 'Discharge to home care: what must travel?' }).click();
  await ready(f);
  await expect(f.getByRole('heading', { name: 'Discharge to home care: what must travel?' })).toBeVisible();
  await expect(f.getByRole('region', { name: 'Agenda' }).getByRole('listitem')).toHaveCount(3);
  // The rating activity works on a chosen context of use.
  await f.locator('details.choose-items summary').click();
  await f.getByRole('group', { name: 'Choose the contexts of use to rate: Rate the fields' }).getByLabel('First home visit').check();
  await f.getByRole('button', { name: 'Save the choice' }).click();
  await expect(f.getByRole('region', { name: 'Agenda' }).getByRole('listitem').nth(1)).toContainText('Works on: First home visit');
  await f.getByRole('button', { name: 'Start the workshop' }).click();
  const code = (await f.locator('.join-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  const workshopUrl = f.url();

  // The projector: the lobby with the code and a QR code drawn by the server.
  const projector = await lead.context.newPage();
  watch(projector);
  await go(projector, `${new URL(workshopUrl).pathname}/projector`);
  await expect(projector.getByText('Waiting for the workshop to begin')).toBeVisible();
  await expect(projector.locator('.projector-code')).toContainText(code);
  await expect(projector.getByRole('img', { name: 'QR code of the page where you join' })).toBeVisible();
  await expectAccessible(projector);

  // Three participants join: on a laptop (the QR code's address), on a
  // phone (typing the code), and with JavaScript off. Each in under 30 s.
  const laptop = (await newPerson(browser)).page;
  const mobile = await phone(browser);
  const noJs = (await newPerson(browser, false)).page;
  watch(laptop);
  watch(mobile);
  const times = [
    await joinAsGuest(laptop, code, 'Kari Sykepleier', 'nurse', false),
    await joinAsGuest(mobile, code, 'Per Fysioterapeut', 'therapist', true),
  ];
  // With JavaScript off the page is the server's: no hydration to wait for.
  {
    const started = Date.now();
    await noJs.goto(`/workshop?code=${code}`);
    await noJs.getByLabel('Your name').fill('Ola Lege');
    await noJs.getByLabel('Your profession').selectOption('physician');
    await noJs.getByRole('button', { name: 'Join' }).click();
    await expect(noJs.getByRole('complementary', { name: 'Workshop running' })).toBeVisible();
    times.push(Date.now() - started);
  }
  for (const t of times) expect(t).toBeLessThan(30_000);
  console.log(`joining by code took ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}`);
  await expect(projector.locator('.projector-people li')).toHaveCount(3);
  await expect(f.getByRole('region', { name: /^Joined/ }).getByRole('listitem')).toHaveCount(3);

  // The first activity: its timer reaches everyone, counted down by the
  // browsers themselves.
  await f.getByRole('button', { name: 'Start Map the hand-over' }).click();
  await expect(f.getByRole('region', { name: /^Now: Map the hand-over/ })).toBeVisible();
  for (const p of [laptop, mobile]) {
    const bar = p.getByRole('complementary', { name: 'Workshop running' });
    await expect(bar).toContainText('Now: Map the hand-over');
    const first = await bar.locator('time').textContent();
    expect(first).toMatch(/^(10:00|9:5\d)$/);
    await expect(bar.locator('time')).not.toHaveText(first!, { timeout: 5_000 });
  }
  await noJs.reload();
  await expect(noJs.getByRole('complementary', { name: 'Workshop running' })).toContainText('Now: Map the hand-over');
  await expect(projector.locator('.projector-activity')).toHaveText('Map the hand-over');
  await expectAccessible(mobile);

  // Pause holds the time on every screen.
  await f.getByRole('button', { name: 'Pause' }).click();
  await expect(laptop.getByRole('complementary', { name: 'Workshop running' })).toContainText('(paused)');

  // Bring everyone to the decisions: the hydrated participants are taken
  // there; a participant who joins late is taken there too.
  await f.getByLabel('The page everyone should see').selectOption({ label: 'Decisions' });
  await f.getByRole('button', { name: 'Bring everyone here' }).click();
  for (const p of [laptop, mobile]) {
    await expect(p).toHaveURL(/\/decisions$/);
  }
  const late = (await newPerson(browser)).page;
  await joinAsGuest(late, code, 'Sen Sofie', 'nurse', false);
  await expect(late).toHaveURL(/\/decisions$/);
  // Someone who chooses to look elsewhere stays there, and returns with one tap.
  await openSection(laptop, 'Workshops');
  await laptop.waitForTimeout(1_000);
  await expect(laptop).toHaveURL(/\/workshops$/);
  await laptop.getByRole('link', { name: 'Go where the facilitator is' }).click();
  await expect(laptop).toHaveURL(/\/decisions$/);
  // Without JavaScript the bar links there.
  await noJs.reload();
  await noJs.getByRole('link', { name: 'Go where the facilitator is' }).click();
  await expect(noJs).toHaveURL(/\/decisions$/);

  // Locking editing: everyone sees it; being done still counts.
  await f.getByRole('button', { name: 'Lock editing' }).click();
  await expect(mobile.getByRole('complementary', { name: 'Workshop running' })).toContainText('The facilitator has locked editing');
  await expect(projector.getByText('The facilitator has locked editing')).toBeVisible();
  await mobile.getByRole('button', { name: "I'm done" }).click();
  await expect(mobile.getByText('You have said you are done.')).toBeVisible();
  await expect(f.getByRole('region', { name: /^Now:/ }).getByRole('status')).toHaveText('1 of 4 done');
  await expectAccessible(f);

  // The second activity: an anonymous round on the fields page, where
  // everyone is brought; the timer reaches the late joiner too.
  await f.getByRole('button', { name: 'Unlock editing' }).click();
  await f.getByRole('button', { name: 'Start Rate the fields' }).click();
  await expect(late.getByRole('complementary', { name: 'Workshop running' })).toContainText('Now: Rate the fields');
  await expect(late.getByRole('complementary', { name: 'Workshop running' }).getByRole('link', { name: 'First home visit' })).toHaveAttribute('href', /\/fields\?rate=/);
  await f.getByLabel('The page everyone should see').selectOption({ label: 'Rate the fields' });
  await f.getByRole('button', { name: 'Bring everyone here' }).click();
  const raters = [laptop, mobile, late];
  for (const p of raters) await expect(p).toHaveURL(/\/fields$/);
  await openSection(f, /^(Information fields|Informasjonsfelt)$/);
  const rounds = f.getByRole('region', { name: 'Anonymous rounds' });
  await rounds.getByLabel('First home visit').check();
  await rounds.getByRole('button', { name: 'Start an anonymous round' }).click();
  await expect(rounds.getByRole('status')).toContainText('An anonymous round is running');
  for (const p of raters) {
    await p.getByRole('link', { name: 'Rate in the round' }).click();
    await ready(p);
    const form = p.getByRole('region', { name: 'Rate in the round' }).getByRole('form', { name: 'Allergies' });
    await form.getByRole('button', { name: 'essential', exact: false }).click();
    await expect(form.getByRole('button', { name: 'essential' })).toHaveAttribute('aria-pressed', 'true');
  }
  await rounds.getByRole('button', { name: 'Close the round and show the results' }).click();
  for (const p of raters) {
    await expect(p.getByRole('region', { name: 'Anonymous rounds' })).toContainText('3 took part, 3 ratings');
  }
  await go(f, new URL(workshopUrl).pathname);

  // The third activity: a dot vote. Everyone is brought to the workshop's
  // page and places dots (one with JavaScript off); nobody sees a total
  // until the reveal.
  await f.getByRole('button', { name: 'Start What did we learn?' }).click();
  await expect(f.getByRole('region', { name: /^Now: What did we learn\?/ })).toBeVisible();
  await f.getByLabel('The page everyone should see').selectOption({ label: 'Discharge to home care: what must travel?' });
  await f.getByRole('button', { name: 'Bring everyone here' }).click();
  const vote = f.getByRole('region', { name: 'Open a dot vote' });
  await vote.getByLabel('Allergies').check();
  await vote.getByLabel('Next of kin').check();
  await vote.getByLabel('Dots per person').fill('3');
  await vote.getByRole('button', { name: 'Open a dot vote' }).click();
  const ballots: [Page, string, string][] = [
    [laptop, '2', '1'],
    [mobile, '0', '3'],
  ];
  for (const [p, allergies, kin] of ballots) {
    await expect(p).toHaveURL(/\/workshops\/[^/]+$/);
    const region = p.getByRole('region', { name: 'Dot vote' });
    await region.getByLabel('Dots on “Allergies”').fill(allergies);
    await region.getByLabel('Dots on “Next of kin”').fill(kin);
    await region.getByRole('button', { name: 'Place my dots' }).click();
    await expect(region.getByRole('status')).toContainText('You have placed 3 of 3 dots.');
  }
  await noJs.goto(new URL(workshopUrl).pathname);
  await noJs.getByLabel('Dots on “Allergies”').fill('1');
  await noJs.getByRole('button', { name: 'Place my dots' }).click();
  await expect(noJs.getByRole('region', { name: 'Dot vote' }).getByRole('status')).toContainText('You have placed 1 of 3 dots.');
  await expect(f.getByRole('region', { name: 'Dot vote' }).getByRole('status')).toContainText('3 have voted');
  await expect(projector.getByText('Dot vote: The result shows when the facilitator reveals it.')).toBeVisible();
  await expect(laptop.getByRole('region', { name: 'Result of the dot vote' })).toHaveCount(0);
  await f.getByRole('button', { name: 'Reveal the result' }).click();
  for (const p of [f, laptop, projector]) {
    const result = p.getByRole('region', { name: 'Result of the dot vote' });
    await expect(result.getByRole('listitem')).toHaveText(['Next of kin: 4 dots', 'Allergies: 3 dots']);
    await expect(result).toContainText('3 have voted');
  }
  await expectAccessible(laptop);
  await expectAccessible(projector);

  // The end: the code stops working.
  await f.getByRole('button', { name: 'End the workshop' }).click();
  await expect(f.getByText('The workshop has ended.')).toBeVisible();
  await expect(mobile.getByRole('complementary', { name: 'Workshop running' })).toHaveCount(0);
  const after = (await newPerson(browser)).page;
  await go(after, `/workshop?code=${code}`);
  await after.getByLabel('Your name').fill('For sen');
  await after.getByLabel('Your profession').selectOption('nurse');
  await after.getByRole('button', { name: 'Join' }).click();
  await expect(after.getByRole('alert')).toContainText('No running workshop has this code');
  await expectAccessible(after);

  // The summary: computed from the trail, exactly what happened.
  await f.getByRole('link', { name: 'Summary' }).click();
  await ready(f);
  await expect(f.getByRole('heading', { name: 'Summary: Discharge to home care: what must travel?' })).toBeVisible();
  const agenda = f.getByRole('region', { name: 'Agenda' }).getByRole('listitem');
  await expect(agenda.nth(0)).toContainText('Map the hand-over: planned 10 min, took 0:');
  await expect(agenda.nth(1)).toContainText('Rate the fields: planned 15 min, took 0:');
  await expect(agenda.nth(1)).toContainText('Worked on: First home visit');
  await expect(f.getByRole('region', { name: 'Information fields' })).toContainText('3 ratings given');
  await expect(f.getByRole('region', { name: 'Information fields' })).toContainText('Fields proposedNothing.');
  await expect(f.getByRole('region', { name: 'Result of the dot vote' }).getByRole('listitem')).toHaveText(['Next of kin: 4 dots', 'Allergies: 3 dots']);
  await expect(f.getByRole('region', { name: 'Who took part (by profession)' }).getByRole('listitem')).toHaveText([
    'nurse: 2', 'physician: 1', 'therapist: 1',
  ]);
  await expectAccessible(f);
  const download = f.waitForEvent('download');
  await f.getByRole('link', { name: 'Download as Markdown' }).click();
  const md = await (await download).createReadStream();
  let text = '';
  for await (const chunk of md) text += chunk;
  expect(text).toContain('# Summary: Discharge to home care: what must travel?');
  expect(text).toContain('- Next of kin: 4 dots');
  expect(crashes).toEqual([]);
});
