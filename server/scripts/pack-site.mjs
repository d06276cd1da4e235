// Fingerprints and precompresses the files of a site built by site.sh:
// renames pkg/samspill.js, samspill_bg.wasm and samspill.css to
// samspill.<hash>.{js,wasm,css}, writes hash.txt (Leptos's format: read by
// HydrationScripts and HashedStylesheet) and a .br and .gz copy of each.
// Usage: node pack-site.mjs SITE_DIR debug|release
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

const [site, mode] = process.argv.slice(2);
const pkg = join(site, 'pkg');
// Release: the strongest settings (a few seconds, once per build). Debug
// builds only need the files to exist.
const brQuality = mode === 'release' ? 11 : 4;
const gzLevel = mode === 'release' ? 9 : 4;

const files = { js: 'samspill.js', wasm: 'samspill_bg.wasm', css: 'samspill.css' };
const unexpected = readdirSync(pkg).filter((f) => !Object.values(files).includes(f));
if (unexpected.length) {
  // wasm-bindgen snippets would be imported by the glue under their own
  // names; they would need fingerprinting too.
  throw new Error(`unexpected files in ${pkg}: ${unexpected.join(', ')}`);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const hashes = [];
console.log(`${'file'.padEnd(34)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const [kind, name] of Object.entries(files)) {
  const from = join(pkg, name);
  if (!existsSync(from)) throw new Error(`missing ${from}`);
  const data = readFileSync(from);
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16);
  const out = `samspill.${hash}.${kind}`;
  renameSync(from, join(pkg, out));
  hashes.push(`${kind}: ${hash}`);
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
  writeFileSync(join(pkg, `${out}.br`), br);
  writeFileSync(join(pkg, `${out}.gz`), gz);
  console.log(`${('pkg/' + out).padEnd(34)}${kb(data.length)}${kb(gz.length)}${kb(br.length)}`);
}
writeFileSync(join(site, 'hash.txt'), hashes.join('\n') + '\n');
