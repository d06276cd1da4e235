// Benchmark of live workshops (not a test): simulated participants, each
// with the project's live stream open, change the map while the facilitator
// switches activities, brings everyone to a page and locks and unlocks
// editing. Every change must reach every open stream. Prints, beside
// ceilings measured in the same run on the same server:
// - delivery: from sending a change's HTTP request to each other person's
//   stream receiving its event, median, p95 and p99, and how many
//   deliveries went missing (must be 0);
// - the server's memory (peak and current resident set) and CPU (share of
//   one core over the run), read from /proc;
// - ceilings: GET /healthz on one kept-alive connection, sampled all
//   through the run, and the change's own HTTP round trip.
// Two runs, each on a fresh server: one workshop of 200 participants, then
// five workshops (five projects) of 200 each.
//
// The issue asks for a change every 10 s during a workshop; a run here
// lasts RUN_S seconds (60 unless BENCH_RUN_S says otherwise), each
// participant's first change at a random moment in the first 10 s.
//
//   make bench-workshop    (or: node end2end/bench/workshop.mjs BIN SITE)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { ms, pool, startServer, summary } from './serve.mjs';

const [bin, site] = process.argv.slice(2);
if (!bin || !site) throw new Error('usage: node bench/workshop.mjs BIN SITE');
const PARTICIPANTS = 200;
const RUN_MS = Number(process.env.BENCH_RUN_S ?? 60) * 1000;
const EVERY_MS = 10_000;
// Four activities of 15 s fill a 60 s run; editing is locked from 8 s to
// 12 s into each, while participants say they are done.
const ACTIVITY_MS = 15_000;
const LOCK_AT_MS = 8_000;
const UNLOCK_AT_MS = 12_000;
const KINDS = ['map', 'rate', 'decide', 'discuss'];
const PROFESSIONS = ['nurse', 'physician', 'coordinator', 'care_worker', 'therapist', 'designer'];
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

const sleep = (t) => new Promise((r) => setTimeout(r, t));
const until = (t) => sleep(Math.max(0, t - performance.now()));
const mb = (kib) => `${(kib / 1024).toFixed(0)} MB`;

/** serve.mjs keeps its child to itself; /proc knows it by its port. */
function serverPid(port) {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(`127.0.0.1:${port}\0`)) return Number(d);
    } catch {}
  }
  throw new Error(`no server process on port ${port}`);
}

/** VmHWM and VmRSS, in KiB. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]);
  return { peak: kib('VmHWM'), now: kib('VmRSS') };
}

/** CPU seconds the process has used, user and system. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds the whole machine has been busy, all cores together. */
function machineSeconds() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

/** One project with a running workshop, its facilitator, a map to work on
 * and `PARTICIPANTS` guests who joined with the code. */
