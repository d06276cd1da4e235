import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { expectAccessible, go, newPerson, openSection, ready, signUp, startProject, uniqueEmail } from './helpers';

const FIELDS_PAGE = /^(Information fields|Informasjonsfelt)$/;

test('a decision taken from a matrix cell: argued, positions changed, edited, blocked, closed with dissent', async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await newPerson(browser);
  const f = lead.page;
  await startProject(f, 'Ingrid Leder', 'coordinator', 'Decisions');
  await openSection(f, 'Members');
  await f.getByLabel('Role of the person who joins').selectOption('participant');
  await f.getByRole('button', { name: 'Create invite' }).click();
  const inviteUrl = (await f.locator('.invite-link').first().getAttribute('href'))!;
  await openSection(f, FIELDS_PAGE);
  const fieldForm = f.getByRole('form', { name: 'Propose an information field' });
  await fieldForm.getByLabel('Name', { exact: true }).fill('Next of kin phone');
  await fieldForm.getByRole('button', { name: 'Propose an information field' }).click();
  const contextForm = f.getByRole('form', { name: 'Propose a context of use' });
  await contextForm.getByLabel('Name of the situation').fill('Night shift');
  await contextForm.getByRole('button', { name: 'Propose a context of use' }).click();
  await expect(f.getByRole('list', { name: 'Contexts of use' })).toContainText('Night shift');

  // From the cell: "Take this into a decision".
  await f.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first().click();
  await f.getByRole('link', { name: 'Take this into a decision' }).click();
  await ready(f);
  const propose = f.getByRole('form', { name: 'Propose a decision' });
  await expect(propose.getByRole('link', { name: 'Next of kin phone – Night shift' })).toBeVisible();
  await propose.getByLabel('What is to be decided').fill('The night shift does not see the next of kin’s phone number');
  await propose.getByLabel('Options').fill('Hidden at night\nShown to everyone');
  await propose.getByRole('button', { name: 'Propose a decision' }).click();
  await f.getByRole('link', { name: 'The night shift does not see the next of kin’s phone number' }).click();
  await ready(f);
  await expect(f.getByRole('heading', { level: 2 })).toHaveText('The night shift does not see the next of kin’s phone number');
  await expect(f.getByRole('link', { name: 'Next of kin phone – Night shift' })).toBeVisible();
  const decisionUrl = f.url();

  // A nurse joins and argues; she must give a reason to disagree.
  const nurse = await newPerson(browser);
  const n = nurse.page;
  await go(n, inviteUrl);
  await n.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await ready(n);
  await signUp(n, 'Kari Sykepleier', uniqueEmail('kari'));
  await expect(n.getByRole('heading', { name: 'Join a project' })).toBeVisible();
  await ready(n);
  await n.getByLabel('Your profession').selectOption('nurse');
  await n.getByRole('button', { name: 'Join' }).click();
  await expect(n.getByRole('status').first()).toHaveText(/^Live/);
  await go(n, new URL(decisionUrl).pathname);
  const hidden = n.getByRole('form', { name: 'Hidden at night Your position' });
  await hidden.getByRole('button', { name: 'disagree' }).click();
  await expect(n.getByRole('alert').filter({ hasText: 'Write a reason.' })).toBeVisible();
  await hidden.getByLabel('Reason (required for disagree and block)').fill('Relatives call at night when a patient worsens');
  await hidden.getByRole('button', { name: 'disagree' }).click();
  await expect(n.locator('.positions').first()).toContainText('Kari Sykepleier (nurse): disagree');
  // The lead sees it live.
  await expect(f.locator('.positions').first()).toContainText('Kari Sykepleier (nurse): disagree');
  // An argument against the other option, with its evidence.
  const shown = n.locator('.decision-option').nth(1);
  await shown.locator('summary', { hasText: 'Add an argument' }).click();
  await shown.getByLabel('For or against').selectOption('against');
  await shown.getByLabel('Argument', { exact: true }).fill('Night staff rarely call relatives themselves');
  await shown.getByLabel(/^Evidence/).fill('Pain point on the map: wrong person called at 3 am');
  await shown.getByRole('button', { name: 'Add argument' }).click();
  await expect(f.locator('.decision-option').nth(1)).toContainText('Kari Sykepleier (nurse): Night staff rarely call relatives themselves');
  await hidden.getByLabel('Reason (required for disagree and block)').fill('If the GP’s number is there instead');
  await hidden.getByRole('button', { name: 'agree with concerns' }).click();
  await expect(n.locator('.positions').first()).toContainText('agree with concerns');

  // The lead edits the text: Kari's position shows as given on revision 1.
  await f.locator('summary', { hasText: 'Edit the text' }).click();
  await f.getByLabel('What is to be decided').fill('The night shift sees the GP’s number, not the next of kin’s');
  await f.getByRole('button', { name: 'Save as a new revision' }).click();
  await expect(n.locator('.positions').first()).toContainText('given on revision 1: confirm or change');
  // What changed, word by word.
  await n.locator('summary', { hasText: 'Compare revisions' }).click();
  await expect(n.locator('.word-diff ins').first()).toContainText('sees');
  await expect(n.locator('.word-diff del').first()).toContainText('removed: does');
  await expect(n.locator('.word-diff')).toContainText('GP’s');

  // Kari blocks; closing is refused until overridden with a reason.
  await hidden.getByLabel('Reason (required for disagree and block)').fill('Unsafe without the GP’s number');
  await hidden.getByRole('button', { name: 'block' }).click();
  await expect(f.locator('.positions').first()).toContainText('block');
  const closeForm = f.getByRole('form', { name: 'Close the decision' });
  await closeForm.getByLabel('Rationale for the outcome').fill('Privacy first; the GP is reachable at night');
  await closeForm.getByRole('button', { name: 'Close and seal' }).click();
  await expect(f.getByRole('alert').filter({ hasText: 'Someone blocks this option' })).toBeVisible();
  await closeForm.getByLabel('Why the decision is taken although someone blocks').fill('The pilot starts Monday; reviewed in a month');
  await closeForm.getByRole('button', { name: 'Close and seal' }).click();
  const closing = f.getByRole('region', { name: 'Outcome' });
  await expect(closing).toContainText('Accepted: Hidden at night');
  await expect(closing).toContainText('Kari Sykepleier (nurse): block – Unsafe without the GP’s number');
  await expect(closing).toContainText('The pilot starts Monday');
  await expectAccessible(f);
  // The report holds the outcome, the override and the dissent.
  // As the browser asks for it when the link is followed: in its language.
  const href = (await f.getByRole('link', { name: 'Download as Markdown' }).getAttribute('href'))!;
  const report = await f.request.get(href, { headers: { 'Accept-Language': 'en-GB' } });
  const md = await report.text();
  expect(md).toContain('Accepted: Hidden at night');
  expect(md).toContain('Taken over a block: The pilot starts Monday; reviewed in a month');
  expect(md).toContain('- Kari Sykepleier (nurse): block – Unsafe without the GP’s number');
  // Sealed: no more positions on Kari's page.
  await expect(n.getByRole('region', { name: 'Outcome' })).toBeVisible();
  await expect(n.getByRole('button', { name: 'block' })).toHaveCount(0);
});

