import { expect, test, Page, Browser, BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

let counter = 0;
/** An email no other test (or earlier run on the same database) has used. */
export function uniqueEmail(who: string): string {
  counter += 1;
  return `${who}.${Date.now()}.${counter}@example.org`;
}

export const PASSWORD = 'blå-hest-på-sykkeltur';

/** Waits until the page is live (hydrated), when JavaScript is on. Clicks
 * before that would be lost. */
export async function ready(page: Page): Promise<void> {
  // Playwright's own evaluate runs even with JavaScript off, so ask the project.
  const jsOn = test.info().project.use.javaScriptEnabled !== false;
  if (jsOn) {
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 30_000 });
  }
}

export async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await ready(page);
}

/** Fails on any serious or critical accessibility violation on the page. */
export async function expectAccessible(page: Page): Promise<void> {
  // axe runs as a script in the page; the same pages are checked hydrated.
  if (test.info().project.use.javaScriptEnabled === false) return;
  // Label in name (WCAG 2.5.3, level A) is experimental in axe and off by
  // default; Lighthouse checks it. Someone who speaks to their phone says
  // what they see on a control, so its accessible name must hold that.
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

export async function signUp(page: Page, name: string, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel(/^(Name shown to others|Navn som vises for andre)$/).fill(name);
  await page.getByLabel(/^(Email|E-post)$/).fill(email);
  await page.getByLabel(/^(Password|Passord)$/).fill(password);
  await page.getByRole('button', { name: /^(Create account|Opprett konto)$/ }).click();
}

export async function newPerson(browser: Browser, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'en-GB' });
  const page = await context.newPage();
  return { context, page };
}

/** Opens one of a project's pages from its navigation ('Members',
 * 'History', or the map's page), and waits until it is the current one. */
export async function openSection(page: Page, name: string | RegExp): Promise<void> {
  const link = page.getByRole('navigation', { name: /^(Project pages|Prosjektets sider)$/ }).getByRole('link', { name });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
  await ready(page);
}

export const MAP_PAGE = /^(Work-system map|Arbeidssystemkart)$/;

/** Signs up as `who` and creates a project; ends on the project's page. */
export async function startProject(page: Page, who: string, profession: string, title: string): Promise<void> {
  await go(page, '/sign-up');
  await signUp(page, who, uniqueEmail(who.split(' ')[0].toLowerCase()));
  await expect(page.getByRole('heading', { name: 'My projects' })).toBeVisible();
  await ready(page);
  const name = `${title} ${Date.now()}`;
  await page.getByLabel('Project name').fill(name);
  await page.getByLabel('Your profession').selectOption(profession);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await ready(page);
}
