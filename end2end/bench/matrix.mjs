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
import { kb, ms, pool, startServer, summary } from './serve.mjs';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) throw new Error('usage: node bench/matrix.mjs BIN SITE');
const FIELDS = 60;
const CONTEXTS = 15;
const RATERS = 30;
const CLIENTS = 16;
const { base, port, call, signUp, load, sentBytes, rawBytes, hydration, done } = await startServer(bin, site, 'matrix');
const PROFESSIONS = ['nurse', 'physician', 'coordinator', 'care_worker', 'therapist', 'designer'];
const GROUPS = ['identity', 'contacts', 'medication', 'function', 'risk', 'clinical', 'social', 'plans', 'other'];
const RATINGS = ['should_not_be_shown', 'not_needed', 'useful', 'essential'];

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

/** The address of the state a page names (trail/page_state.rs). */
async function namedState(path, cookie) {
  const html = await (await fetch(`${base}${path}`, { headers: { Accept: 'text/html', Cookie: cookie } })).text();
  const found = html.match(/\{\\"\$state\\":\\"([^\\"]+)\\"/);
  if (!found) throw new Error(`${path} names no state`);
  return found[1];
}

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
const page = await load(pagePath, s.lead.cookie, 400, CLIENTS, '<table class="matrix">');
// The state the page names, which its script fetches beside the code
// (trail/page_state.rs): every page view asks for it once.
const statePath = await namedState(pagePath, s.lead.cookie);
const state = await load(statePath, s.lead.cookie, 400, CLIENTS);
const healthz = await load('/healthz', s.lead.cookie, 2000, CLIENTS);
console.log(`\nServer render of the fields page, ${CLIENTS} clients at once (${page.n} requests):`);
console.log(`  median ${ms(page.median)}, p99 ${ms(page.p99)}   (goal: median < 50 ms, p99 < 150 ms)`);
console.log(`  its state, as the page's script fetches it, the same way: median ${ms(state.median)}, p99 ${ms(state.p99)}`);
console.log(`  ceiling, /healthz the same way: median ${ms(healthz.median)}, p99 ${ms(healthz.p99)}`);

const sentPage = await sentBytes(pagePath, s.lead.cookie);
const sentState = await sentBytes(statePath, s.lead.cookie);
const sent = { bytes: sentPage.bytes + sentState.bytes, encoding: sentPage.encoding };
const raw = (await rawBytes(pagePath, s.lead.cookie)) + (await rawBytes(statePath, s.lead.cookie));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const fieldsPage = await hydration(browser, s.lead.cookie, pagePath);
const membersPage = await hydration(browser, s.lead.cookie, `/projects/${s.project}/members`);
await browser.close();
console.log(`\nWhat the page weighs:`);
console.log(`  HTML and its state: ${kb(raw)} raw, ${kb(sent.bytes)} as sent (${sent.encoding}; the state ${kb(sentState.bytes)})`);
console.log(`  first visit in Chromium, everything: ${kb(fieldsPage.first)}   (goal: page and state < 300 KB compressed)`);
console.log(`\nHydration in headless Chromium, DOMContentLoaded to live, warm cache (${fieldsPage.hydrate.n} loads):`);
console.log(`  fields page: median ${ms(fieldsPage.hydrate.median)}, worst ${ms(fieldsPage.hydrate.p99)}   (goal: < 300 ms)`);
console.log(`  ceiling, the members page: median ${ms(membersPage.hydrate.median)}`);

const live = await fanOut(s, 40);
console.log(`\nA rating reaching ${s.raters.length} other open matrices (${live.arrival.n} arrivals, ${live.lost} lost):`);
console.log(`  median ${ms(live.arrival.median)}, p95 ${ms(live.arrival.p95)}   (goal: p95 < 100 ms)`);
console.log(`  ceiling, the rating's own round trip: median ${ms(live.roundTrip.median)}, p95 ${ms(live.roundTrip.p95)}`);
done();
process.exit(0);
