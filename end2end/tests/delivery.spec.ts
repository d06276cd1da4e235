import { expect, test } from '@playwright/test';
import { go, openSection, startProject } from './helpers';

// What a phone fetches: a page opened from its address gets the code of its
// group of pages in one bundle (pack-site.mjs, page_code.js); a page reached
// by a link afterwards loads only the chunks it lacks, one by one.
test('a page opened from its address gets its code in one bundle, and a linked page loads what it lacks', async ({ page }) => {
  await startProject(page, 'Bente Bundle', 'nurse', 'Code in one file');
  const address = page.url();

  const asked: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.startsWith('/pkg/')) asked.push(path.slice('/pkg/'.length));
  });
  await go(page, address);
  const bundles = asked.filter((f) => f.startsWith('bundle_'));
  const chunks = asked.filter((f) => /^(chunk|split)_/.test(f));
  expect(bundles).toEqual([expect.stringMatching(/^bundle_map_page\.[0-9a-f]{16}\.bin$/)]);
  expect(chunks).toEqual([]);

  // The page runs on the bundle's code: it follows the project live, and
  // its forms work.
  await expect(page.getByRole('status').first()).toHaveText(/^Live/);
  await page.getByRole('button', { name: 'Create map' }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('unit');
  await page.getByLabel('Name', { exact: true }).fill('Hospital ward');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Today – Elements' })).toContainText('Hospital ward');

  asked.length = 0;
  await openSection(page, 'History');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  expect(asked.filter((f) => f.startsWith('bundle_'))).toEqual([]);
  expect(asked.filter((f) => f.startsWith('split_history_page.'))).toHaveLength(1);
});
