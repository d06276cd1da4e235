import { test, expect } from '@playwright/test';
import { expectAccessible, go, newPerson, openSection, ready, signUp, uniqueEmail } from './helpers';

test('the history tells who changed what, filters, and compares two versions @nojs', async ({ browser }) => {
  const js = test.info().project.use.javaScriptEnabled !== false;
  const { context, page } = await newPerson(browser, js);
  const name = `History ${Date.now()}`;
  await go(page, '/sign-up');
  await signUp(page, 'Kari Nordmann', uniqueEmail('kari'));
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Project name').fill(name);
  await page.getByLabel('Your profession').selectOption('nurse');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await ready(page);

  await page.getByRole('button', { name: 'Create map' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Today' })).toBeVisible();
  await ready(page);
  // Markup in a name is shown as text, in the history too.
  await page.getByLabel('Kind', { exact: true }).selectOption('artefact');
  await page.getByLabel('Name', { exact: true }).fill('<i>Legemiddelliste</i>');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('.element-name', { hasText: '<i>Legemiddelliste</i>' })).toBeVisible();
  await ready(page);
  await openSection(page, 'Members');
  await page.getByLabel('Project name').fill(`${name} v2`);
  await page.getByRole('button', { name: 'Save' }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} v2`);
  await ready(page);

  await page.getByRole('link', { name: /^History/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await ready(page);
  const list = page.locator('ol.history');
  await expect(list.locator('li')).toHaveCount(4);
  await expect(list.locator('li').first()).toContainText(`Kari Nordmann (nurse) renamed the project from “${name}” to “${name} v2”`);
  await expect(list).toContainText('Kari Nordmann (nurse) added the artefact “<i>Legemiddelliste</i>” to “Today”');
  await expect(list.locator('i')).toHaveCount(0);
  await expectAccessible(page);

  // Filter by kind.
  await page.getByLabel('What').selectOption('map_created');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(list.locator('li')).toHaveCount(1);
  await expect(list).toContainText('created the map “Today”');
  await expect(page.getByText('1 of 4 changes.')).toBeVisible();

  // Compare the project before and after the rename.
  await page.getByLabel('What').selectOption('project_described');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(list.locator('li')).toHaveCount(2);
  await list.locator('li').first().getByRole('link', { name: /Compare/ }).click();
  const diff = page.getByRole('table');
  await expect(diff.getByRole('row', { name: /name/ })).toContainText(name);
  await expect(diff.getByRole('row', { name: /name/ })).toContainText(`${name} v2`);
  await expectAccessible(page);
  await context.close();
});
