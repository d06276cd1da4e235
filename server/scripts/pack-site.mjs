// Fingerprints and precompresses the files of a site built by site.sh.
// In pkg/ it finds the wasm-bindgen glue samspill.js, the main module
// samspill_bg.wasm, samspill.css, and what the split step made: the
// chunks (split_*.wasm, chunk_*.wasm, loaded on demand by lazy routes), their
// loader __wasm_split.js and __wasm_split_manifest.json (which chunks each
// split point needs). It adds a bundle per split point (bundle_*.bin, all
// its chunks in one file) and rewrites the manifest to name it: the server
// reads it to name a page's bundle in the page.
// Every file is renamed to <stem>.<hash>.<ext>, where <hash> is the first 16
// hex digits of the SHA-256 of its content after the names it refers to
// were rewritten, and gets a .br and a .gz copy; hash.txt records the
// hashes in Leptos's format (read by HydrationScripts and HashedStylesheet).
// The glue and the loader import each other, so no order of hashing can
// give each a hash of its own final bytes: they share one hash, of both
// together, which changes whenever either does.
// Usage: node pack-site.mjs SITE_DIR debug|release
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const [site, mode] = process.argv.slice(2);
const pkg = join(site, 'pkg');
// Release: the strongest settings (a few seconds, once per build). Debug
// builds only need the files to exist.
const brQuality = mode === 'release' ? 11 : 4;
const gzLevel = mode === 'release' ? 9 : 4;

const GLUE = 'samspill.js';
const MAIN = 'samspill_bg.wasm';
const CSS = 'samspill.css';
const LOADER = '__wasm_split.js';
const MANIFEST = '__wasm_split_manifest.json';
const isChunk = (f) => /^(split|chunk)_[A-Za-z0-9_]+\.wasm$/.test(f);

const present = readdirSync(pkg);
const unexpected = present.filter((f) => ![GLUE, MAIN, CSS, LOADER, MANIFEST].includes(f) && !isChunk(f));
if (unexpected.length) {
  // wasm-bindgen snippets would be imported by the glue under their own
  // names; they would need fingerprinting too.
  throw new Error(`unexpected files in ${pkg}: ${unexpected.join(', ')}`);
}
for (const f of [GLUE, MAIN, CSS, LOADER, MANIFEST]) {
  if (!existsSync(join(pkg, f))) throw new Error(`missing ${join(pkg, f)}`);
}

const hashOf = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};
// Replaces every occurrence of a quoted module path (after `prefix`), and
// insists there was one: a glue or loader that stopped naming a file this
// way must fail the build, not ship a page that loads a file that is not
// there.
const replaceQuoted = (text, from, to, where, prefix = '') => {
  let n = 0;
  const quoted = new RegExp(`(${prefix})(["'])${from.replace(/[.]/g, '\\.')}\\2`, 'g');
  const out = text.replace(quoted, (_m, before, q) => {
    n += 1;
    return `${before}${q}${to}${q}`;
  });
  if (n === 0) throw new Error(`${where} does not name ${from}`);
  return out;
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const rows = [];
const write = (name, data, kind) => {
  writeFileSync(join(pkg, name), data);
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: brQuality,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]:
        kind === 'wasm' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = zlib.gzipSync(data, { level: gzLevel });
  writeFileSync(join(pkg, `${name}.br`), br);
  writeFileSync(join(pkg, `${name}.gz`), gz);
  rows.push([name, data.length, gz.length, br.length]);
};
const take = (name) => {
  const data = readFileSync(join(pkg, name));
  rmSync(join(pkg, name));
  return data;
};

// The chunks refer to nothing by name: hash them first.
let loader = take(LOADER).toString('utf8');
const splits = JSON.parse(take(MANIFEST).toString('utf8'));
const chunks = {};
for (const f of present.filter(isChunk).sort()) {
  const data = take(f);
  const stem = f.slice(0, -'.wasm'.length);
  const named = `${stem}.${hashOf(data)}.wasm`;
  chunks[stem] = { stem, named, data };
  loader = replaceQuoted(loader, `./${stem}.wasm`, `./${named}`, LOADER);
  write(named, data, 'wasm');
}

