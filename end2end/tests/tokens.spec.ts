import { expect, test } from '@playwright/test';
import { expectAccessible, go, signUp, uniqueEmail } from './helpers';

// A person makes a personal API token, sees it once, reads the API with it
// and revokes it; with JavaScript off too.
test('an API token is shown once, reads the API, and is refused once revoked @nojs', async ({ page, request }) => {
  await go(page, '/sign-up');
  await signUp(page, 'Tone Tokensen', uniqueEmail('tone'));
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await go(page, '/account/tokens');
  await expect(page.getByText('You have no API tokens.')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('What is it for?').fill('Rapport');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.locator('.token-secret');
  await expect(secret).toHaveText(/^samspill_[0-9a-f]{64}$/);
  const token = (await secret.textContent())!;
  await expect(page.getByText('Copy it now: it will not be shown again.')).toBeVisible();
  await expect(page.getByRole('cell', { name: `…${token.slice(-4)}` })).toBeVisible();
  await expectAccessible(page);

  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get('/api/v1/projects', { headers: auth })).status()).toBe(200);

  // Never shown again.
  await go(page, '/account/tokens');
  await expect(page.getByRole('cell', { name: 'Rapport', exact: true })).toBeVisible();
  await expect(page.locator('.token-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(token.slice(9));

  await page.getByRole('button', { name: 'Revoke “Rapport”' }).click();
  await expect(page.getByText(/^Revoked \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  const refused = await request.get('/api/v1/projects', { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toBe('unauthorized');

  // A token revoked right after it is made is not shown any longer.
  await page.getByLabel('What is it for?').fill('Kort');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.locator('.token-secret')).toHaveCount(1);
  await page.getByRole('button', { name: 'Revoke “Kort”' }).click();
  await expect(page.getByRole('button', { name: 'Revoke “Kort”' })).toHaveCount(0);
  await expect(page.locator('.token-secret')).toHaveCount(0);
});