async function seedWorkshop(server, n) {
  const { call, signUp } = server;
  const facilitator = await signUp(`Fasilitator ${n + 1}`, n);
  const project = await call(facilitator, 'create_project', { name: `Verksted ${n + 1}`, purpose: '', profession: 'coordinator' });
  await call(facilitator, 'create_map', { project_id: project, name: 'Utskrivning fra sykehus' });
  // What the dot vote is on.
  for (const name of ['Allergier', 'Legemiddelliste', 'Pårørende']) await call(facilitator, 'propose_field', { project_id: project, name });
  const plan = { project_id: project, title: 'Samling om utskrivningsrapporten', starts_at: '2026-12-01T09:00', goal: 'Enes om hva hjemmetjenesten må se først' };
  KINDS.forEach((kind, i) => {
    plan[`activity_titles[${i}]`] = `Økt ${i + 1}`;
    plan[`activity_kinds[${i}]`] = kind;
    plan[`activity_minutes[${i}]`] = '15';
  });
  await call(facilitator, 'plan_workshop', plan);
  let state = await call(facilitator, 'get_trail_state', { project_id: project });
  const workshopId = Object.keys(state.content.workshops.workshops)[0];
  const mapId = Object.keys(state.content.map.maps)[0];
  await call(facilitator, 'start_workshop', { project_id: project, workshop_id: workshopId });
  state = await call(facilitator, 'get_trail_state', { project_id: project, slices: 'workshops' });
  const code = state.content.workshops.workshops[workshopId].code;
  const voteItems = (await call(facilitator, 'get_vote_candidates', { project_id: project }))[0][1].map((item) => item.id);
  const participants = Array.from({ length: PARTICIPANTS }, (_, i) => ({ cookie: '', name: `Deltaker ${i + 1}`, i }));
  // Sixteen at a time, as a room scanning the projector's QR code would.
  await pool(
    participants.map((p) => async () => {
      // Without a cookie the server makes a guest account and signs it in.
      await call(p, 'join_workshop', { code, name: p.name, profession: PROFESSIONS[p.i % PROFESSIONS.length] });
      p.id = (await call(p, 'get_current_user', {})).id;
    }),
    16,
  );
  facilitator.id = (await call(facilitator, 'get_current_user', {})).id;
  facilitator.name = `Fasilitator ${n + 1}`;
  state = await call(facilitator, 'get_trail_state', { project_id: project, slices: 'workshops' });
  const joined = Object.keys(state.content.workshops.workshops[workshopId].joined).length;
  if (joined < PARTICIPANTS) throw new Error(`only ${joined} of ${PARTICIPANTS} joined`);
  return {
    n,
    project,
    workshopId,
    mapId,
    facilitator,
    participants,
    head: state.seq,
    voteItems,
    // Dots acknowledged by the server, per item, against what the reveal
    // shows.
    dotsCast: voteItems.map(() => 0),
    voters: 0,
    revealed: null,
    // The changes sent, by what their event will show: an element's name,
    // or author, kind and how many of that kind the author made before.
    calls: new Map(),
    sentOfKind: new Map(),
    // Each event's change, settled by whichever stream saw it first (every
    // stream gets events in order, so the first sighting is in order too).
    seen: new Map(),
    madeOfKind: new Map(),
    unmatched: 0,
    gaps: 0,
    duplicates: 0,
  };
}

