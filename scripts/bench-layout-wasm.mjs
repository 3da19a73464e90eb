// Layout iteration speed in WebAssembly against d3-force, in one Node (V8) process: the
// widget's own module (dist/) through the entry its worker calls (runWorkerTask("layout")),
// and d3-force 3 (bench/node_modules) ticking the same graph. The graphs are the seeded
// clustered maps of tests/e2e/gen-clustered.mjs (one edge per linked pair, as the widget
// draws them). A quick check while tuning the layout; the browser benchmark (bench/) is the
// reference.
//
//   node scripts/bench-layout-wasm.mjs [BODIES=5000] [LINKS=15000] [RUNS=3]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clustered } from '../tests/e2e/gen-clustered.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.DIST || path.join(root, 'dist');
const glue = await import(pathToFileURL(path.join(dist, 'pmap.js')));
glue.initSync({ module: fs.readFileSync(path.join(dist, 'pmap_bg.wasm')) });
const d3 = await import(pathToFileURL(path.join(root, 'bench/node_modules/d3-force/dist/d3-force.mjs')));
const [n = 5000, m = 15000, runs = 3] = process.argv.slice(2).map(Number);
const map = clustered(n, m, 1);
const ix = new Map(map.bodies.map((b, i) => [b.id, i]));
const pairs = new Set();
for (const l of map.links) {
  const a = ix.get(l.from), b = ix.get(l.to);
  pairs.add(a < b ? `${a},${b}` : `${b},${a}`);
}
const edges = [...pairs].map((p) => p.split(',').map(Number));
const flat = new Uint32Array(edges.flat());
const iterations = Math.min(400, Math.max(100, Math.floor(400000 / n)));
const theta = n <= 1000 ? 0.8 : 1.0;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const widget = [];
for (let r = 0; r < runs; r++) {
  const out = glue.runWorkerTask('layout', { n, edges: flat, options: { seed: 7, iterations, width: 1000, height: 700, theta, margin: 40, minDistance: 0, maxStretch: 2 } }, () => {});
  widget.push(out.ms / iterations);
}
const d3ms = [];
for (let r = 0; r < runs; r++) {
  const nodes = Array.from({ length: n }, (_, i) => ({ index: i }));
  const links = edges.map(([s, t]) => ({ source: s, target: t }));
  const sim = d3.forceSimulation(nodes).force('link', d3.forceLink(links)).force('charge', d3.forceManyBody()).force('center', d3.forceCenter()).stop();
  sim.tick(5);
  const t0 = performance.now();
  sim.tick(20);
  d3ms.push((performance.now() - t0) / 20);
}
const w = median(widget), d = median(d3ms);
console.log(`${n} bodies, ${edges.length} edges: widget ${w.toFixed(2)} ms/iteration (${iterations} iterations, theta ${theta}); d3-force ${d.toFixed(2)} ms/tick; d3 ÷ widget ${(d / w).toFixed(2)}×`);
