// Download size of the widget: raw, gzip (level 9) and brotli (quality 11) of the files a host
// page fetches to start it (pmap_bg.wasm, pmap.js, partnership-map.js). Fails when the brotli
// total is over the budget (kB = 1,000 bytes), so a change that bloats the download is seen.
// Usage: node scripts/size.mjs [dist] [budget-kB]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = process.argv[2] || 'dist';
const budget = Number(process.argv[3] || process.env.PMAP_SIZE_BUDGET_KB || 535);
const files = ['pmap_bg.wasm', 'pmap.js', 'partnership-map.js'];
const brotli = (b) =>
  zlib.brotliCompressSync(b, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }).length;
const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const total = { raw: 0, gzip: 0, brotli: 0 };
console.log(`${'file'.padEnd(20)}${'raw kB'.padStart(8)}${'gzip kB'.padStart(9)}${'br kB'.padStart(8)}`);
for (const f of files) {
  const b = fs.readFileSync(path.join(dist, f));
  const row = { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length, brotli: brotli(b) };
  for (const k of Object.keys(total)) total[k] += row[k];
  console.log(`${f.padEnd(20)}${kb(row.raw)} ${kb(row.gzip)}${kb(row.brotli)}`);
}
console.log(`${'total'.padEnd(20)}${kb(total.raw)} ${kb(total.gzip)}${kb(total.brotli)}`);
if (total.brotli > budget * 1000) {
  console.error(`brotli total ${kb(total.brotli).trim()} kB is over the budget of ${budget} kB`);
  process.exit(1);
}
console.log(`brotli total is within the budget of ${budget} kB`);
