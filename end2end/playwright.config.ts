import { defineConfig } from '@playwright/test';

// The real server on a fresh SQLite database in a temporary directory, with
// the demo project loaded: the map's readability is measured on it.
const port = Number(process.env.SAMSPILL_E2E_PORT ?? 3111);
const baseURL = `http://127.0.0.1:${port}`;
const bin = process.env.SAMSPILL_BIN;
const site = process.env.SAMSPILL_SITE;
if (!bin || !site) {
  throw new Error('run through end2end/run.sh (or make test): SAMSPILL_BIN and SAMSPILL_SITE are needed');
}

// Debian's chromium: Playwright's own browser download cannot work here.
const launchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { baseURL, launchOptions, locale: 'en-GB', trace: 'off' },
  projects: [
    // As most people use it: hydrated, with WebAssembly running.
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    // Forms still work with JavaScript off (server-rendered, posts and redirects).
    { name: 'no-js', use: { javaScriptEnabled: false }, grep: /@nojs/ },
  ],
  webServer: {
    command: `sh -c 'd=$(mktemp -d) && exec "${bin}" serve --bind 127.0.0.1:${port} --data-dir "$d" --site-root "${site}"'`,
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
