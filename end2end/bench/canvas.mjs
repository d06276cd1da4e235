// Browser benchmark of the map canvas (not a test): a map of 300 elements
// and 600 links, seeded through the real server; measures the first render
// and frame times while an element is dragged, beside the same measurement
// on an empty map (the ceiling: what the browser does with nothing to draw).
//
//   make bench-canvas    (or: node end2end/bench/canvas.mjs BIN SITE)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, site] = process.argv.slice(2);
const port = 3300 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['serve', '--no-demo', '--bind', `127.0.0.1:${port}`, '--data-dir', mkdtempSync(join(tmpdir(), 'samspill-canvas-')), '--site-root', site, '--log', 'warn'], { stdio: 'ignore' });
process.on('exit', () => server.kill());

async function waitForServer() {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

let cookie = '';
async function call(fn, fields) {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { Origin: base, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(fields),
  });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0];
  if (!res.ok) throw new Error(`${fn}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function seed(elements, links) {
  const project = await call('create_project', { name: `Canvas ${elements}`, purpose: '', profession: 'designer' });
  await call('create_map', { project_id: project, name: 'I dag' });
  let state = await call('get_trail_state', { project_id: project });
  const mapId = Object.keys(state.content.map.maps)[0];
  const kinds = ['unit', 'role', 'it_system', 'task', 'artefact'];
  await Promise.all(Array.from({ length: elements }, (_, i) => call('add_element', {
    project_id: project, map_id: mapId, kind: kinds[i % 5], name: `Element ${i}`,
    x: String(40 + (i % 20) * 200), y: String(40 + Math.floor(i / 20) * 110),
  })));
  state = await call('get_trail_state', { project_id: project });
  const ids = Object.keys(state.content.map.elements);
  const linkKinds = ['hand_over', 'information_flow', 'uses', 'belongs_to', 'other'];
  await Promise.all(Array.from({ length: links }, (_, i) => {
    const a = ids[(i * 7) % ids.length];
    let b = ids[(i * 13 + 1) % ids.length];
    if (a === b) b = ids[(i * 13 + 2) % ids.length];
    return call('add_link', { project_id: project, map_id: mapId, from: a, to: b, kind: linkKinds[i % 5] });
  }));
  return project;
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

async function measure(browser, project, expectElements) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: cookie.split('=')[0], value: cookie.split('=').slice(1).join('='), url: base }]);
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${base}/projects/${project}`);
  await page.locator('body[data-hydrated="true"]').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('svg.canvas g.element').length === n, expectElements);
  const firstRender = Date.now() - t0;
  const size = await page.evaluate(() => ({ nodes: document.getElementsByTagName('*').length, forms: document.forms.length }));
  const canvas = page.locator('svg.canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const target = expectElements > 0 ? await page.locator('svg.canvas g.element').first().boundingBox() : box;
  const start = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  // Frame times, measured in the page while the drag runs.
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const steps = 120;
  const t1 = performance.now();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(start.x + i * 3, start.y + Math.sin(i / 10) * 40);
  }
  const perStep = (performance.now() - t1) / steps;
  await page.mouse.up();
  const frames = await page.evaluate(() => window.__frames.slice(2));
  await context.close();
  return { firstRender, size, perStep, frames: stats(frames) };
}

await waitForServer();
await call('sign_up', { display_name: 'Benchmark', email: `bench${Date.now()}@example.org`, password: 'blå-hest-på-sykkeltur' });
const big = await seed(300, 600);
const empty = await seed(1, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const f = (x) => x.toFixed(1);
const ceiling = await measure(browser, empty, 1);
const loaded = await measure(browser, big, 300);
await browser.close();
console.log('canvas, headless Chromium (software rendering), debug or release as built:');
console.log(`  300 elements + 600 links (${loaded.size.nodes} elements in the page, ${loaded.size.forms} forms): first render ${loaded.firstRender} ms; drag: ${f(loaded.perStep)} ms per pointer move;`);
console.log(`    frames during the drag: mean ${f(loaded.frames.mean)} ms, p95 ${f(loaded.frames.p95)} ms, max ${f(loaded.frames.max)} ms (${loaded.frames.n} frames)`);
console.log(`  ceiling, a map of 1 element (${ceiling.size.nodes} elements in the page, ${ceiling.size.forms} forms): first render ${ceiling.firstRender} ms; drag: ${f(ceiling.perStep)} ms per pointer move;`);
console.log(`    frames during the drag: mean ${f(ceiling.frames.mean)} ms, p95 ${f(ceiling.frames.p95)} ms, max ${f(ceiling.frames.max)} ms (${ceiling.frames.n} frames)`);
server.kill();
process.exit(0);