test('a decision is proposed, held by its quorum, closed with a criterion and found in the log, with plain forms @nojs', async ({ browser }) => {
  test.setTimeout(150_000);
  const lead = await newPerson(browser);
  await startProject(lead.page, 'Ola Leder', 'physician', 'Decisions nojs');
  const projectPath = new URL(lead.page.url()).pathname;
  const { page } = await newPerson(browser, false);
  // The same person, JavaScript off: sign in with the lead's cookies.
  await page.context().addCookies(await lead.context.cookies());
  await page.goto(`${projectPath}/decisions`);
  const propose = page.getByRole('form', { name: 'Propose a decision' });
  await propose.getByLabel('What is to be decided').fill('Medication changes at the top');
  await propose.getByLabel('Options').fill('At the top\nIn a tab');
  await propose.getByRole('button', { name: 'Propose a decision' }).click();
  await page.getByRole('link', { name: 'Medication changes at the top' }).click();
  const top = page.getByRole('form', { name: 'At the top Your position' });
  await top.getByRole('button', { name: 'agree', exact: true }).click();
  await expect(page.locator('.positions').first()).toContainText('Ola Leder (physician): agree');

  // A quorum holds the close until every profession in it took a position.
  const quorum = page.locator('form.quorum-form');
  await quorum.getByLabel('nurse', { exact: true }).check();
  await quorum.getByLabel('physician', { exact: true }).check();
  await quorum.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#quorum-state')).toHaveText(
    'Must take part before it is decided: nurse, physician. No position yet from: nurse.');
  const close = page.getByRole('form', { name: 'Close the decision' });
  await close.getByLabel('Rationale for the outcome').fill('Read first on every visit');
  await close.getByRole('button', { name: 'Close and seal' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not every profession that must take part' })).toBeVisible();
  await page.locator('form.quorum-form').getByLabel('nurse', { exact: true }).uncheck();
  await page.locator('form.quorum-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#quorum-state')).toContainText('Every profession that must take part has taken a position.');

  // Closed with a criterion to evaluate later; a date that is no day is refused.
  const closing = page.getByRole('form', { name: 'Close the decision' });
  await closing.getByLabel('Rationale for the outcome').fill('Read first on every visit');
  await closing.getByLabel('To evaluate later').fill('Ask the home-care nurses after a month');
  await closing.getByLabel('Evaluate by').fill('2027-03-01');
  await closing.getByRole('button', { name: 'Close and seal' }).click();
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome).toContainText('Accepted: At the top');
  await expect(outcome.locator('.criteria')).toHaveText('Ask the home-care nurses after a month – by 2027-03-01');
  await expect(outcome.locator('code.fingerprint')).toHaveText(/^[0-9a-f]{64}$/);

  // The log finds it by words and by status, and downloads it.
  await page.getByRole('link', { name: 'All decisions' }).click();
  await page.getByLabel('Search').fill('medication');
  await page.getByLabel('Status').selectOption('decided');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.decision-log li')).toHaveCount(1);
  await expect(page.getByRole('img', { name: /^Decisions over time: 1 proposed and 1 decided/ })).toBeVisible();
  const csv = await page.request.get((await page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!, { headers: { 'Accept-Language': 'en' } });
  expect(await csv.text()).toContain('Ask the home-care nurses after a month (by 2027-03-01)');
  // axe needs JavaScript in the page: the same pages are checked hydrated in the other tests.
});

