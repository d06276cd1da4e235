import { test, expect, Page } from '@playwright/test';
import { expectAccessible, go, newPerson, openSection, ready, signUp, startProject, uniqueEmail } from './helpers';

const FIELDS_PAGE = /^(Information fields|Informasjonsfelt)$/;

async function proposeFieldAndContext(page: Page, field: string, context: string): Promise<void> {
  const fieldForm = page.getByRole('form', { name: 'Propose an information field' });
  await fieldForm.getByLabel('Name', { exact: true }).fill(field);
  await fieldForm.getByLabel('Sensitivity').selectOption('sensitive');
  await fieldForm.getByRole('button', { name: 'Propose an information field' }).click();
  await expect(page.getByRole('list', { name: 'Information fields' })).toContainText(field);
  const contextForm = page.getByRole('form', { name: 'Propose a context of use' });
  await contextForm.getByLabel('Name of the situation').fill(context);
  await contextForm.getByRole('button', { name: 'Propose a context of use' }).click();
  await expect(page.getByRole('list', { name: 'Contexts of use' })).toContainText(context);
}

test('three professions rate a cell, one on a phone field by field; the matrix follows live', async ({ browser }) => {
  const a = await newPerson(browser);
  await startProject(a.page, 'Ingrid Koordinator', 'coordinator', 'Matrix');
  await openSection(a.page, 'Members');
  await a.page.getByLabel('Role of the person who joins').selectOption('participant');
  await a.page.getByRole('button', { name: 'Create invite' }).click();
  const inviteUrl = (await a.page.locator('.invite-link').first().getAttribute('href'))!;
  await openSection(a.page, FIELDS_PAGE);
  // A new project's fields page says what to do first.
  await expect(a.page.locator('.first-step')).toBeVisible();
  await proposeFieldAndContext(a.page, 'Allergies / CAVE', 'Home-care nurse’s first visit');
  await expect(a.page.locator('.first-step')).toHaveCount(0);
  const cellOnA = a.page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first();
  await expect(cellOnA).toContainText('·');

  const join = async (name: string, profession: string, phone: boolean) => {
    const context = await browser.newContext(
      phone
        ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'en-GB' }
        : { locale: 'en-GB' },
    );
    const page = await context.newPage();
    await go(page, inviteUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
    await ready(page);
    await signUp(page, name, uniqueEmail(name.split(' ')[0].toLowerCase()));
    await expect(page.getByRole('heading', { name: 'Join a project' })).toBeVisible();
    await ready(page);
    await page.getByLabel('Your profession').selectOption(profession);
    await page.getByRole('button', { name: 'Join' }).click();
    await expect(page.getByRole('status').first()).toHaveText(/^Live/);
    await openSection(page, FIELDS_PAGE);
    await expect(page.getByRole('status').first()).toHaveText(/^Live/);
    return { context, page };
  };
  const b = await join('Kari Sykepleier', 'nurse', false);
  const c = await join('Ola Lege', 'physician', true);

  // Kari opens the cell and rates it essential, with a reason.
  await b.page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first().click();
  await expect(b.page.getByRole('heading', { name: '“Allergies / CAVE” in “Home-care nurse’s first visit”' })).toBeVisible();
  await b.page.getByLabel('Short reason (optional)').fill('Must be checked before the first dose');
  await b.page.getByRole('button', { name: 'essential' }).click();
  await expect(b.page.getByRole('button', { name: 'essential' })).toHaveAttribute('aria-pressed', 'true');
  await expect(cellOnA).toContainText('n=1');

  // Ola, on a phone, rates the context field by field.
  await c.page.getByRole('list', { name: 'Contexts of use' }).getByRole('link', { name: 'Rate' }).click();
  await expect(c.page.getByText('0 of 1 rated')).toBeVisible();
  await c.page.getByRole('button', { name: 'useful' }).click();
  await expect(c.page.getByText('1 of 1 rated')).toBeVisible();
  await expect(c.page.getByText('You have rated every field in this context.')).toBeVisible();
  const width = await c.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expect(cellOnA).toContainText('n=2');

  // Ingrid rates too: three ratings make a score, on every open matrix.
  // Kari's keyboard is on the cell meanwhile, and stays there.
  const cellOnB = b.page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first();
  await cellOnB.focus();
  await cellOnA.click();
  await a.page.getByRole('button', { name: 'essential' }).click();
  await expect(cellOnA).toHaveText(/^4/);
  await expect(cellOnB).toHaveText(/^4/);
  await expect(cellOnB).toBeFocused();
  await expect(a.page.locator('.reasons')).toContainText('Kari Sykepleier (nurse): essential – Must be checked before the first dose');
  await expect(a.page.locator('.measures')).toContainText('Consensus');

  // Seen from the context: the field, essential, marked sensitive.
  await a.page.getByRole('region', { name: 'Relevance matrix' }).getByRole('link', { name: 'View as' }).click();
  const shown = a.page.locator('.view-as-fields li');
  await expect(shown).toHaveCount(1);
  await expect(shown.first()).toContainText('Allergies / CAVE');
  await expect(shown.first()).toContainText('sensitive');
  await expect(shown.first()).toContainText('essential');

  // A duplicate proposed by Kari is merged into the first: the ratings stay.
  const fieldForm = b.page.getByRole('form', { name: 'Propose an information field' });
  await b.page.locator('details.propose summary').first().click();
  await fieldForm.getByLabel('Name', { exact: true }).fill('Allergy information');
  await fieldForm.getByRole('button', { name: 'Propose an information field' }).click();
  await expect(a.page.getByRole('list', { name: 'Information fields' })).toContainText('Allergy information');
  // Its merge form opens by a link (the page does not carry one per item).
  await a.page.getByRole('link', { name: 'Merge “Allergy information”' }).click();
  await a.page.getByRole('button', { name: 'Merge “Allergy information”' }).click();
  await expect(a.page.getByRole('list', { name: 'Information fields' }).locator('li')).toHaveCount(1);
  await expect(cellOnB).toHaveText(/^4/);
  await expect(b.page.getByRole('list', { name: 'Information fields' })).not.toContainText('Allergy information');

  // The history says who rated what, as which profession.
  await openSection(a.page, 'History');
  await expect(a.page.getByRole('main')).toContainText('rated “Allergies / CAVE” essential for “Home-care nurse’s first visit” (nurse)');

  await expectAccessible(b.page);
  await expectAccessible(c.page);
  await a.context.close();
  await b.context.close();
  await c.context.close();
});