/** A person's open page: the live stream, and what it has shown them. */
function follow(server, w, who) {
  who.last = w.head;
  who.through = w.head;
  who.received = 0;
  who.view = { locked: false, index: null, doneFor: null, vote: null, votedIn: null };
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/live/${w.project}?after=${w.head}`, { headers: { Origin: server.base, Cookie: who.cookie } });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(data);
      if (message.after !== who.through) w.gaps++;
      who.through = message.through;
      for (const e of message.events) {
        if (e.seq <= who.last) {
          w.duplicates++;
          continue;
        }
        who.last = e.seq;
        who.received++;
        let call = w.seen.get(e.seq);
        if (call === undefined) {
          call = settle(w, e);
          w.seen.set(e.seq, call);
        }
        const { kind, payload } = e.change;
        if (kind === 'editing_locked') who.view.locked = payload.locked;
        if (kind === 'activity_started') who.view.index = payload.index;
        if (kind === 'dot_vote_opened') who.view.vote = payload.vote_id;
        if (kind === 'dot_vote_revealed') {
          who.view.vote = null;
          w.revealed = payload;
        }
        if (call && call.author !== who) w.deliveries.push(at - call.sentAt);
      }
    });
  });
}


/** The change an event records, or null if no one here sent it. */
function settle(w, e) {
  const { kind, payload } = e.change;
  let key;
  if (kind === 'element_added') {
    key = payload.name;
  } else {
    const k = `${e.actor_id}|${kind}`;
    const n = w.madeOfKind.get(k) ?? 0;
    w.madeOfKind.set(k, n + 1);
    key = `${k}|${n}`;
  }
  const call = w.calls.get(key);
  if (!call) {
    w.unmatched++;
    return null;
  }
  call.seq = e.seq;
  call.atMs = e.at_ms;
  return call;
}

/** Sends one change and remembers when, under the key its event will show:
 * an element's name, or else author, kind and how many such changes the
 * author made before (one person's changes go one at a time). */
async function change(server, w, who, fn, fields, event, tally) {
  let key = event.name;
  let counted;
  if (!key) {
    counted = `${who.id}|${event.kind}`;
    const n = w.sentOfKind.get(counted) ?? 0;
    w.sentOfKind.set(counted, n + 1);
    key = `${counted}|${n}`;
  }
  const call = { author: who, sentAt: performance.now(), sentMs: Date.now() };
  w.calls.set(key, call);
  try {
    await server.call(who, fn, { project_id: w.project, ...fields });
  } catch (e) {
    w.calls.delete(key);
    if (counted) w.sentOfKind.set(counted, w.sentOfKind.get(counted) - 1);
    // A change sent as the lock lands is held back, as it would be for a
    // person: that is the lock working, not a failure.
    const status = String(e.message).match(/^\S+: (\d+) /)?.[1] ?? e.message;
    if (status === '423') return 'locked';
    const what = `${fn} ${status}`;
    tally.failed.set(what, (tally.failed.get(what) ?? 0) + 1);
    return 'failed';
  }
  call.answeredMs = Date.now();
  if (who !== w.facilitator) tally.roundTrips.push(performance.now() - call.sentAt);
  return 'made';
}

async function facilitate(server, w, t0, stagger, tally) {
  const f = w.facilitator;
  const pages = [`/projects/${w.project}`, `/projects/${w.project}/fields`, `/projects/${w.project}/decisions`, `/projects/${w.project}/workshops/${w.workshopId}`];
  const id = { workshop_id: w.workshopId };
  const step = async (fn, fields, kind) => {
    const outcome = await change(server, w, f, fn, { ...id, ...fields }, { kind }, tally);
    if (outcome === 'made') tally.facilitator++;
    return outcome === 'made';
  };
  for (let i = 0; stagger + i * ACTIVITY_MS < RUN_MS; i++) {
    const start = t0 + stagger + i * ACTIVITY_MS;
    await until(start);
    await step('start_activity', { index: String(i % KINDS.length) }, 'activity_started');
    await step('bring_everyone', { path: pages[i % pages.length] }, 'everyone_brought');
    // The second activity is a dot vote: 3 dots each on three fields,
    // revealed before editing locks.
    if (i === 1) {
      const items = Object.fromEntries(w.voteItems.map((id, k) => [`items[${k}]`, id]));
      if (await step('open_dot_vote', { ...items, dots: '3' }, 'dot_vote_opened')) {
        await until(start + LOCK_AT_MS - 500);
        const vote_id = f.view.vote;
        const outcome = await change(server, w, f, 'reveal_dots', { vote_id }, { kind: 'dot_vote_revealed' }, tally);
        if (outcome === 'made') tally.facilitator++;
      }
    }
    await until(start + LOCK_AT_MS);
    // Unlocking what did not lock would change nothing, and send nothing.
    if (await step('lock_editing', { locked: 'on' }, 'editing_locked')) {
      await until(start + UNLOCK_AT_MS);
      await step('lock_editing', { locked: '' }, 'editing_locked');
    }
  }
}

/** A change every 10 s: a note on the map, or, while editing is locked,
 * saying one is done with the activity (once per activity). */
async function participate(server, w, p, t0, tally) {
  const first = Math.random() * EVERY_MS;
  for (let at = first, k = 0; at < RUN_MS; at += EVERY_MS, k++) {
    await until(t0 + at);
    const { view } = p;
    if (view.vote && view.votedIn !== view.vote) {
      // Two dots on one field, one on the next; the dots wait unseen, so
      // this is no event, but the reveal must count it.
      view.votedIn = view.vote;
      const first = p.i % 3;
      const dots = ['', '', ''];
      dots[first] = '2';
      dots[(first + 1) % 3] = '1';
      const t = performance.now();
      try {
        await server.call(p, 'cast_dots', { project_id: w.project, vote_id: view.vote, 'dots[0]': dots[0], 'dots[1]': dots[1], 'dots[2]': dots[2] });
        tally.dotRoundTrips.push(performance.now() - t);
        w.dotsCast[first] += 2;
        w.dotsCast[(first + 1) % 3] += 1;
        w.voters++;
      } catch (e) {
        // Cast as the reveal lands: refused, and so not counted.
        tally.lateDots++;
      }
      continue;
    }
    if (view.locked) {
      if (view.index === null || view.doneFor === view.index) {
        tally.idle++;
        continue;
      }
      view.doneFor = view.index;
      if ((await change(server, w, p, 'mark_done', { workshop_id: w.workshopId }, { kind: 'activity_done' }, tally)) === 'made') tally.done++;
      continue;
    }
    const name = `${p.name}: lapp ${k + 1}`;
    const fields = { map_id: w.mapId, kind: 'task', name, x: String((p.i % 20) * 220), y: String(Math.floor(p.i / 20) * 120 + k * 1300) };
    const outcome = await change(server, w, p, 'add_element', fields, { name }, tally);
    if (outcome === 'made') tally.notes++;
    if (outcome === 'locked') tally.heldBack++;
  }
}

/** GET /healthz over and over on one kept-alive connection until `stop`. */
async function healthzWhile(server, stop) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      httpGet(`${server.base}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t));
      }).on('error', reject);
    });
  const times = [];
  while (!stop.now) {
    times.push(await once());
    await sleep(50);
  }
  agent.destroy();
  return summary(times);
}