test('the demo’s decision log: a dozen decisions, filtered by status, each readable on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const page = await context.newPage();
  await go(page, '/sign-in');
  await page.getByLabel('Email').fill('demo@samspill.no');
  await page.getByLabel('Password').fill('samspill-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Trygg utskrivning til hjemmetjenesten' }).click();
  await ready(page);
  await openSection(page, 'Decisions');
  await expect(page.locator('.decision-log li')).toHaveCount(12);
  await expectAccessible(page);
  await page.getByLabel('Status').selectOption('decided');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.decision-log li')).toHaveCount(5);
  // Words anywhere in a decision, with the status still chosen.
  await page.getByLabel('Search').fill('NØKKELBOKSEN');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.decision-log li')).toHaveCount(1);
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Order').selectOption('disagreement');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('.decision-log li').first()).toContainText('Rusmiddelbruk vises bare for sykepleiere');
  await expect(page.locator('.decision-log li').first()).toContainText('2 disagree or block');
  await page.getByLabel('Status').selectOption('decided');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('link', { name: 'Koden til nøkkelboksen sendes ikke i meldingen' }).click();
  await ready(page);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome).toContainText('Accepted: Koden gis muntlig ved første kontakt');
  await expect(outcome).toContainText('Ahmed Hjemmesykepleier (nurse): disagree');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'All decisions' }).click();
  await page.getByRole('link', { name: 'Nattevakten ser ikke pårørendes telefonnummer' }).click();
  await ready(page);
  await expect(page.locator('.positions').first()).toContainText('Mona Helsefagarbeider (care worker): block');
  // The quorum says who has still not taken a position.
  await expect(page.locator('#quorum-state')).toHaveText(
    'Must take part before it is decided: nurse, physician, care worker. No position yet from: physician.');
  await expectAccessible(page);

  // A closed decision: the reservation became a criterion, and its
  // fingerprint is the SHA-256 of the text shown beside it.
  await page.getByRole('link', { name: 'All decisions' }).click();
  await page.getByRole('link', { name: /^Legemiddelendringer står øverst/ }).click();
  await ready(page);
  const closing = page.getByRole('region', { name: 'Outcome' });
  await expect(closing.locator('.criteria')).toContainText('Bare hvis listen er avstemt med multidose – by 2027-03-01');
  await closing.getByText('The text the fingerprint is computed from').click();
  const canonical = await closing.locator('pre.canonical').textContent();
  expect(canonical).toContain('De som gir legemidlene første døgn');
  const digest = createHash('sha256').update(canonical!, 'utf8').digest('hex');
  await expect(closing.locator('code.fingerprint')).toHaveText(digest);
  await expectAccessible(page);
  await context.close();
});
