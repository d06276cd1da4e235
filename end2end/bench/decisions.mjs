// Benchmark of the decision log at the scale of a long project (not a
// test): 1,000 decisions, each argued and taken positions on by a dozen
// people of six professions, 400 of them closed, seeded through the real
// server. Prints, each beside a ceiling measured in the same run:
// - the decision log rendered on the server (one reviewer, then 16 at once),
//   median and p95 (ceiling: /healthz the same way);
// - a search of the log for words in about ten decisions, and for a word in
//   none, as pages, and the same search through the read API;
// - what the log page weighs as sent, and hydration in headless Chromium.
//
//   make bench-decisions    (or: node end2end/bench/decisions.mjs BIN SITE)
import { chromium } from 'playwright-core';
import { kb, ms, pool, startServer, summary } from './serve.mjs';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) throw new Error('usage: node bench/decisions.mjs BIN SITE');
const DECISIONS = 1000;
const CLOSED_EVERY = 5; // two in five closed: numbers 0 and 3 of each five
const PEOPLE = 12;
const { base, call, signUp, load, sentBytes, rawBytes, hydration, done } = await startServer(bin, site, 'decisions');

const PROFESSIONS = ['nurse', 'physician', 'coordinator', 'care_worker', 'therapist', 'designer'];
const TOPICS = ['legemiddelendringer', 'pårørende', 'allergier', 'nøkkelboks', 'tolk', 'funksjonsnivå', 'sårstell', 'fastlege', 'multidose', 'ernæring'];
const STANCES = ['agree', 'agree_with_concerns', 'disagree', 'block'];

async function seed() {
  const lead = await signUp('Lead', 0);
  const project = await call(lead, 'create_project', { name: 'Decision log benchmark', purpose: '', profession: 'coordinator' });
  const invite = await call(lead, 'create_invite', { project_id: project, role: 'participant' });
  const people = [];
  for (let n = 1; n <= PEOPLE; n++) {
    const p = await signUp(`Deltaker ${n}`, n);
    await call(p, 'join_project', { code: invite.code, profession: PROFESSIONS[n % PROFESSIONS.length] });
    people.push(p);
  }
  const t0 = performance.now();
  await pool(
    Array.from({ length: DECISIONS }, (_, i) => () => {
      const topic = TOPICS[i % TOPICS.length];
      // A word found in about ten decisions: "sak-17" is in 17, 117, … 917.
      return call(people[i % PEOPLE], 'propose_decision', {
        project_id: project,
        title: `Beslutning ${i + 1}: hvordan ${topic} vises i utskrivningsrapporten (sak-${i % 100})`,
        problem: `Hjemmesykepleien og sykehuset ser ${topic} ulikt. Det fører til telefoner og feil første kveld.`,
        options: `Øverst i rapporten\nI egen seksjon\nBare på forespørsel`,
        open: 'on',
      });
    }),
    16,
  );
  const state = await call(lead, 'get_trail_state', { project_id: project, slices: 'decisions' });
  const decisions = Object.values(state.content.decisions.decisions).sort((a, b) => a.revisions[0][1].seq - b.revisions[0][1].seq);
  const jobs = [];
  decisions.forEach((d, i) => {
    const options = d.revisions[0][0].options.map((o) => o.id);
    for (let k = 0; k < 2; k++) {
      const p = people[(i + k + 1) % PEOPLE];
      jobs.push(() => call(p, 'argue', { project_id: project, decision_id: d.id, option_id: options[k], side: k ? 'against' : 'for', text: `Erfaring fra ${TOPICS[(i + k) % TOPICS.length]}: dette sparer tid på første besøk` }));
    }
    for (let k = 0; k < 3; k++) {
      const p = people[(i + k + 3) % PEOPLE];
      const stance = STANCES[(i * 3 + k) % 4];
      jobs.push(() => call(p, 'take_position', { project_id: project, decision_id: d.id, option_id: options[0], stance, reason: stance === 'agree' ? '' : 'Nattevakten ser ikke rapporten' }));
    }
  });
  await pool(jobs, 16);
  const closing = decisions
    .filter((_, i) => i % CLOSED_EVERY === 0 || i % CLOSED_EVERY === 3)
    .map((d) => () => call(lead, 'close_decision', { project_id: project, decision_id: d.id, outcome: d.revisions[0][0].options[0].id, rationale: 'De som møter pasienten først, må se det.', override_reason: 'Fristen er nå' }));
  await pool(closing, 16);
  const calls = DECISIONS + jobs.length + closing.length;
  return { project, lead, calls, seconds: (performance.now() - t0) / 1000 };
}

