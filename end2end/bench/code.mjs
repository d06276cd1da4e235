// What a page's code is made of (not a test): for a page group, the main
// module and the group's bundle as a phone downloads them (brotli), and
// how many of those bytes each part of the app accounts for. Reads a site
// built by `site.sh profile` (the release code with the functions' names).
//
//   make bench-code   (or: node end2end/bench/code.mjs PROFILE_SITE [GROUP...])
//
// A function counts for the first of the app's modules its name holds
// (two levels: `map::canvas`, `components::form`); generic code of Leptos
// or serde made for an app type (`tachys::keyed::apply_diff<map::model::
// Element, …>`) counts for that type's module, and code that names no app
// type for "(no app type)". A part's bytes are estimated by zeroing its
// functions' bodies and compressing again: what compression would save
// without them, so the parts' figures do not add up to the whole exactly.
// Environment: TOP (how many parts, largest first; default 25); BY=crate
// counts a function for the first of a list of crates its name holds
// (decoding, tachys, reactive_graph, ...) instead of for an app module;
// FUNCTIONS (how many of the bundle's largest functions to name, raw bytes;
// default none).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { appFunction } from './serve.mjs';

const [site, ...asked] = process.argv.slice(2);
if (!site) throw new Error('usage: node code.mjs PROFILE_SITE [GROUP...] (groups: map_page, fields_pages, history_page, ...)');
if (!readFileSync(join(site, '.built-from'), 'utf8').includes('profile')) {
  throw new Error(`${site} has no functions' names: build it with site.sh profile (make bench-code)`);
}
const top = Number(process.env.TOP ?? 25);
const pkg = join(site, 'pkg');
const files = readdirSync(pkg);
const groups = asked.length ? asked : ['sign_in_pages', 'home_pages', 'map_page', 'fields_pages', 'history_page'];

// As pack-site.mjs compresses the files it serves.
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => (n / 1024).toFixed(1);

/** The code section's function bodies (offset, length, name) and where the
 * custom sections are, which the served files do not have. */
