import { test, expect, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, go, newPerson, openSection, ready, startProject } from './helpers';

// The demo project (loaded when the test server starts) has 30 fields and 8
// contexts of use: its spreadsheets are what a second project would reuse.
const DEMO_EMAIL = 'demo@samspill.no';
const DEMO_PASSWORD = 'samspill-demo-2026';
const DEMO = 'Trygg utskrivning til hjemmetjenesten';
const FIELDS_PAGE = /^(Information fields|Informasjonsfelt)$/;

async function newProject(page: Page, who: string, title: string): Promise<void> {
  await startProject(page, who, 'coordinator', title);
  await openSection(page, FIELDS_PAGE);
  await page.getByRole('link', { name: 'Download or import as a spreadsheet (CSV)' }).click();
  await expect(page.getByRole('heading', { name: 'Spreadsheet (CSV)' })).toBeVisible();
  await ready(page);
}

test('the demo exported as spreadsheets imports into a new project after a preview, with the same fields and contexts', async ({ browser }) => {
  const demo = await newPerson(browser);
  await go(demo.page, '/sign-in');
  await demo.page.getByLabel('Email').fill(DEMO_EMAIL);
  await demo.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await demo.page.getByRole('button', { name: 'Sign in' }).click();
  await demo.page.getByRole('link', { name: DEMO }).click();
  await ready(demo.page);
  await openSection(demo.page, FIELDS_PAGE);
  const demoFields = (await demo.page.getByRole('list', { name: 'Information fields' }).locator(':scope > li > strong').allTextContents()).sort();
  const demoContexts = (await demo.page.getByRole('list', { name: 'Contexts of use' }).locator(':scope > li > strong').allTextContents()).sort();
  expect(demoFields).toHaveLength(30);
  expect(demoContexts).toHaveLength(8);
  await demo.page.getByRole('link', { name: 'Download or import as a spreadsheet (CSV)' }).click();
  await ready(demo.page);
  const download = async (name: string) => {
    const [file] = await Promise.all([demo.page.waitForEvent('download'), demo.page.getByRole('link', { name }).click()]);
    return (await file.path())!;
  };
  const fieldsFile = await download('Information fields (CSV)');
  const contextsFile = await download('Contexts of use (CSV)');
  // No cell of the download starts a formula in a spreadsheet program.
  const cells = readFileSync(fieldsFile, 'utf8').split(/[,\n]/);
  expect(cells.filter((c) => /^[=+\-@]/.test(c.replace(/^"/, '')))).toEqual([]);

  // Someone else starts a project of their own and brings both in.
  const lead = await newPerson(browser);
  await newProject(lead.page, 'Siri Prosjektleder', 'Reuse');
  await lead.page.getByLabel('Choose a file').setInputFiles(fieldsFile);
  await expect(lead.page.getByLabel("or paste the file's contents")).not.toHaveValue('');
  await lead.page.getByRole('button', { name: 'Preview' }).click();
  const preview = lead.page.getByRole('region', { name: /^Preview/ });
  await expect(preview.getByRole('status')).toHaveText('30 of 30 rows can be imported. Rows with errors are left out.');
  // The new project has no map: the systems and roles named are left empty, and said so.
  await expect(preview).toContainText('is not on the map and is left empty');
  await expectAccessible(lead.page);
  await preview.getByRole('button', { name: 'Import 30 rows' }).click();
  // Imported, the fields page shows them.
  const fields = lead.page.getByRole('list', { name: 'Information fields' });
  await expect(fields.locator(':scope > li')).toHaveCount(30);
  expect((await fields.locator(':scope > li > strong').allTextContents()).sort()).toEqual(demoFields);

  await lead.page.getByRole('link', { name: 'Download or import as a spreadsheet (CSV)' }).click();
  await ready(lead.page);
  await lead.page.getByLabel('Choose a file').setInputFiles(contextsFile);
  await expect(lead.page.getByLabel("or paste the file's contents")).not.toHaveValue('');
  await lead.page.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByRole('status')).toHaveText('8 of 8 rows can be imported. Rows with errors are left out.');
  await preview.getByRole('button', { name: 'Import 8 rows' }).click();
  const contexts = lead.page.getByRole('list', { name: 'Contexts of use' });
  await expect(contexts.locator(':scope > li')).toHaveCount(8);
  expect((await contexts.locator(':scope > li > strong').allTextContents()).sort()).toEqual(demoContexts);

  // One undo takes the last file back whole.
  await lead.page.getByRole('button', { name: 'Undo my last change' }).click();
  await expect(contexts.locator(':scope > li')).toHaveCount(0);
  await expect(fields.locator(':scope > li')).toHaveCount(30);
  await demo.context.close();
  await lead.context.close();
});

test('a pasted spreadsheet is previewed row by row and imported as plain forms @nojs', async ({ page }) => {
  await newProject(page, 'Nora Fagutvikler', 'Pasted');
  await page.getByLabel("or paste the file's contents").fill(
    'Name,Group,Sensitivity,Data type\n' +
      'Allergies / CAVE,Medication,sensitive,coded\n' +
      ',Identity,,\n' +
      'Next of kin,Contacts,very secret,\n' +
      'Allergies / CAVE,,,\n' +
      'Key box,Social,,list\n',
  );
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: /^Preview/ });
  await expect(preview.getByRole('status')).toHaveText('2 of 5 rows can be imported. Rows with errors are left out.');
  const rows = preview.locator('tbody tr');
  await expect(rows.nth(1)).toContainText('Left out');
  await expect(rows.nth(1)).toContainText('Enter a name.');
  await expect(rows.nth(2)).toContainText('Sensitivity: “very secret” is not one of the options');
  await expect(rows.nth(3)).toContainText('Same name as row 2');
  await preview.getByRole('button', { name: 'Import 2 rows' }).click();
  const fields = page.getByRole('list', { name: 'Information fields' });
  await expect(fields.locator(':scope > li')).toHaveCount(2);
  await expect(fields).toContainText('Allergies / CAVE');
  await expect(fields).toContainText('Key box');
});