async function scenario(workshops) {
  const server = await startServer(bin, site, 'workshop');
  const pid = serverPid(server.port);
  const t = performance.now();
  const ws = [];
  for (let n = 0; n < workshops; n++) ws.push(await seedWorkshop(server, n));
  const seeding = (performance.now() - t) / 1000;
  for (const w of ws) w.deliveries = [];

  const people = ws.flatMap((w) => [w.facilitator, ...w.participants].map((who) => ({ w, who })));
  const sockets = [];
  await pool(
    people.map(({ w, who }) => async () => sockets.push(await follow(server, w, who))),
    32,
  );
  // Whatever the streams say as they open is not the run.
  await sleep(1000);
  const idle = await (async () => {
    const stop = { now: false };
    setTimeout(() => (stop.now = true), 2000);
    return healthzWhile(server, stop);
  })();

  const tally = { notes: 0, done: 0, heldBack: 0, idle: 0, facilitator: 0, roundTrips: [], dotRoundTrips: [], lateDots: 0, failed: new Map() };
  const stop = { now: false };
  const healthz = healthzWhile(server, stop);
  let rssMax = 0;
  const rssSampler = setInterval(() => (rssMax = Math.max(rssMax, memory(pid).now)), 250);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = cpuSeconds(pid);
  const own0 = process.cpuUsage();
  const machine0 = machineSeconds();
  const t0 = performance.now() + 500;
  await Promise.all([
    ...ws.map((w, n) => facilitate(server, w, t0, n * 2000, tally)),
    ...ws.flatMap((w) => w.participants.map((p) => participate(server, w, p, t0, tally))),
  ]);
  // The last changes are still on their way.
  await sleep(2000);
  const wall = (performance.now() - t0) / 1000;
  const cpu = ((cpuSeconds(pid) - cpu0) / wall) * 100;
  const own = process.cpuUsage(own0);
  const machine = ((machineSeconds() - machine0) / wall) * 100;
  lag.disable();
  clearInterval(rssSampler);
  stop.now = true;
  const ceiling = await healthz;
  const mem = memory(pid);
  rssMax = Math.max(rssMax, mem.now);

  let missing = 0;
  let holes = 0;
  let mismatched = 0;
  let undelivered = 0;
  for (const w of ws) {
    const last = Math.max(w.head, ...w.seen.keys());
    holes += last - w.head - w.seen.size;
    for (const who of [w.facilitator, ...w.participants]) missing += w.seen.size - who.received;
    for (const call of w.calls.values()) {
      if (call.seq === undefined) undelivered++;
      // Settled by order, a change must have been stamped while its call
      // was under way; otherwise it was matched to the wrong call.
      else if (call.atMs < call.sentMs - 2 || call.atMs > call.answeredMs + 2) mismatched++;
    }
  }
  sockets.forEach((s) => s.close());
  server.done();
  process.kill(pid);
  while (existsSync(`/proc/${pid}`)) await sleep(50);

  return {
    workshops,
    connections: people.length,
    seeding,
    wall,
    delivery: summary(ws.flatMap((w) => w.deliveries)),
    missing,
    holes,
    unmatched: ws.reduce((s, w) => s + w.unmatched, 0),
    gaps: ws.reduce((s, w) => s + w.gaps, 0),
    duplicates: ws.reduce((s, w) => s + w.duplicates, 0),
    mismatched,
    undelivered,
    events: ws.reduce((s, w) => s + w.seen.size, 0),
    votes: ws.map((w) => ({ cast: w.dotsCast, voters: w.voters, revealed: w.revealed })),
    dotCall: summary(tally.dotRoundTrips),
    tally,
    roundTrip: summary(tally.roundTrips),
    idle,
    ceiling,
    mem,
    rssMax,
    cpu,
    own: ((own.user + own.system) / 1e6 / wall) * 100,
    machine,
    lag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
  };
}