function parse(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let b;
    do {
      b = bytes[p++];
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return r;
  };
  const skip = () => {
    const n = leb();
    p += n;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  const custom = [];
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++];
    const end = leb() + p;
    if (id === 2) {
      // Imports: functions come first in the index space.
      for (let n = leb(); n > 0; n--) {
        skip();
        skip();
        const kind = bytes[p++];
        if (kind === 0) {
          leb();
          imported++;
        } else if (kind === 1) {
          p++;
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 2) {
          const flags = leb();
          leb();
          if (flags & 1) leb();
        } else if (kind === 3) p += 2;
        else if (kind === 4) {
          p++;
          leb();
        }
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        bodies.push({ at: p, length });
        p += length;
      }
    } else if (id === 0) {
      custom.push([start, end]);
      const length = leb();
      const name = bytes.subarray(p, p + length).toString();
      p += length;
      if (name === 'name') {
        while (p < end) {
          const sub = bytes[p++];
          const subEnd = leb() + p;
          if (sub === 1) {
            for (let n = leb(); n > 0; n--) {
              const index = leb();
              const l = leb();
              names.set(index, bytes.subarray(p, p + l).toString());
              p += l;
            }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  bodies.forEach((b, i) => (b.name = names.get(i + imported) ?? ''));
  return { bodies, custom };
}

// By crate: the first of these a function's name holds (mangled names
// hold each crate's name), decoding before all, as a decoder made for an
// app type names the type's crate too.
const crates = [
  ['serde_json and derived decoding', /serde_json|serde_core2de|Deserialize|Visitor/],
  ['serde encoding', /Serialize|serde_core3ser/],
  ['server_fn', /server_fn/],
  ['tachys', /tachys/],
  ['reactive_graph', /reactive_graph/],
  ['leptos_router', /leptos_router/],
  ['leptos', /leptos/],
  ['wasm-bindgen, js-sys, web-sys', /wasm_bindgen|js_sys|web_sys/],
  ['hashbrown', /hashbrown/],
  ['alloc', /alloc/],
  ['core', /core/],
  ['app (only)', /app/],
];
const byCrate = process.env.BY === 'crate';

/** The first app module a function's name holds, two levels deep (or with
 * BY=crate, the first of `crates`). */
function part(name) {
  if (byCrate) return crates.find(([, holds]) => holds.test(name))?.[0] ?? '(other)';
  const path = appFunction(name);
  return path ? path.split('::').slice(0, 2).join('::') : '(no app type)';
}

/** The module as served (no custom sections), with the bodies of the
 * functions `drop` picks zeroed. */
function served(bytes, parsed, drop) {
  const copy = Buffer.from(bytes);
  for (const b of parsed.bodies) if (drop(b)) copy.fill(0, b.at, b.at + b.length);
  const pieces = [];
  let from = 0;
  for (const [start, end] of parsed.custom) {
    pieces.push(copy.subarray(from, start));
    from = end;
  }
  pieces.push(copy.subarray(from));
  return Buffer.concat(pieces);
}

const mainFile = files.find((f) => /^samspill\.[0-9a-f]+\.wasm$/.test(f));
const main = { bytes: readFileSync(join(pkg, mainFile)) };
main.parsed = parse(main.bytes);
console.log(`What a page's code is made of, ${new Date().toISOString()}, site ${site}; KB brotli (quality 11) as served`);
for (const group of groups) {
  const bundleFile = files.find((f) => new RegExp(`^bundle_${group}\\.[0-9a-f]+\\.bin$`).test(f));
  if (!bundleFile) {
    console.log(`\n== ${group}: no bundle`);
    continue;
  }
  // The bundle: a little-endian u32 n, n bytes of JSON naming each chunk
  // and its length, then the chunks (pack-site.mjs).
  const bundle = readFileSync(join(pkg, bundleFile));
  const n = bundle.readUInt32LE(0);
  let at = 4 + n;
  const chunks = JSON.parse(bundle.subarray(4, at).toString()).map(([, length]) => {
    const bytes = bundle.subarray(at, (at += length));
    return { bytes, parsed: parse(bytes) };
  });
  const modules = [main, ...chunks];
  // The chunks go as one file; a part's bytes are what compressing the
  // main module and that file again without them saves.
  const size = (drop) => {
    const touched = (m) => m.parsed.bodies.some(drop);
    const mainSize = touched(main) ? brotli(served(main.bytes, main.parsed, drop)) : baseMain;
    const bundleSize = chunks.some(touched) ? brotli(Buffer.concat(chunks.map((c) => served(c.bytes, c.parsed, drop)))) : baseBundle;
    return [mainSize, bundleSize];
  };
  const none = () => false;
  const baseMain = brotli(served(main.bytes, main.parsed, none));
  const baseBundle = brotli(Buffer.concat(chunks.map((c) => served(c.bytes, c.parsed, none))));
  const raw = new Map();
  for (const m of modules) for (const b of m.parsed.bodies) raw.set(part(b.name), (raw.get(part(b.name)) ?? 0) + b.length);
  const code = [...raw.values()].reduce((a, b) => a + b, 0);
  console.log(`\n== ${group}: main module ${kb(baseMain)} + bundle ${kb(baseBundle)} (${chunks.length} chunks) = ${kb(baseMain + baseBundle)} KB; code ${kb(code)} KB raw`);
  console.log(`  ${'part of the app'.padEnd(34)} ${'raw KB'.padStart(7)} ${'main KB'.padStart(8)} ${'bundle KB'.padStart(10)}`);
  for (const [name, bytes] of [...raw].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const [m, b] = size((f) => part(f.name) === name);
    console.log(`  ${name.padEnd(34)} ${kb(bytes).padStart(7)} ${kb(baseMain - m).padStart(8)} ${kb(baseBundle - b).padStart(10)}`);
  }  const largest = chunks.flatMap((c) => c.parsed.bodies).sort((a, b) => b.length - a.length);
  for (const f of largest.slice(0, Number(process.env.FUNCTIONS ?? 0))) {
    // Without the crates' disambiguating hashes, which say nothing to a reader.
    console.log(`  ${String(f.length).padStart(6)} B  ${f.name.replace(/Cs[0-9A-Za-z]{9,13}_/g, '').slice(0, 220)}`);
  }

}
