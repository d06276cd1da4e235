import { test, expect } from '@playwright/test';
import { expectAccessible, go, newPerson, openSection, ready, signUp, uniqueEmail } from './helpers';

test('a lead invites an observer who joins, sees the project and can change nothing', async ({ browser }) => {
  const projectName = `Safe discharge ${Date.now()}`;

  // Person A signs up and creates a project.
  const a = await newPerson(browser);
  await go(a.page, '/sign-up');
  await expectAccessible(a.page);
  await signUp(a.page, 'Kari Nordmann', uniqueEmail('kari'));
  await expect(a.page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(a.page);
  await expectAccessible(a.page);

  await a.page.getByLabel('Project name').fill(projectName);
  await a.page.getByLabel('Purpose').fill('What home care needs to know <b>on the day</b> of discharge.');
  await a.page.getByLabel('Your profession').selectOption('nurse');
  await a.page.getByRole('button', { name: 'Create project' }).click();
  await expect(a.page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
  // User text is shown as text, never as markup.
  await expect(a.page.locator('.purpose')).toHaveText('What home care needs to know <b>on the day</b> of discharge.');
  // A new project says what to do first.
  await expect(a.page.locator('.first-step')).toContainText('Start with a map of how it is today');
  await ready(a.page);
  await expectAccessible(a.page);

  // A makes an observer invite, on the project's members page.
  await openSection(a.page, 'Members');
  await expectAccessible(a.page);
  await a.page.getByLabel('Role of the person who joins').selectOption('observer');
  await a.page.getByRole('button', { name: 'Create invite' }).click();
  const link = a.page.locator('.invite-link').first();
  await expect(link).toBeVisible();
  const inviteUrl = await link.getAttribute('href');
  expect(inviteUrl).toMatch(/\/join\/[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(a.page.locator('.invite').first()).toContainText('observer');

  // Person B, in another browser, follows the link, signs up and joins.
  const b = await newPerson(browser);
  const started = Date.now();
  await go(b.page, inviteUrl!);
  await expect(b.page.getByText(projectName)).toBeVisible();
  // Before joining, B is told what an observer may do.
  await expect(b.page.locator('.role-help')).toHaveText('As an observer you can read everything but change nothing.');
  await expectAccessible(b.page);
  await b.page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await ready(b.page);
  await signUp(b.page, 'Ola Observatør', uniqueEmail('ola'));
  await expect(b.page.getByRole('heading', { name: 'Join a project' })).toBeVisible();
  await ready(b.page);
  await b.page.getByLabel('Your profession').selectOption('physician');
  await b.page.getByRole('button', { name: 'Join' }).click();
  await expect(b.page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
  // From the link to inside the project well within a minute.
  expect(Date.now() - started).toBeLessThan(60_000);
  await ready(b.page);
  await expectAccessible(b.page);

  // B is an observer: told so, and offered nothing to change.
  await expect(b.page.getByRole('note')).toContainText('You are an observer');
  const projectId = b.page.url().split('/projects/')[1];
  await openSection(b.page, 'Members');
  await expect(b.page.getByRole('note')).toContainText('You are an observer');
  await expect(b.page.getByRole('button', { name: 'Create invite' })).toHaveCount(0);
  await expect(b.page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(b.page.getByRole('button', { name: /Change role/ })).toHaveCount(0);

  // Nor can B change anything by calling the server directly.
  const refused = await b.page.evaluate(async (id) => {
    const res = await fetch('/api/update_project', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ project_id: id, base_seq: '1', name: 'Taken over', purpose: '' }),
    });
    return { status: res.status, body: await res.text() };
  }, projectId);
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(refused.body).toContain('Forbidden');

  // Both see the project, with B as observer in A's member list.
  await a.page.reload();
  await ready(a.page);
  const row = a.page.getByRole('row', { name: /Ola Observatør/ });
  await expect(row).toContainText('physician');
  await expect(row.getByRole('combobox')).toHaveValue('observer');
  await expect(a.page.getByRole('heading', { level: 1 })).toHaveText(projectName);

  await go(b.page, '/');
  await expect(b.page.getByRole('link', { name: projectName })).toBeVisible();
  await expect(b.page.locator('.project-list li', { hasText: projectName })).toContainText('observer');

  await a.context.close();
  await b.context.close();
});

test('the language follows the browser at first and the switch remembers the choice', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nb-NO' });
  const page = await context.newPage();
  await go(page, '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('main').getByRole('link', { name: 'Opprett konto' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign up' })).toBeVisible();

  await go(page, '/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Norsk' }).click();
  await expect(page.getByRole('heading', { name: 'Logg inn' })).toBeVisible();
  await context.close();
});

test('bad input gets a clear message and a wrong password does not say which part was wrong @nojs', async ({ page }) => {
  const email = uniqueEmail('per');
  await go(page, '/sign-up');
  await signUp(page, 'Per Pleier', email, 'kort');
  // With JavaScript on, the browser itself refuses a too-short password.
  if (page.url().includes('/sign-up') && (await page.getByRole('alert').count()) === 0) {
    await page.getByLabel('Password').evaluate((el) => el.removeAttribute('minlength'));
    await page.getByRole('button', { name: 'Create account' }).click();
  }
  await expect(page.getByRole('alert')).toHaveText('The password must have at least 10 characters.');

  await go(page, '/sign-up');
  await signUp(page, 'Per Pleier', email);
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await go(page, '/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not-the-right-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expectAccessible(page);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('blå-hest-på-sykkeltur');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();

  await page.getByLabel('Project name').fill('Medication list at discharge');
  await page.getByLabel('Your profession').selectOption('care_worker');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medication list at discharge' })).toBeVisible();
});
