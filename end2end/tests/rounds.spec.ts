import { test, expect, Page } from '@playwright/test';
import { expectAccessible, go, newPerson, openSection, ready, signUp, startProject, uniqueEmail } from './helpers';

const FIELDS_PAGE = /^(Information fields|Informasjonsfelt)$/;

test('an anonymous round hides names and results until it closes, also from the facilitator', async ({ browser }) => {
  test.setTimeout(180_000);
  const lead = await newPerson(browser);
  const f = lead.page;
  await startProject(f, 'Ingrid Fasilitator', 'coordinator', 'Round');
  await openSection(f, 'Members');
  await f.getByLabel('Role of the person who joins').selectOption('participant');
  await f.getByRole('button', { name: 'Create invite' }).click();
  const inviteUrl = (await f.locator('.invite-link').first().getAttribute('href'))!;
  await openSection(f, FIELDS_PAGE);
  const fieldForm = f.getByRole('form', { name: 'Propose an information field' });
  await fieldForm.getByLabel('Name', { exact: true }).fill('Medication changes with reasons');
  await fieldForm.getByRole('button', { name: 'Propose an information field' }).click();
  const contextForm = f.getByRole('form', { name: 'Propose a context of use' });
  await contextForm.getByLabel('Name of the situation').fill('GP reconciling medication');
  await contextForm.getByRole('button', { name: 'Propose a context of use' }).click();
  await expect(f.getByRole('list', { name: 'Contexts of use' })).toContainText('GP reconciling medication');

  // The facilitator starts a round on the context.
  const rounds = f.getByRole('region', { name: 'Anonymous rounds' });
  await rounds.getByLabel('GP reconciling medication').check();
  await rounds.getByRole('button', { name: 'Start an anonymous round' }).click();
  await expect(rounds.getByRole('status')).toContainText('An anonymous round is running: GP reconciling medication');

  const people: { name: string; profession: string; rating: string; page?: Page }[] = [
    { name: 'Kari Sykepleier', profession: 'nurse', rating: 'essential' },
    { name: 'Per Sykepleier', profession: 'nurse', rating: 'essential' },
    { name: 'Ola Lege', profession: 'physician', rating: 'not needed' },
  ];
  for (const p of people) {
    const { page } = await newPerson(browser);
    await go(page, inviteUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
    await ready(page);
    await signUp(page, p.name, uniqueEmail(p.name.split(' ')[0].toLowerCase()));
    await expect(page.getByRole('heading', { name: 'Join a project' })).toBeVisible();
    await ready(page);
    await page.getByLabel('Your profession').selectOption(p.profession);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('status').first()).toHaveText(/^Live/);
    await openSection(page, FIELDS_PAGE);
    await page.getByRole('link', { name: 'Rate in the round' }).click();
    await ready(page);
    const round = page.getByRole('region', { name: 'Rate in the round' });
    await expect(round.getByRole('status')).toHaveText(/You have rated 0 of 1/);
    const form = round.getByRole('form', { name: 'Medication changes with reasons' });
    await form.getByRole('button', { name: p.rating, exact: false }).click();
    await expect(form.getByRole('button', { name: p.rating })).toHaveAttribute('aria-pressed', 'true');
    await expect(round.getByRole('status')).toHaveText(/You have rated 1 of 1/);
    p.page = page;
  }
  await expectAccessible(people[0].page!);

  // While it runs the facilitator sees no result and no name: her own
  // round page has only her own (empty) ballot, and the history says only
  // that a round started.
  await f.getByRole('link', { name: 'Rate in the round' }).click();
  await ready(f);
  await expect(f.getByRole('region', { name: 'Rate in the round' }).getByRole('status')).toHaveText(/You have rated 0 of 1/);
  await expect(f.getByRole('button', { name: /essential/, pressed: true })).toHaveCount(0);
  await expect(f.locator('.round-results')).toHaveCount(0);
  await openSection(f, 'History');
  // The link is current as soon as the address changes; the history
  // arrives after its code and its data.
  await expect(f.getByRole('main')).toContainText('started an anonymous round on 1 context(s) of use');
  const history = await f.getByRole('main').innerText();
  for (const p of people) expect(history).not.toContain(p.name);

  // The facilitator closes it; everyone's page shows the closed round live.
  await openSection(f, FIELDS_PAGE);
  await f.getByRole('region', { name: 'Anonymous rounds' }).getByRole('button', { name: 'Close the round and show the results' }).click();
  for (const p of people) {
    await expect(p.page!.getByRole('region', { name: 'Anonymous rounds' })).toContainText('3 took part, 3 ratings');
  }
  await f.getByRole('region', { name: 'Anonymous rounds' }).locator('.closed-rounds a').first().click();
  await ready(f);
  const results = f.getByRole('region', { name: 'Results of the round' });
  await expect(results).toContainText('Everyone (n = 3)');
  await expect(results).toContainText('essential 2 · useful 0 · not needed 1 · should not be shown 0');
  // Two nurses and one physician: neither profession is shown apart.
  await expect(results).toContainText('Other professions together (n = 3)');
  await expect(results).not.toContainText('Nurse');
  for (const p of people) await expect(results).not.toContainText(p.name);
  await expectAccessible(f);
});
