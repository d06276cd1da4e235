// What the benchmarks share: a real server on a free port with its own data
// directory, calls to its server functions as a browser makes them, loads
// on kept-alive connections, hydration timed in Chromium, and the figures'
// formatting.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `jobs` (functions returning promises), `width` at a time. */
export async function pool(jobs, width) {
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

/** The app's function a frame is in, by path (`map::canvas::MapCanvas`; a
 * component's body reads `map::canvas::component_map_canvas`), or
 * null for other crates. Names come demangled (`app[…]::a::b`) or, for
 * generic code, in Rust's v0 mangling (`…3app3map6canvas…`). */
export function appFunction(name) {
  const plain = name.match(/\bapp\[[0-9a-f]+\]::([A-Za-z_][A-Za-z_0-9:]*)/);
  if (plain) return plain[1].replace(/::$/, '').split('::').map((x) => x.replace(/^_+/, '')).join('::');
  const v0 = name.match(/3app((?:\d+[A-Za-z_][A-Za-z_0-9]*)+)/);
  if (!v0) return null;
  const parts = [];
  let s = v0[1];
  while (s.length) {
    const len = s.match(/^\d+/);
    if (!len) break;
    // An identifier that starts with `_` or a digit has a `_` after its length.
    const from = len[0].length + (s[len[0].length] === '_' ? 1 : 0);
    const n = Number(len[0]);
    parts.push(s.slice(from, from + n).replace(/^_+/, ''));
    s = s.slice(from + n);
  }
  return parts.join('::');
}

/** A person's browser, as far as the server can tell: their cookie. */
export function person() {
  return { cookie: '' };
}

export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function summary(times) {
  const s = [...times].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), n: s.length };
}

export const ms = (x) => `${x.toFixed(1)} ms`;
export const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

/** Starts `bin serve`, with the demo project only if `demo`; stops it when
 * this process ends. */
export async function startServer(bin, site, name, { demo = false } = {}) {
  const port = 3300 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  let finished = false;
  const server = spawn(
    bin,
    ['serve', ...(demo ? [] : ['--no-demo']), '--bind', `127.0.0.1:${port}`, '--data-dir', mkdtempSync(join(tmpdir(), `samspill-${name}-`)), '--site-root', site, '--log', 'warn'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  server.on('exit', (code, signal) => {
    if (!finished) console.error(`the server stopped (${code ?? signal})`);
  });
  process.on('exit', () => server.kill());

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

  const run = Date.now();
  /** The `n`th person of this run, signed up and signed in. */
  async function signUp(name, n) {
    const p = person();
    await call(p, 'sign_up', { display_name: name, email: `bench.${run}.${n}@example.org`, password: 'blå-hest-på-sykkeltur' });
    return p;
  }

  /** `total` GETs of `path`, `clients` at a time on kept-alive connections,
   * asking for brotli as a browser does. The answer is counted, not
   * decompressed: a browser decompresses on its own device, and here the
   * clients share the server's two cores (Node's `fetch`, which always
   * decompresses, cost about 3.5 ms of processor time per matrix page
   * against the server's 5). `expect`, if given, must be in the first
   * answer once decompressed, so the pages timed are the right ones. */
  async function load(path, cookie, total, clients, expect) {
    if (expect) {
      const text = await (await fetch(`${base}${path}`, { headers: { Accept: 'text/html', Cookie: cookie } })).text();
      if (!text.includes(expect)) throw new Error(`${path} does not show ${expect}`);
    }
    const agent = new Agent({ keepAlive: true, maxSockets: clients });
    const times = [];
    const one = () =>
      new Promise((resolve, reject) => {
        const t = performance.now();
        const req = httpRequest(`${base}${path}`, { agent, headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip, deflate, br', Cookie: cookie } }, (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode}`));
            times.push(performance.now() - t);
            resolve();
          });
        });
        req.on('error', reject);
        req.end();
      });
    await pool(Array.from({ length: total }, () => one), clients);
    agent.destroy();
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
    const [cookieName, value] = cookie.split('=');
    await context.addCookies([{ name: cookieName, value, url: base }]);
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

  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
    if (i === 399) throw new Error('server did not start');
  }
  return {
    base,
    port,
    call,
    signUp,
    load,
    sentBytes,
    rawBytes,
    hydration,
    /** The run is over: the server stopping is no longer news. */
    done() {
      finished = true;
    },
  };
}

/** Collects what a page's code reports as failed (uncaught errors, console
 * errors) from now on: a page whose code failed did less, and its figures
 * would flatter. `stop()` ends the watch and returns them. */
export function watchFailures(page) {
  const failures = [];
  const onError = (e) => failures.push(e.message);
  const onConsole = (m) => m.type() === 'error' && failures.push(m.text());
  page.on('pageerror', onError);
  page.on('console', onConsole);
  return {
    failures,
    stop() {
      page.off('pageerror', onError);
      page.off('console', onConsole);
      return failures;
    },
  };
}