test('fields, contexts and ratings work as plain forms @nojs', async ({ page }) => {
  await startProject(page, 'Nils Koordinator', 'coordinator', 'Plain fields');
  await openSection(page, FIELDS_PAGE);
  await proposeFieldAndContext(page, 'Current medication list', 'Evening visit by a care assistant');
  const beforeRating = await page.locator('#fields-version').inputValue();
  await page.getByRole('list', { name: 'Contexts of use' }).getByRole('link', { name: 'Rate' }).click();
  await expect(page.getByText('0 of 1 rated')).toBeVisible();
  await page.getByRole('button', { name: 'essential' }).click();
  await expect(page.getByText('1 of 1 rated')).toBeVisible();
  // A second thought replaces the first: still one rating.
  await page.locator('.rate-all summary').click();
  await page.locator('.rate-all').getByRole('link', { name: 'Current medication list' }).click();
  await page.getByRole('button', { name: 'useful' }).click();
  await expect(page.getByRole('button', { name: 'useful' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first()).toContainText('n=1');
  // The matrix as it was before anyone rated: no ratings, nothing to change.
  await page.locator('details.look-back summary').click();
  await page.getByLabel('Version', { exact: true }).fill(beforeRating);
  await page.locator('details.look-back').getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText(`You are looking at the fields and the matrix as they were after version ${beforeRating}`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first()).not.toContainText('n=1');
  await expect(page.getByRole('form', { name: 'Propose an information field' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to now' }).click();
  await expect(page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first()).toContainText('n=1');
  // The cell keeps both ratings in its own history, the latest first.
  await page.getByRole('region', { name: 'Relevance matrix' }).locator('td a').first().click();
  await page.getByRole('link', { name: 'Every rating of this cell, earlier ones too (history)' }).click();
  await expect(page.getByRole('heading', { name: 'The history of “Current medication list – Evening visit by a care assistant”' })).toBeVisible();
  const said = page.locator('ol.history li .sentence');
  await expect(said).toHaveCount(2);
  await expect(said.nth(0)).toContainText('rated “Current medication list” useful for “Evening visit by a care assistant”, was essential');
  await expect(said.nth(1)).toContainText('rated “Current medication list” essential');
  await expectAccessible(page);
});
