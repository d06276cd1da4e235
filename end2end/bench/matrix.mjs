// Benchmark of the relevance matrix at workshop scale (not a test): 60
// fields × 15 contexts of use rated by 30 people (27,000 ratings), seeded
// through the real server. Prints, each beside a ceiling measured in the
// same run on the same server:
// - the fields page rendered on the server for 16 clients at once, median
//   and p99 (ceiling: /healthz the same way);
// - what the page weighs: its HTML with the state in it, as sent (brotli),
//   and everything a first visit transfers in Chromium;
// - hydration in headless Chromium, from DOMContentLoaded to live (ceiling:
//   the project's members page);
// - a rating reaching 30 other open matrices through the live stream, p95
//   (ceiling: the rating's own HTTP round trip).
//
//   make bench-matrix    (or: node end2end/bench/matrix.mjs BIN SITE)
//   BENCH_HOLD=1 …: seed, print the page and a lead's cookie, keep serving.
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) throw new Error('usage: node bench/matrix.mjs BIN SITE');
const FIELDS = 60;
const CONTEXTS = 15;
const RATERS = 30;
const CLIENTS = 16;
const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  bin,
  ['serve', '--no-demo', '--bind', `127.0.0.1:${port}`, '--data-dir', mkdtempSync(join(tmpdir(), 'samspill-matrix-')), '--site-root', site, '--log', 'warn'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
server.on('exit', (code, signal) => {
  if (!finished) console.error(`the server stopped (${code ?? signal})`);
});
let finished = false;
process.on('exit', () => server.kill());

async function waitForServer() {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

/** A person's browser, as far as the server can tell: their cookie. */
function person() {
  return { cookie: '' };
}

async function call(who, fn, fields) {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { Origin: base, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: who.cookie },
    body: new URLSearchParams(fields),
  });
  const set = res.headers.get('set-cookie');
  if (set) who.cookie = set.split(';')[0];
  if (!res.ok) throw new Error(`${fn}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs `jobs` (functions returning promises), `width` at a time. */
async function pool(jobs, width) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        await job();
      }
    }),
  );
}

const PASSWORD = 'blå-hest-på-sykkeltur';
const PROFESSIONS = ['nurse', 'physician', 'coordinator', 'care_worker', 'therapist', 'designer'];
const GROUPS = ['identity', 'contacts', 'medication', 'function', 'risk', 'clinical', 'social', 'plans', 'other'];
const RATINGS = ['should_not_be_shown', 'not_needed', 'useful', 'essential'];
const run = Date.now();

async function signUp(name, n) {
  const p = person();
  await call(p, 'sign_up', { display_name: name, email: `bench.${run}.${n}@example.org`, password: PASSWORD });
  return p;
}

async function seed() {
  const lead = await signUp('Lead', 0);
  const project = await call(lead, 'create_project', { name: 'Matrix benchmark', purpose: '', profession: 'coordinator' });
  await pool(
    Array.from({ length: FIELDS }, (_, i) => () =>
      call(lead, 'propose_field', {
        project_id: project,
        name: `Informasjonsfelt ${String(i + 1).padStart(2, '0')}`,
        definition: 'Det som må med når pasienten skrives ut til hjemmetjenesten.',
        group: GROUPS[i % GROUPS.length],
        sensitivity: ['ordinary', 'sensitive', 'strictly_confidential'][i % 3],
      }),
    ),
    8,
  );
  await pool(
    Array.from({ length: CONTEXTS }, (_, i) => () =>
      call(lead, 'propose_context', { project_id: project, name: `Brukssituasjon ${String(i + 1).padStart(2, '0')}`, doing: 'Leser opplysningene før besøket' }),
    ),
    8,
  );
  const invite = await call(lead, 'create_invite', { project_id: project, role: 'participant' });
  const raters = [lead];
  for (let n = 1; n < RATERS + 1; n++) {
    const p = await signUp(`Deltaker ${n}`, n);
    await call(p, 'join_project', { code: invite.code, profession: PROFESSIONS[n % PROFESSIONS.length] });
    raters.push(p);
  }
  // The one who rates while the others watch (the 31st person).
  const watcher = raters.pop();
  const state = await call(lead, 'get_trail_state', { project_id: project, slices: 'fields' });
  const fields = Object.keys(state.content.fields.fields);
  const contexts = Object.keys(state.content.fields.contexts);
  const jobs = [];
  raters.forEach((p, r) => {
    fields.forEach((f, i) => {
      contexts.forEach((c, j) => {
        // Agreement on most cells, a profession leaning away on some.
        const score = Math.max(1, Math.min(4, 3 + ((i + j) % 3 === 0 ? 1 : 0) - ((r % 6 === 1 && i % 7 === 0) ? 2 : 0) - ((r * 31 + i * 7 + j) % 11 === 0 ? 1 : 0)));
        jobs.push(() => call(p, 'rate_cell', { project_id: project, field_id: f, context_id: c, rating: RATINGS[score - 1] }));
      });
    });
  });
  const t0 = performance.now();
  await pool(jobs, 32);
  const seeding = performance.now() - t0;
  return { project, lead, raters, watcher, fields, contexts, ratings: jobs.length, seeding };
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(times) {
  const s = [...times].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), n: s.length };
}

/** `total` GETs of `path`, `clients` at a time on kept-alive connections. */
async function load(path, cookie, total, clients) {
  const times = [];
  await pool(
    Array.from({ length: total }, () => async () => {
      const t = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { Accept: 'text/html', Cookie: cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      times.push(performance.now() - t);
    }),
    clients,
  );
  return summary(times);
}

/** The bytes of `path` as sent to a browser that accepts brotli. */
function sentBytes(path, cookie) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { Accept: 'text/html', 'Accept-Encoding': 'br, gzip', Cookie: cookie } }, (res) => {
      let n = 0;
      res.on('data', (chunk) => (n += chunk.length));
      res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] ?? 'identity' }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function rawBytes(path, cookie) {
  const res = await fetch(`${base}${path}`, { headers: { Accept: 'text/html', Cookie: cookie } });
  return (await res.arrayBuffer()).byteLength;
}

/** Milliseconds from DOMContentLoaded to hydrated, on a warm cache (the
 * second load), and what a first visit transferred. */
async function hydration(browser, cookie, path) {
  const context = await browser.newContext({ baseURL: base });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.dataset.hydrated === 'true') {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'], childList: true });
  });
  const page = await context.newPage();
  const visit = async () => {
    await page.goto(path);
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60_000 });
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const transferred = performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, nav.transferSize);
      return { hydrate: window.__hydratedAt - nav.domContentLoadedEventEnd, transferred };
    });
  };
  const first = await visit();
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push((await visit()).hydrate);
  await context.close();
  return { first: first.transferred, hydrate: summary(warm) };
}

/** A rating by the watcher, sent `rounds` times, reaching each rater's open
 * live stream: milliseconds from sending to arrival, and the POST's own
 * round trip. */
async function fanOut(s, rounds) {
  const head = await call(s.lead, 'get_trail_state', { project_id: s.project, slices: 'project' });
  const sockets = await Promise.all(
    s.raters.map(
      (p) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/live/${s.project}?after=${head.seq}`, { headers: { Origin: base, Cookie: p.cookie } });
          ws.on('open', () => resolve(ws));
          ws.on('error', reject);
        }),
    ),
  );
  // Whatever a stream says as it opens is not a rating arriving.
  await new Promise((r) => setTimeout(r, 500));
  const arrivals = [];
  const roundTrips = [];
  for (let k = 0; k < rounds; k++) {
    const waiting = sockets.map(
      (ws) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve(null), 5000);
          ws.once('message', () => {
            clearTimeout(timer);
            resolve(performance.now());
          });
        }),
    );
    const t0 = performance.now();
    await call(s.watcher, 'rate_cell', { project_id: s.project, field_id: s.fields[k % s.fields.length], context_id: s.contexts[k % s.contexts.length], rating: RATINGS[k % 4] });
    roundTrips.push(performance.now() - t0);
    for (const at of await Promise.all(waiting)) arrivals.push(at === null ? Infinity : at - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  sockets.forEach((ws) => ws.close());
  return { arrival: summary(arrivals), roundTrip: summary(roundTrips), lost: arrivals.filter((a) => a === Infinity).length };
}

