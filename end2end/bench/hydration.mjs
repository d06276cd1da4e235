// Hydration benchmark (not a test): where a page's hydration spends its
// time. Lighthouse's blocking time on a project page is mostly one task,
// the app hydrating; its score moves by several points from run to run, so
// it says that a page got slower, not what in it did. This profiles the
// hydration in headless Chromium with the CPU slowed four times (as
// Lighthouse's phone is), on the demo project, and prints per page the
// median time spent in hydration and the time spent under each of the
// app's functions. A sample counts for the innermost function on its stack
// whose name holds one of the app's paths, with what it called in other
// crates; generic code of Leptos or serde made for an app type (decoding a
// `Result<_, AppError>`, say) counts for the first app path in its name.
//
//   make bench-hydration   (or: node end2end/bench/hydration.mjs BIN SITE)
// SITE keeps the functions' names if built by `site.sh profile` (what the
// make target builds); a release site gets the blocking time only. Every
// page also gets the main thread's blocking time while it loads (each
// task's time beyond 50 ms, from the browser's long tasks) and its longest
// task: what Lighthouse's blocking time counts, without its variance from
// simulating the network. Environment: CHROME_PATH (default /usr/bin/chromium),
// RUNS (default 5), TOP (default 15), SETTLE_MS (how long to keep counting
// after the page says it is hydrated; default 3000), CHROME_ARGS (more
// flags for the browser, split at spaces: `--js-flags=--no-wasm-lazy-compilation`
// showed how much of the blocking time is V8 compiling on first call).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFunction, person, startServer, watchFailures } from './serve.mjs';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) throw new Error('usage: node hydration.mjs SAMSPILL_BINARY SITE_ROOT (a profile site for the time per function)');
// Without the functions' names (a release site) only the blocking time is
// measured, without the profiler's own cost.
const profiled = readFileSync(join(site, '.built-from'), 'utf8').includes('profile');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const runs = Number(process.env.RUNS ?? 5);
const top = Number(process.env.TOP ?? 15);
const settle = Number(process.env.SETTLE_MS ?? 3000);
const server = await startServer(bin, site, 'hydration', { demo: true });
const base = server.base;
const demoPerson = person();

/** Milliseconds in hydration, and per app function, from one CPU profile. */
function attribute(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = new Map();
  let hydration = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur).callFrame.functionName);
    if (!stack.some((f) => f.includes('hydrate_lazy'))) return;
    hydration += ms;
    const fn = stack.map(appFunction).find((f) => f) ?? '(Leptos, outside the app)';
    own.set(fn, (own.get(fn) ?? 0) + ms);
  });
  return { hydration, own };
}

await server.call(demoPerson, 'sign_in', { email: 'demo@samspill.no', password: 'samspill-demo-2026' });
const projects = await server.call(demoPerson, 'list_projects', {});
const cookie = demoPerson.cookie;
const demo = projects.find((p) => p.name.startsWith('Trygg utskrivning')) ?? projects[0];
const pages = [
  { name: 'project list', path: '/' },
  { name: 'demo map page', path: `/projects/${demo.id}` },
  { name: 'fields page', path: `/projects/${demo.id}/fields` },
  { name: 'history', path: `/projects/${demo.id}/history` },
];

console.log(`Hydration benchmark, ${new Date().toISOString()}, site ${site}${profiled ? '' : ' (no names: blocking time only)'}, CPU slowed 4x, ${runs} runs per page`);
const browser = await chromium.launch({ executablePath: chromePath, args: ['--headless', '--no-sandbox', '--disable-gpu', ...(process.env.CHROME_ARGS ? process.env.CHROME_ARGS.split(' ') : [])] });
for (const p of pages) {
  const results = [];
  const failed = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }]);
    const page = await context.newPage();
    const { failures } = watchFailures(page);
    // The tasks the main thread was blocked by, as Lighthouse's blocking
    // time counts them: a task's time beyond 50 ms.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (profiled) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${base}${p.path}`);
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 120_000 });
    // `data-hydrated` is set before a lazy route's chunks have come, and
    // work a page puts off comes later still: waiting 500 ms missed a long
    // task a change had moved out of hydration (the map's canvas measured
    // in the next frame, 53-109 ms at 4x) and counted the change a gain.
    await page.waitForTimeout(settle);
    const { profile } = profiled ? await cdp.send('Profiler.stop') : {};
    const tasks = await page.evaluate(() => window.__longTasks);
    await context.close();
    // A page whose code failed did less: its run is left out, and counted.
    if (failures.length) {
      failed.push(failures.join('; '));
      continue;
    }
    results.push({
      ...(profiled ? attribute(profile) : { hydration: 0, own: new Map() }),
      longest: Math.max(0, ...tasks),
      blocking: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    });
  }
  if (failed.length) console.log(`\n!! ${p.name}: the page's code failed in ${failed.length} of ${runs} runs, left out: ${[...new Set(failed)].join(' | ')}`);
  if (!results.length) continue;
  const sorted = (key) => results.map((x) => x[key]).sort((a, b) => a - b);
  const line = (key) => {
    const xs = sorted(key);
    return `median ${xs[Math.floor(xs.length / 2)].toFixed(0)} ms (runs: ${xs.map((t) => t.toFixed(0)).join(', ')})`;
  };
  console.log(`\n== ${p.name} (${p.path})${profiled ? `: hydration ${line('hydration')}` : ''}`);
  console.log(`   blocking time ${line('blocking')}; longest task ${line('longest')}`);
  const mean = new Map();
  for (const x of results) for (const [fn, ms] of x.own) mean.set(fn, (mean.get(fn) ?? 0) + ms / results.length);
  for (const [fn, ms] of [...mean.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${fn}`);
  }
}
await browser.close();
server.done();
process.exit(0);
