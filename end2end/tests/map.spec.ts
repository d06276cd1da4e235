import { test, expect, Page } from '@playwright/test';
import { expectAccessible, go, newPerson, ready, signUp, uniqueEmail } from './helpers';

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

async function invite(page: Page, role: string): Promise<string> {
  await page.getByLabel('Role of the person who joins').selectOption(role);
  await page.getByRole('button', { name: 'Create invite' }).click();
  const item = page.locator('.invite', { hasText: role }).first();
  await expect(item).toBeVisible();
  return (await item.locator('.invite-link').getAttribute('href'))!;
}

test('two participants build a map together, one with the keyboard only; an observer looks on', async ({ browser }) => {
  const a = await newPerson(browser);
  await go(a.page, '/sign-up');
  await signUp(a.page, 'Kari Sykepleier', uniqueEmail('kari'));
  await expect(a.page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(a.page);
  await a.page.getByLabel('Project name').fill(`Map ${Date.now()}`);
  await a.page.getByLabel('Your profession').selectOption('nurse');
  await a.page.getByRole('button', { name: 'Create project' }).click();
  await expect(a.page.getByRole('status').first()).toHaveText(/^Live/);
  const participantLink = await invite(a.page, 'participant');
  const observerLink = await invite(a.page, 'observer');

  const b = await joinAs(browser, participantLink, 'Ahmed Hjemmesykepleier', 'nurse');
  const c = await joinAs(browser, observerLink, 'Per Pårørende', 'patient_representative');

  // A, with the mouse: a map and its first element.
  await a.page.getByRole('button', { name: 'Create map' }).click();
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

  // B, keyboard: a pain point on the municipal record.
  const row = b.page.locator('li.element', { hasText: 'Municipal record' });
  await row.locator('summary', { hasText: 'Raise a pain point' }).focus();
  await kb.press('Enter');
  await row.getByLabel('Pain point').focus();
  await kb.type('Double documentation');
  await kb.press('Enter');
  await expect(a.page.locator('li.element', { hasText: 'Municipal record' })).toContainText(
    'Double documentation – Ahmed Hjemmesykepleier (nurse)',
  );

  // The observer sees it all and is offered nothing to change.
  await expect(c.page.getByRole('list', { name: 'Today – Elements' })).toContainText('Municipal record');
  await expect(c.page.getByRole('list', { name: 'Today – Links' })).toContainText('Home nurse → Municipal record');
  await expect(c.page.getByText('Double documentation')).toBeVisible();
  await expect(c.page.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
  await expect(c.page.getByText('Add link')).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: 'Undo my last change' })).toHaveCount(0);

  // A undoes the link; it disappears for everyone, and the history says so.
  await a.page.getByRole('button', { name: 'Undo my last change' }).click();
  await expect(bLinks).not.toContainText('Hospital ward → Home nurse');
  await expectAccessible(a.page);
  await expectAccessible(c.page);

  for (const p of [a, b, c]) await p.context.close();
});
