import { test, expect, Page } from '@playwright/test';
import { expectAccessible, go, newPerson, ready, signUp, uniqueEmail, PASSWORD } from './helpers';

/** Violations of the Content-Security-Policy, as the page reports them. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__violations ?? []);
}

test('after signing in, a crafted next address stays on this site @nojs', async ({ page, baseURL }) => {
  const email = uniqueEmail('redirect');
  // Signing up with a crafted next: lands on this site's front page.
  await go(page, '/sign-up?next=/%09/evil.example/stolen');
  await signUp(page, 'Rita Redirect', email);
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();

  for (const next of ['/%09/evil.example/stolen', '/%0a/evil.example', '/%5Cevil.example', '//evil.example', 'https://evil.example']) {
    await go(page, `/sign-in?next=${next}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
    expect(new URL(page.url()).origin, next).toBe(new URL(baseURL!).origin);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();
  }
});

test('pages hydrate and go live under the Content-Security-Policy, and an inline script without the nonce is refused', async ({ browser }) => {
  const a = await newPerson(browser);
  await watchViolations(a.page);

  // A script slipped into the page as it is served, without the nonce.
  await a.page.route('**/sign-up', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<head>', '<head><script>window.__injected = true;</script>');
    await route.fulfill({ response, body: html });
  });
  const served = await a.page.goto('/sign-up');
  expect(served!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await ready(a.page);
  expect(await a.page.evaluate(() => (window as any).__injected)).toBeUndefined();
  expect((await violations(a.page)).some((v) => v.startsWith('script-src'))).toBe(true);
  await a.page.unroute('**/sign-up');

  // A script added later, by whatever means, is refused too.
  const ran = await a.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__added = true;';
    document.body.appendChild(s);
    return (window as any).__added === true;
  });
  expect(ran).toBe(false);

  // The app itself runs: sign up, create a project, follow it live.
  await go(a.page, '/sign-up');
  await signUp(a.page, 'Cecilie Policy', uniqueEmail('csp'));
  await expect(a.page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(a.page);
  await a.page.getByLabel('Project name').fill(`Under policy ${Date.now()}`);
  await a.page.getByLabel('Your profession').selectOption('nurse');
  await a.page.getByRole('button', { name: 'Create project' }).click();
  await ready(a.page);
  await expect(a.page.getByRole('status')).toHaveText(/^Live/);
  await a.page.getByRole('button', { name: 'Create map' }).click();
  await expect(a.page.getByRole('heading', { level: 3, name: 'Today' })).toBeVisible();
  await expectAccessible(a.page);
  // Nothing the app does is refused.
  expect(await violations(a.page)).toEqual([]);
  await a.context.close();
});

test('a name with a right-to-left override or only invisible characters', async ({ browser }) => {
  const a = await newPerson(browser);
  await go(a.page, '/sign-up');
  // Only zero-width characters: as good as blank.
  await signUp(a.page, '\u200B\u200D', uniqueEmail('blank'));
  await expect(a.page.getByRole('alert')).toHaveText('Enter your name.');

  await go(a.page, '/sign-up');
  await signUp(a.page, 'Kari\u202E Nordmann', uniqueEmail('rlo'));
  await expect(a.page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  // Stored without the override, and shown isolated from the text around it.
  const shown = a.page.locator('.who bdi');
  await expect(shown).toHaveText('Kari Nordmann');
  await a.context.close();
});

// Pages of a signed-in person are `no-store`: after signing out, Back must
// load the page again (and find no one signed in), not show the members of a
// project from the browser's cache or its back/forward cache. Without
// JavaScript every step is a full page load, so this is the cache's test;
// with it, Back is the router's, which asks the server again.
test('after signing out, Back does not show a project\'s members from the cache @nojs', async ({ page }) => {
  const project = `Back after sign-out ${Date.now()}`;
  await go(page, '/sign-up');
  await signUp(page, 'Bjørn Backbutton', uniqueEmail('back'));
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Project name').fill(project);
  await page.getByLabel('Your profession').selectOption('nurse');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: project })).toBeVisible();
  await ready(page);
  // A full page load of the members page, so that it is a history entry
  // the browser could have kept.
  await go(page, `${new URL(page.url()).pathname}/members`);
  const members = page.getByRole('table').filter({ hasText: 'Bjørn Backbutton' });
  await expect(members).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goBack();
  await ready(page);
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(members).toHaveCount(0);
  await expect(page.getByText(project)).toHaveCount(0);
});