console.log(`Seeding ${DECISIONS} decisions argued by ${PEOPLE} people through the server…`);
const s = await seed();
console.log(`  ${s.calls} server-function calls in ${s.seconds.toFixed(1)} s`);

const log = `/projects/${s.project}/decisions`;
await load(log, s.lead.cookie, 10, 1); // warm the cached state
const one = await load(log, s.lead.cookie, 60, 1);
const sixteen = await load(log, s.lead.cookie, 160, 16);
const healthOne = await load('/healthz', s.lead.cookie, 500, 1);
const healthSixteen = await load('/healthz', s.lead.cookie, 2000, 16);
const found = await load(`${log}?q=${encodeURIComponent('sak-17 fastlege')}`, s.lead.cookie, 60, 1);
const none = await load(`${log}?q=ingenting-her`, s.lead.cookie, 60, 1);
const filtered = await load(`${log}?status=decided&sort=disagreement`, s.lead.cookie, 60, 1);

console.log(`\nThe decision log of ${DECISIONS} decisions, rendered on the server:`);
console.log(`  one reviewer: median ${ms(one.median)}, p95 ${ms(one.p95)}   (goal: < 100 ms)`);
console.log(`  16 at once:   median ${ms(sixteen.median)}, p95 ${ms(sixteen.p95)}`);
console.log(`  ceiling, /healthz: one ${ms(healthOne.median)}, 16 at once ${ms(healthSixteen.median)}`);
console.log(`Search, as the page with its results, one reviewer:`);
console.log(`  words in 10 decisions: median ${ms(found.median)}, p95 ${ms(found.p95)}   (goal: < 50 ms)`);
console.log(`  a word in none: median ${ms(none.median)}, p95 ${ms(none.p95)}`);
console.log(`  decided, most disagreement first: median ${ms(filtered.median)}, p95 ${ms(filtered.p95)}`);

// The same search through the read API: the matching decisions as JSON,
// without the page and the project's state around them.
const { secret } = await call(s.lead, 'create_token', { name: 'benchmark' });
async function apiTimes(path, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${secret}` } });
    const body = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
    if (i === 0) times.found = body.decisions.length;
  }
  const found = times.found;
  return { ...summary(times), found };
}
const apiFound = await apiTimes(`/projects/${s.project}/decisions?q=${encodeURIComponent('sak-17 fastlege')}`, 60);
const apiAll = await apiTimes(`/projects/${s.project}/decisions`, 60);
console.log(`Search through the read API (JSON), one program:`);
console.log(`  words in ${apiFound.found} decisions: median ${ms(apiFound.median)}, p95 ${ms(apiFound.p95)}   (goal: < 50 ms)`);
console.log(`  every decision (${apiAll.found}), no search: median ${ms(apiAll.median)}, p95 ${ms(apiAll.p95)}`);

const sent = await sentBytes(log, s.lead.cookie);
const raw = await rawBytes(log, s.lead.cookie);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await hydration(browser, s.lead.cookie, log);
await browser.close();
console.log(`\nWhat the log page weighs: ${kb(raw)} raw, ${kb(sent.bytes)} as sent (${sent.encoding}); first visit in Chromium ${kb(page.first)}`);
console.log(`Hydration, DOMContentLoaded to live, warm cache: median ${ms(page.hydrate.median)}, worst ${ms(page.hydrate.p99)}`);
done();
process.exit(0);