function report(r, goal) {
  const t = r.tally;
  console.log(`  seeded in ${r.seeding.toFixed(1)} s; ${r.connections} live streams (${PARTICIPANTS} participants and a facilitator per workshop); run ${r.wall.toFixed(1)} s`);
  console.log(`  changes: ${t.notes} notes on the map, ${t.done} "done", ${t.facilitator} by facilitators; ${t.heldBack} held back by the lock, ${t.idle} ticks with nothing to do while locked`);
  if (t.failed.size) console.log(`  FAILED: ${[...t.failed].map(([what, n]) => `${n} × ${what}`).join(', ')}`);
  console.log(`  events ${r.events}, deliveries ${r.delivery.n}, missing ${r.missing}   (must be 0)`);
  if (r.holes || r.unmatched || r.gaps || r.duplicates || r.mismatched || r.undelivered)
    console.log(`  NOTE: ${r.holes} versions never seen, ${r.unmatched} events no one here sent, ${r.undelivered} changes never seen, ${r.gaps} stream gaps, ${r.duplicates} duplicates, ${r.mismatched} mismatched`);
  for (const [n, v] of r.votes.entries()) {
    const shown = v.revealed ? `${v.revealed.totals.join('/')} from ${v.revealed.voters} voters` : 'never revealed';
    const right = v.revealed && v.revealed.voters === v.voters && v.revealed.totals.every((x, k) => x === v.cast[k]);
    console.log(`  dot vote ${n + 1}: ${v.voters} voters acknowledged, ${v.cast.join('/')} dots cast; revealed ${shown}: ${right ? 'correct' : 'WRONG'}`);
  }
  if (t.lateDots) console.log(`  ${t.lateDots} dots cast as the reveal landed, refused`);
  console.log('');
  console.log(`${''.padEnd(28)}${['median', 'p95', 'p99'].map((h) => h.padStart(11)).join('')}`);
  const row = (label, s, extra = '') => console.log(`  ${label.padEnd(26)}${[s.median, s.p95, s.p99].map((x) => ms(x).padStart(11)).join('')}${extra}`);
  row('delivery (from sending)', r.delivery, `   (goal: p95 < ${goal.p95} ms)`);
  row('ceiling: the change\'s call', r.roundTrip);
  row('casting dots (no event)', r.dotCall);
  row('ceiling: /healthz, loaded', r.ceiling);
  row('         /healthz, idle', r.idle);
  console.log('');
  console.log(`  server memory: peak ${mb(r.mem.peak)} (VmHWM), ${mb(r.rssMax)} most during the run, ${mb(r.mem.now)} at the end${goal.mb ? `   (goal: < ${goal.mb} MB)` : ''}`);
  console.log(`  server CPU over the run: ${r.cpu.toFixed(0)}% of one core`);
  console.log(`  the simulated browsers (this process): ${r.own.toFixed(0)}% of one core, event-loop lag p99 ${ms(r.lag.p99)}, worst ${ms(r.lag.max)}`);
  // Figures taken while something else keeps the cores busy say little.
  const others = Math.max(0, r.machine - r.cpu - r.own);
  console.log(`  everything else on the machine: ${others.toFixed(0)}% of one core (${os.availableParallelism()} cores)`);
}

console.log(`One workshop: ${PARTICIPANTS} participants, a change each every 10 s for ${RUN_MS / 1000} s…`);
report(await scenario(1), { p95: 100 });
console.log(`\nFive workshops (five projects) of ${PARTICIPANTS} participants each, at once…`);
report(await scenario(5), { p95: 250, mb: 512 });
process.exit(0);