// A page's first load takes all the chunks of its split point in one file,
// a bundle: compressed together they are smaller (the map page's 64 chunks:
// 302 KB of brotli apart, 245 together, measured 2026-11-27), and one
// request instead of 64 is many round trips fewer on a phone. The chunks
// stay files of their own for what loads later (another page reached by a
// link, a lazy function), which needs only the chunks not yet loaded.
// A bundle: a little-endian u32 n, n bytes of JSON [[chunk, length], ...],
// then the chunks in that order (page_code.js reads it). A chunk goes by
// its name without the fingerprint (`chunk_100`): the bundle's own name
// fingerprints all of them, and the 167 fingerprints of the map page's
// bundle were 2.2 KB of its brotli (its index compressed alone; the bundle
// shrank by 2.4 KiB, 2026-11-29).
const manifest = {};
for (const [split, stems] of Object.entries(splits).sort()) {
  const parts = stems.map((stem) => {
    if (!chunks[stem]) throw new Error(`${MANIFEST} names ${stem}, which the split step did not write`);
    return chunks[stem];
  });
  const index = Buffer.from(JSON.stringify(parts.map((p) => [p.stem, p.data.length])));
  const size = Buffer.alloc(4);
  size.writeUInt32LE(index.length);
  const bundle = Buffer.concat([size, index, ...parts.map((p) => p.data)]);
  const named = `bundle_${split}.${hashOf(bundle)}.bin`;
  write(named, bundle, 'wasm');
  manifest[split] = named;
}
// The loader's chunks come from the page's bundle when it has them.
const fetches = loader.split('fetch(new URL(').length - 1;
if (fetches !== Object.keys(chunks).length) {
  throw new Error(`${LOADER} fetches ${fetches} files, not its ${Object.keys(chunks).length} chunks`);
}
loader = loader.replaceAll('fetch(new URL(', 'fromBundle(new URL(');
const instantiations = loader.split('WebAssembly.instantiateStreaming(').length - 1;
if (instantiations !== Object.keys(chunks).length) {
  throw new Error(`${LOADER} instantiates ${instantiations} modules, not its ${Object.keys(chunks).length} chunks`);
}
loader = loader.replaceAll('WebAssembly.instantiateStreaming(', 'instantiateChunk(');
// Each chunk's load is preceded by a comment naming the split points that
// need it: a quarter of the loader's bytes, and a sixth of its brotli, on
// every page's first visit (238 chunks: 6.1 KB brotli with them, 5.2
// without, 2026-11-28).
loader = loader.replace(/^\/\* [^*]* \*\/\n/gm, '');
loader += `
// Added by pack-site.mjs: a chunk that came in the page's bundle
// (page_code.js), compiled there, is taken from it, once; any other is
// fetched (so is one that would not compile, to fail as it would alone).
function fromBundle(url) {
  const bundle = globalThis.__samspillBundle;
  const file = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  // The bundle names a chunk without its fingerprint.
  const name = file.slice(0, file.indexOf('.'));
  return Promise.resolve(bundle)
    .then((chunks) => {
      const compiled = chunks && chunks.get(name);
      if (chunks) chunks.delete(name);
      // Returned, the promise is waited for: the module, or nothing.
      return compiled && compiled.catch(() => undefined);
    }, () => undefined)
    .then((module) => module || fetch(url));
}
// A compiled chunk is only instantiated: compiling it while hydration
// waited for it made it part of hydration's long task on the main thread.
function instantiateChunk(source, imports) {
  return Promise.resolve(source).then((s) =>
    s instanceof WebAssembly.Module ? WebAssembly.instantiate(s, imports) : WebAssembly.instantiateStreaming(s, imports),
  );
}
`;

const main = take(MAIN);
const mainHash = hashOf(main);
write(`samspill.${mainHash}.wasm`, main, 'wasm');

const css = take(CSS);
const cssHash = hashOf(css);
write(`samspill.${cssHash}.css`, css, 'css');

let glue = take(GLUE).toString('utf8');
// Release: the glue and the loader minified (every page fetches both: 14.2
// KB of brotli before, 11.9 after, 2026-11-28), each still naming the other
// by its name before the fingerprints, as the hash below is taken.
if (mode === 'release') {
  const terser = process.env.SAMSPILL_TERSER;
  if (!terser || !existsSync(terser)) throw new Error('no terser at SAMSPILL_TERSER: run server/scripts/setup.sh');
  const { minify } = await import(pathToFileURL(terser).href);
  const options = { module: true, compress: true, mangle: true, format: { comments: false } };
  glue = (await minify(glue, options)).code;
  loader = (await minify(loader, options)).code;
}
const jsHash = hashOf(glue, '\0', loader);
// Only the import statements (`from"…"` once minified): the glue also uses
// the loader's original name as the key of the wasm's imports, which the
// wasm asks for by that name.
glue = replaceQuoted(glue, `./${LOADER}`, `./__wasm_split.${jsHash}.js`, GLUE, 'from\\s*');
loader = replaceQuoted(loader, `./${GLUE}`, `./samspill.${jsHash}.js`, LOADER, 'from\\s*');
write(`samspill.${jsHash}.js`, Buffer.from(glue), 'js');
write(`__wasm_split.${jsHash}.js`, Buffer.from(loader), 'js');

// Read by the server only (split point -> its bundle); not compressed.
const manifestText = JSON.stringify(manifest, Object.keys(manifest).sort(), 2) + '\n';
const manifestHash = hashOf(manifestText);
writeFileSync(join(pkg, `__wasm_split_manifest.${manifestHash}.json`), manifestText);

writeFileSync(
  join(site, 'hash.txt'),
  [`js: ${jsHash}`, `wasm: ${mainHash}`, `css: ${cssHash}`, `split: ${jsHash}`, `manifest: ${manifestHash}`].join('\n') +
    '\n',
);

const width = Math.max(...rows.map((r) => r[0].length)) + 6;
console.log(`${'file'.padEnd(width)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const [name, raw, gz, br] of rows) console.log(`${('pkg/' + name).padEnd(width)}${kb(raw)}${kb(gz)}${kb(br)}`);
