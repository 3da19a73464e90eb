// The grouping search's scaling table in WebAssembly: the widget's own module (dist/) run
// in Node's V8 (the engine Chromium uses), calling the very entry the widget's worker calls
// (runWorkerTask("suggest", …)), so the time includes reading the England map in the
// worker. The sets and bands are those of the native bench (crates/pmap-core/benches/
// regions.rs): N districts grown from Hart (E07000089) over shared boundary points, band
// 250,000–750,000; all 296 with a maximum of 1,200,000 (Birmingham alone has 1,166,049).
//
//   node scripts/bench-grouping-wasm.mjs [--quick]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST || path.join(root, 'dist');
const glue = await import(path.join(dist, 'pmap.js'));
glue.initSync({ module: fs.readFileSync(path.join(dist, 'pmap_bg.wasm')) });
const quick = process.argv.includes('--quick');
const text = fs.readFileSync(path.join(root, 'demo/england.json'), 'utf8');
const map = JSON.parse(text);
const kinds = ['police_force', 'icb', 'fire_authority', 'community_safety_partnership'];

// Areas in breadth-first order from Hart over shared boundary points (rounded to ~100 m):
// a compact, contiguous region of any size.
function key(c) { return `${c[0].toFixed(3)},${c[1].toFixed(3)}`; }
const owners = new Map();
for (const a of map.areas) {
  const g = map.boundaries?.[a.code];
  if (!g) continue;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys) for (const ring of p) for (const c of ring) {
    const k = key(c);
    if (!owners.has(k)) owners.set(k, new Set());
    owners.get(k).add(a.code);
  }
}
const nb = new Map(map.areas.map((a) => [a.code, new Set(a.neighbours || [])]));
for (const s of owners.values()) for (const a of s) for (const b of s) if (a !== b) nb.get(a).add(b);
const order = ['E07000089'];
for (let i = 0; i < order.length; i++) for (const b of nb.get(order[i])) if (!order.includes(b)) order.push(b);
for (const a of map.areas) if (!order.includes(a.code)) order.push(a.code);

const sizes = quick ? [12, 32, 64] : [12, 16, 24, 32, 64, 128, 296];
const rows = [];
for (const n of sizes) {
  const areas = order.slice(0, n);
  const runs = [];
  let last;
  for (let r = 0; r < (quick || n >= 128 ? 1 : 3); r++) {
    const t0 = performance.now();
    const out = glue.runWorkerTask('suggest', { map: text, areas, kinds, min: 250000, max: n === 296 ? 1200000 : 750000, allowNoncontiguous: false }, () => {});
    runs.push(performance.now() - t0);
    last = JSON.parse(out);
  }
  runs.sort((a, b) => a - b);
  rows.push({ n, ms: runs[Math.floor(runs.length / 2)], search: last?.ms, groups: last?.groups?.length ?? 0, score: last?.score, exact: last?.exact });
}
console.log('| areas | wasm total ms (median) | of which search ms | groups | score | exact |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.n} | ${r.ms.toFixed(0)} | ${r.search?.toFixed(0) ?? '–'} | ${r.groups} | ${r.score?.toFixed(3) ?? 'none'} | ${r.exact ?? '–'} |`);
