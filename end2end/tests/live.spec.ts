import { test, expect } from '@playwright/test';
import { MAP_PAGE, expectAccessible, go, newPerson, openSection, ready, signUp, uniqueEmail } from './helpers';

test('two people on one project see each other’s changes without reloading', async ({ browser }) => {
  const projectName = `Live map ${Date.now()}`;
  const a = await newPerson(browser);
  await go(a.page, '/sign-up');
  await signUp(a.page, 'Ingrid Koordinator', uniqueEmail('ingrid'));
  await expect(a.page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(a.page);
  await a.page.getByLabel('Project name').fill(projectName);
  await a.page.getByLabel('Your profession').selectOption('coordinator');
  await a.page.getByRole('button', { name: 'Create project' }).click();
  await expect(a.page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
  await ready(a.page);
  await openSection(a.page, 'Members');
  await a.page.getByLabel('Role of the person who joins').selectOption('participant');
  await a.page.getByRole('button', { name: 'Create invite' }).click();
  const inviteUrl = await a.page.locator('.invite-link').first().getAttribute('href');
  await openSection(a.page, MAP_PAGE);

  const b = await newPerson(browser);
  await go(b.page, inviteUrl!);
  await b.page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await ready(b.page);
  await signUp(b.page, 'Ahmed Hjemmesykepleier', uniqueEmail('ahmed'));
  await expect(b.page.getByRole('heading', { name: 'Join a project' })).toBeVisible();
  await ready(b.page);
  await b.page.getByLabel('Your profession').selectOption('nurse');
  await b.page.getByRole('button', { name: 'Join' }).click();
  await expect(b.page.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
  await ready(b.page);

  // Both pages are following the project's stream.
  await expect(a.page.getByRole('status')).toHaveText(/^Live/);
  await expect(b.page.getByRole('status')).toHaveText(/^Live/);

  // A creates the map; B sees it appear.
  await a.page.getByRole('button', { name: 'Create map' }).click();
  await expect(b.page.getByRole('heading', { level: 3, name: 'Today' })).toBeVisible();
  // The first-step hint has done its work.
  await expect(a.page.locator('.first-step')).toHaveCount(0);

  // B adds an IT system; A sees it without reloading.
  await b.page.getByLabel('Kind', { exact: true }).selectOption('it_system');
  await b.page.getByLabel('Name', { exact: true }).fill('Kjernejournal');
  await b.page.getByRole('button', { name: 'Add', exact: true }).click();
  const onA = a.page.getByRole('list', { name: 'Today – Elements' }).locator('.element-name', { hasText: 'Kjernejournal' });
  await expect(onA).toBeVisible();
  await expect(a.page.getByRole('list', { name: 'Today – Elements' })).toContainText('IT system');

  // A renames the project on its members page; B's heading follows.
  await openSection(a.page, 'Members');
  await a.page.getByLabel('Project name').fill(`${projectName} (renamed)`);
  await a.page.getByRole('button', { name: 'Save' }).last().click();
  await expect(b.page.getByRole('heading', { level: 1 })).toHaveText(`${projectName} (renamed)`);
  await openSection(a.page, MAP_PAGE);

  // B removes the element; it disappears on A's page.
  await b.page.getByRole('link', { name: 'Edit Kjernejournal' }).click();
  await b.page.getByRole('button', { name: 'Remove Kjernejournal' }).click();
  await expect(onA).toHaveCount(0);
  await expectAccessible(a.page);
  await expectAccessible(b.page);

  await a.context.close();
  await b.context.close();
});