const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

await waitForServer();
console.log(`Seeding ${FIELDS} fields × ${CONTEXTS} contexts × ${RATERS} people through the server…`);
const s = await seed();
console.log(`  ${s.ratings} ratings in ${(s.seeding / 1000).toFixed(1)} s (${Math.round(s.ratings / (s.seeding / 1000))} a second, 32 at a time)`);

const pagePath = `/projects/${s.project}/fields`;
if (process.env.BENCH_HOLD) {
  // For profiling by hand: the seeded server stays up until interrupted.
  console.log(`Holding ${base}${pagePath}\nCookie: ${s.lead.cookie}`);
  await new Promise(() => {});
}
await load(pagePath, s.lead.cookie, 32, CLIENTS); // warm the cached state
const page = await load(pagePath, s.lead.cookie, 400, CLIENTS);
const healthz = await load('/healthz', s.lead.cookie, 2000, CLIENTS);
console.log(`\nServer render of the fields page, ${CLIENTS} clients at once (${page.n} requests):`);
console.log(`  median ${ms(page.median)}, p99 ${ms(page.p99)}   (goal: median < 50 ms, p99 < 150 ms)`);
console.log(`  ceiling, /healthz the same way: median ${ms(healthz.median)}, p99 ${ms(healthz.p99)}`);

const sent = await sentBytes(pagePath, s.lead.cookie);
const raw = await rawBytes(pagePath, s.lead.cookie);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const fieldsPage = await hydration(browser, s.lead.cookie, pagePath);
const membersPage = await hydration(browser, s.lead.cookie, `/projects/${s.project}/members`);
await browser.close();
console.log(`\nWhat the page weighs:`);
console.log(`  HTML with the state: ${kb(raw)} raw, ${kb(sent.bytes)} as sent (${sent.encoding})`);
console.log(`  first visit in Chromium, everything: ${kb(fieldsPage.first)}   (goal: page and state < 300 KB compressed)`);
console.log(`\nHydration in headless Chromium, DOMContentLoaded to live, warm cache (${fieldsPage.hydrate.n} loads):`);
console.log(`  fields page: median ${ms(fieldsPage.hydrate.median)}, worst ${ms(fieldsPage.hydrate.p99)}   (goal: < 300 ms)`);
console.log(`  ceiling, the members page: median ${ms(membersPage.hydrate.median)}`);

const live = await fanOut(s, 40);
console.log(`\nA rating reaching ${s.raters.length} other open matrices (${live.arrival.n} arrivals, ${live.lost} lost):`);
console.log(`  median ${ms(live.arrival.median)}, p95 ${ms(live.arrival.p95)}   (goal: p95 < 100 ms)`);
console.log(`  ceiling, the rating's own round trip: median ${ms(live.roundTrip.median)}, p95 ${ms(live.roundTrip.p95)}`);
finished = true;
process.exit(0);
