// Browser benchmark for issue 12: the widget against d3-force, graphology + ForceAtlas2 and
// cytoscape (cose) on the same seeded clustered graphs, in one headless Debian Chromium run
// driven by playwright-core. Method and results: docs/benchmarks.md ("Layout and rendering").
//
//   node bench/bench.mjs [--quick] [--dist DIR] [--out FILE] [--sizes 500,5000] [--libs widget,d3,fa2,cy]
//
// --quick: 500 bodies only, fewer repetitions, well under a minute (a smoke step). Prints a
// markdown table to stdout and writes JSON (default bench/results.json, or
// bench/results-quick.json with --quick). Exits non-zero when a page fails (the widget crashes,
// a library throws), not when a target is missed: targets are reported, not enforced.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/server.mjs';
import { clustered, mulberry32 } from '../tests/e2e/gen-clustered.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The e2e suite's launch options (tests/e2e/harness.mjs, which needs that folder's own
// node_modules, so they are repeated here): headless, no GPU, so rendering is software.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];
const ROOT = path.resolve(here, '..');
const NM = path.join(here, 'node_modules');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const QUICK = argv.includes('--quick');
const DIST = path.resolve(opt('--dist', process.env.PMAP_DIST || path.join(ROOT, 'dist')));
const BUILD_LABEL = opt('--build-label', null); // e.g. which commit the dist was built from
const OUT = path.resolve(opt('--out', path.join(here, QUICK ? 'results-quick.json' : 'results.json')));
const GRAPHS = [
  { bodies: 500, links: 1000 },
  { bodies: 5000, links: 15000 },
  { bodies: 20000, links: 100000 },
];
const sizes = (opt('--sizes', QUICK ? '500' : GRAPHS.map((g) => g.bodies).join(','))).split(',').map(Number);
const LIBS = opt('--libs', 'd3,fa2,cy,widget').split(',');
// cose's repulsion is all pairs (O(n²) per iteration: about 10 ms per iteration at 500 bodies,
// a second at 5,000) and its set-up filters edges against nodes in O(E·N). It is run to its
// end up to COSE_MAX bodies; up to COSE_ITER_MAX its ms/iteration is measured (a few
// iterations) and its settle time estimated as that × its 688 iterations; above, not run.
// Where cose is not run to its end, cytoscape draws d3-force's settled positions (preset).
const COSE_MAX = Number(opt('--cose-max', QUICK ? 0 : 500));
const COSE_ITER_MAX = Number(opt('--cose-iter-max', 5000));
// ForceAtlas2 with Barnes–Hut (inferSettings turns it on above 2,000 nodes) takes seconds per
// iteration here (graphology-layout-forceatlas2 0.10.1: slower than its exact repulsion), so
// above FA2_FULL_MAX it is measured over a few iterations and its settle time estimated.
const FA2_FULL_MAX = Number(opt('--fa2-full-max', 2000));
/** How far each peer's layout is run at n bodies: 'full' (to its end, timed, and drawn),
 * 'estimate' (a few iterations timed; the page draws d3-force's positions) or 'none'. */
const FA2_ITER_MAX = Number(opt('--fa2-iter-max', 5000));
function plan(lib, n) {
  if (lib === 'fa2') return n <= FA2_FULL_MAX ? 'full' : n <= FA2_ITER_MAX ? 'estimate' : 'none';
  if (lib === 'cy') return n <= COSE_MAX ? 'full' : n <= COSE_ITER_MAX ? 'estimate' : 'none';
  return 'full';
}
// Repetitions. ms/iteration: median over `iterRuns` fresh layouts (warm-up, then k timed).
const REPS = QUICK
  ? { iterRuns: 2, warm: 3, k: 10, settleRuns: 1, widgetLoads: 2, demoLoads: 2, pan: 20, wheel: 10, capMs: 4000 }
  : { iterRuns: 5, warm: 5, k: 20, settleRuns: 3, widgetLoads: 3, demoLoads: 3, pan: 40, wheel: 20, capMs: 15000 };
const repsFor = (n) => (n >= 20000
  ? { ...REPS, iterRuns: 3, k: 10, settleRuns: 1, widgetLoads: 2 }
  : n >= 5000 ? { ...REPS, settleRuns: 2 } : REPS);

if (!fs.existsSync(path.join(DIST, 'pmap_bg.wasm'))) {
  console.error(`No widget build in ${DIST} (run \`trunk build --release\`, or pass --dist DIR).`);
  process.exit(2);
}
if (!fs.existsSync(path.join(NM, 'd3-force'))) {
  console.error('Run `npm ci` in bench/ first.');
  process.exit(2);
}

const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------- the graphs
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-'));
function writeGraphs(g) {
  const map = clustered(g.bodies, g.links, 1);
  fs.writeFileSync(path.join(TMP, `map-${g.bodies}.json`), JSON.stringify(map));
  // The peers get the same graph as the widget draws: one edge per unordered linked pair.
  const index = new Map(map.bodies.map((b, i) => [b.id, i]));
  const seen = new Set();
  const edges = [];
  for (const l of map.links) {
    const a = index.get(l.from);
    const b = index.get(l.to);
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    edges.push([a, b]);
  }
  // Seeded start positions for the peers that take them (ForceAtlas2, cytoscape), from the
  // generator's own PRNG, so the page does not carry a copy of it.
  const rnd = mulberry32(7);
  const start = Array.from({ length: map.bodies.length }, () => [rnd() * 1000, rnd() * 1000]);
  fs.writeFileSync(path.join(TMP, `graph-${g.bodies}.json`), JSON.stringify({ n: map.bodies.length, edges, start }));
  return { bodies: map.bodies.length, links: map.links.length, edges: edges.length };
}

// ---------------------------------------------------------------- bundles
// ForceAtlas2 ships CommonJS only: wrap its modules (and graphology-utils') into one
// classic script exposing window.FA2 = {forceAtlas2, iterate, helpers}. Not minified.
function bundleCjs(entries, globalName) {
  const mods = new Map();
  const resolve = (from, spec) => {
    let file;
    if (spec.startsWith('.')) file = path.resolve(path.dirname(from), spec);
    else {
      const parts = spec.split('/');
      const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      const sub = spec.slice(pkg.length + 1);
      const dir = path.join(NM, pkg);
      file = sub ? path.join(dir, sub) : path.join(dir, JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).main || 'index.js');
    }
    if (!file.endsWith('.js') && fs.existsSync(`${file}.js`)) file += '.js';
    return file;
  };
  const add = (file) => {
    if (mods.has(file)) return;
    const src = fs.readFileSync(file, 'utf8');
    const deps = {};
    mods.set(file, { src, deps });
    for (const m of src.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const dep = resolve(file, m[1]);
      deps[m[1]] = dep;
      add(dep);
    }
  };
  const roots = Object.fromEntries(Object.entries(entries).map(([k, spec]) => [k, resolve(path.join(NM, 'x.js'), spec)]));
  Object.values(roots).forEach(add);
  const id = (f) => JSON.stringify(path.relative(NM, f));
  let out = '(function () {\nvar defs = {}, cache = {};\nfunction req(id) { if (!cache[id]) { var m = { exports: {} }; cache[id] = m; defs[id].fn(m, m.exports, function (s) { return req(defs[id].deps[s]); }); } return cache[id].exports; }\n';
  for (const [file, { src, deps }] of mods) {
    out += `defs[${id(file)}] = { deps: ${JSON.stringify(Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, path.relative(NM, v)])))}, fn: function (module, exports, require) {\n${src}\n} };\n`;
  }
  out += `window.${globalName} = {${Object.entries(roots).map(([k, f]) => `${k}: req(${id(f)})`).join(', ')}};\n})();\n`;
  return out;
}

const nmFile = (rel) => path.join(NM, rel);
const PEERS = {
  d3: {
    label: 'd3-force',
    version: () => JSON.parse(fs.readFileSync(nmFile('d3-force/package.json'))).version,
    scripts: ['d3-dispatch/dist/d3-dispatch.min.js', 'd3-quadtree/dist/d3-quadtree.min.js', 'd3-timer/dist/d3-timer.min.js', 'd3-force/dist/d3-force.min.js'].map((f) => `/bench-nm/${f}`),
    files: () => ['d3-dispatch/dist/d3-dispatch.min.js', 'd3-quadtree/dist/d3-quadtree.min.js', 'd3-timer/dist/d3-timer.min.js', 'd3-force/dist/d3-force.min.js'].map(nmFile),
    body: '<canvas id="c"></canvas>',
  },
  fa2: {
    label: 'graphology + ForceAtlas2',
    version: () => `${JSON.parse(fs.readFileSync(nmFile('graphology/package.json'))).version} + ${JSON.parse(fs.readFileSync(nmFile('graphology-layout-forceatlas2/package.json'))).version}`,
    scripts: ['/bench-nm/graphology/dist/graphology.umd.min.js', '/bench-data/fa2.bundle.js'],
    files: () => [nmFile('graphology/dist/graphology.umd.min.js'), path.join(TMP, 'fa2.bundle.js')],
    body: '<canvas id="c"></canvas>',
  },
  cy: {
    label: 'cytoscape (cose)',
    version: () => JSON.parse(fs.readFileSync(nmFile('cytoscape/package.json'))).version,
    scripts: ['/bench-nm/cytoscape/dist/cytoscape.min.js'],
    files: () => [nmFile('cytoscape/dist/cytoscape.min.js')],
    body: '<div id="cy"></div>',
  },
};
// What a page loads for the widget: the wasm, its wasm-bindgen glue, the loader, and the
// layout worker's script where the build has one.
const WIDGET_FILES = ['pmap_bg.wasm', 'pmap.js', 'partnership-map.js', 'pmap-worker.js'].filter((f) => fs.existsSync(path.join(DIST, f)));
const LABEL = { widget: 'Partnership Map', d3: 'd3-force', fa2: 'graphology + FA2', cy: 'cytoscape' };

function writePages() {
  fs.writeFileSync(path.join(TMP, 'fa2.bundle.js'), bundleCjs({
    forceAtlas2: 'graphology-layout-forceatlas2',
    iterate: 'graphology-layout-forceatlas2/iterate.js',
    helpers: 'graphology-layout-forceatlas2/helpers.js',
  }, 'FA2'));
  for (const [lib, p] of Object.entries(PEERS)) {
    fs.writeFileSync(path.join(TMP, `peer-${lib}.html`), `<!doctype html>
<html lang="en" data-lib="${lib}"><head><meta charset="utf-8"><title>bench: ${p.label}</title>
<link rel="stylesheet" href="/bench-page/peers.css"></head>
<body>${p.body}
${p.scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
<script src="/bench-page/peers.js"></script>
</body></html>\n`);
  }
}

function compressed(files) {
  const each = files.map((f) => {
    const buf = fs.readFileSync(f);
    return {
      file: path.basename(f),
      raw: buf.length,
      gzip: zlib.gzipSync(buf, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(buf, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
    };
  });
  const sum = (k) => each.reduce((s, e) => s + e[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), files: each };
}

// ---------------------------------------------------------------- browser helpers
const INIT = fs.readFileSync(path.join(here, 'page/init.js'), 'utf8');
const ALL_ELEMENTS = `(() => { let n = 0; const walk = (root) => { for (const e of root.querySelectorAll('*')) { n++; if (e.shadowRoot) walk(e.shadowRoot); } }; walk(document); return n; })()`;

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: INIT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('crash', () => errors.push('page crashed'));
  const cdp = await context.newCDPSession(page);
  return { context, page, errors, cdp };
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.wasmBytes());
  const dom = await page.evaluate(ALL_ELEMENTS);
  return { jsHeapBytes: heap.usedSize, wasmBytes: wasm, domElements: dom };
}

/** Scripted drag (pan) and wheel (zoom) on `selector`'s element (widget: the SVG, in its
 * shadow root; peers: their canvas); p95 of the frame intervals during each. */
async function panZoom(page, selector, reps) {
  const out = {};
  for (const kind of ['pan', 'zoom']) {
    const g = await page.evaluate(async ({ kind, selector, o }) => {
      const host = document.querySelector('partnership-map');
      let el = (host?.shadowRoot ?? document).querySelector(selector);
      const r = el.getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + Math.min(r.height, innerHeight - r.top) / 2;
      // Dispatch where a real pointer would land (cytoscape listens on its top canvas).
      if (!host) el = document.elementFromPoint(cx, cy) ?? el;
      return window.__bench.gesture(kind, el, cx, cy, o);
    }, { kind, selector, o: { events: kind === 'pan' ? reps.pan : reps.wheel, budgetMs: reps.capMs } });
    const d = g.intervals;
    out[kind] = { p95: pct(d, 95), median: median(d), max: d.length ? Math.max(...d) : null, frames: d.length, events: g.events, ms: g.ms };
  }
  return out;
}

// ---------------------------------------------------------------- one peer at one size
async function runPeer(browser, peerUrl, lib, n, reps, state) {
  const { context, page, errors, cdp } = await newPage(browser);
  const r = { lib, label: LABEL[lib], bodies: n, plan: plan(lib, n) };
  try {
    let q = `?data=/bench-data/graph-${n}.json`;
    if (r.plan !== 'full') {
      if (!state[`pos${n}`]) throw new Error(`${lib} at ${n} draws d3-force's positions: run d3 first`);
      q += `&pos=/bench-data/pos-${n}.json`;
    }
    await page.goto(`${peerUrl}/bench-data/peer-${lib}.html${q}`);
    r.firstFrameMs = await page.evaluate(() => window.__bench.firstDrawn);
    await page.waitForFunction(() => window.peer?.flow?.done, null, { timeout: 0, polling: 200 });
    const flow = await page.evaluate(() => window.peer.flow);
    if (flow.error) throw new Error(flow.error);
    r.layoutInFirstFrame = flow.layout ?? 'settled';
    r.firstSettleMs = flow.iterations != null ? flow.settled - flow.built : null;
    r.buildMs = flow.built - flow.fetched;
    r.settings = await page.evaluate(() => window.peer.settings?.() ?? null);
    if (lib === 'd3' && LIBS.some((l) => l !== 'widget' && plan(l, n) !== 'full')) {
      const pos = await page.evaluate(() => window.peer.positions);
      fs.writeFileSync(path.join(TMP, `pos-${n}.json`), JSON.stringify(pos));
      state[`pos${n}`] = true;
    }
    Object.assign(r, await panZoom(page, lib === 'cy' ? '#cy' : '#c', reps));
    Object.assign(r, await memory(page, cdp));
    r.pictureMs = r.plan === 'full' ? r.firstFrameMs - flow.fetched : null;
    const perIteration = (o) => page.evaluate((x) => window.peer.perIteration(x), o);
    if (r.plan === 'estimate') {
      // Few iterations where one takes seconds; enough to rise above the noise where not.
      const few = n <= 1000 ? { warm: 5, k: 20 } : n >= 20000 ? { warm: 1, k: 1 } : { warm: 1, k: 2 };
      const per = await perIteration({ ...few, runs: 1 });
      r.msPerIteration = per.median;
      r.msPerIterationRuns = per.runs;
      r.iterations = per.settleIterations;
      r.settleMs = per.median * per.settleIterations;
      r.settleEstimated = true;
      r.note = `${lib === 'cy' ? 'cose' : 'ForceAtlas2 (Barnes–Hut on, as inferSettings sets above 2,000 nodes)'} not run to its end at ${n.toLocaleString('en-GB')} bodies: ms/iteration from ${few.k} iteration(s) after ${few.warm}, settle time estimated as that × ${per.settleIterations}; its picture is d3-force's positions`;
      if (lib === 'fa2') {
        const off = await perIteration({ ...few, runs: 1, override: { barnesHutOptimize: false } });
        r.msPerIterationWithoutBarnesHut = off.median;
        r.note += `; with barnesHutOptimize off, ${fmt(off.median, 1)} ms/iteration (exact O(n²) repulsion)`;
      }
    } else if (r.plan === 'full') {
      const per = await perIteration({ warm: reps.warm, k: reps.k, runs: reps.iterRuns });
      r.msPerIteration = per.median;
      r.msPerIterationRuns = per.runs;
      // More settle runs beyond the first flow's, when asked (cose: at most 2, 10 s each).
      const extra = Math.max(0, (lib === 'cy' ? Math.min(2, reps.settleRuns) : reps.settleRuns) - 1);
      const settles = [r.firstSettleMs];
      let iterations = flow.iterations;
      if (extra > 0) {
        const x = await page.evaluate((runs) => window.peer.settle({ runs }), extra);
        settles.push(...x.runs);
        iterations = x.iterations;
      }
      r.settleMs = median(settles);
      r.settleRuns = settles;
      r.iterations = iterations;
    } else if (lib === 'fa2') {
      // Barnes–Hut at this size takes minutes an iteration (about 2 minutes at 20,000 in a
      // trial): give the exact repulsion's figure instead, from 1 iteration after 1.
      const off = await perIteration({ warm: 1, k: 1, runs: 1, override: { barnesHutOptimize: false } });
      r.msPerIterationWithoutBarnesHut = off.median;
      r.note = `ForceAtlas2 not run with Barnes–Hut at ${n.toLocaleString('en-GB')} bodies (above --fa2-iter-max ${FA2_ITER_MAX}: minutes an iteration); with barnesHutOptimize off, ${fmt(off.median, 1)} ms/iteration (exact O(n²) repulsion, 1 iteration after 1); its picture is d3-force's positions`;
    } else {
      r.note = `cose not run at ${n.toLocaleString('en-GB')} bodies (O(n²) repulsion, O(E·N) set-up); its picture is d3-force's positions`;
    }
  } catch (e) {
    r.error = String(e?.message ?? e);
  }
  if (errors.length) r.pageErrors = errors.slice(0, 5);
  await context.close();
  return r;
}

// ---------------------------------------------------------------- the widget at one size
const ITERATIONS_FOR = (n) => Math.min(400, Math.max(100, Math.floor(400000 / Math.max(1, n)))); // scene::iterations_for

async function runWidget(browser, widgetUrl, n, reps) {
  const { context, page, errors, cdp } = await newPage(browser);
  const r = { lib: 'widget', label: LABEL.widget, bodies: n };
  try {
    await page.goto(`${widgetUrl}/embed.html?src=/bench-data/map-${n}.json&view=network&no-autosave`);
    r.firstFrameMs = await page.evaluate(() => window.__bench.firstDrawn);
    if (r.firstFrameMs == null) throw new Error('the network was never drawn');
    log(`  widget ${n}: first frame ${fmt(r.firstFrameMs)} ms`);
    // The layout contract: a settled `pm-layout` event, if this build sends one; otherwise
    // pm:load − pm:analyse with scene::iterations_for(n).
    // A build with a layout worker (pmap-worker.js) sends the event only once the layout has
    // settled, which on a big map is long after the first (even-spread) frame: wait for it.
    const hasWorker = fs.existsSync(path.join(DIST, 'pmap-worker.js'));
    const sawEvent = await page.waitForFunction(() => window.__bench.layoutEvents.length > 0, null, { timeout: hasWorker ? 600000 : 3000, polling: 100 }).then(() => true, () => false);
    r.layoutSource = sawEvent ? 'pm-layout event' : 'fallback: pm:load − pm:analyse';
    if (sawEvent) await page.waitForFunction(() => window.__bench.layoutEvents.some((e) => e.settled), null, { timeout: 600000 });
    const first = await page.evaluate(() => ({
      load: performance.getEntriesByName('pm:load').map((e) => e.duration),
      analyse: performance.getEntriesByName('pm:analyse').map((e) => e.duration),
      firstRender: performance.getEntriesByName('pm:first-render')[0]?.startTime ?? null,
      events: window.__bench.layoutEvents,
    }));
    r.firstLoad = first;
    Object.assign(r, await panZoom(page, '.pm-network__svg, .pm-network__canvas', reps));
    log(`  widget ${n}: pan p95 ${fmt(r.pan.p95)} ms (${r.pan.events} moves), zoom p95 ${fmt(r.zoom.p95)} ms (${r.zoom.events} wheels)`);
    Object.assign(r, await memory(page, cdp));
    // Repeated el.load() of the same map text: each validates, analyses and lays out again.
    const runs = [];
    for (let i = 0; i < reps.widgetLoads; i++) {
      runs.push(await page.evaluate(async ({ src, mode }) => {
        window.__mapText ??= await (await fetch(src)).text();
        const el = document.querySelector('partnership-map');
        const seen = window.__bench.layoutEvents.length;
        performance.clearMeasures('pm:load');
        performance.clearMeasures('pm:analyse');
        // The page's long tasks (over 50 ms) from the load until the settled picture is drawn
        // and the findings are known (a large map's come from the worker).
        const long = [];
        const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push({ start: e.startTime, ms: e.duration }); });
        obs.observe({ type: 'longtask' });
        let findingsAt = null;
        const onFindings = () => { findingsAt ??= performance.now(); };
        el.addEventListener('pm-findings', onFindings);
        const t0 = performance.now();
        const res = await el.load(window.__mapText);
        const returned = performance.now() - t0;
        let event = null;
        if (mode) {
          const until = performance.now() + 600000;
          while (!event && performance.now() < until) {
            event = window.__bench.layoutEvents.slice(seen).find((e) => e.settled) ?? null;
            if (!event) await new Promise((r) => setTimeout(r, 20));
          }
        }
        // The frame after the load (and any work it queued) is the settled picture. (A reload
        // of the same map keeps the same node elements, so there is nothing else to wait for.)
        await new Promise((r) => setTimeout(r, 0));
        const drawn = await window.__bench.whenDrawn(() => window.__bench.widgetDrawn(), 120000);
        for (const until = performance.now() + 120000; findingsAt == null && performance.now() < until;) {
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, 50));
        obs.disconnect();
        el.removeEventListener('pm-findings', onFindings);
        // The task el.load() ran in (parsing, validation, the first picture), apart from the
        // tasks after it returned (the layout's and the analyses' results arriving, redraws).
        const callEnd = t0 + returned;
        const most = (xs) => xs.reduce((m, x) => Math.max(m, x.ms), 0);
        return {
          longestTask: most(long),
          longTasks: long.length,
          loadTask: most(long.filter((x) => x.start <= callEnd)),
          longestAfter: most(long.filter((x) => x.start > callEnd)),
          longAfter: long.filter((x) => x.start > callEnd).length,
          findingsMs: findingsAt == null ? null : findingsAt - t0,
          ok: res?.ok,
          returnedMs: returned,
          pictureMs: drawn == null ? null : drawn - t0,
          load: performance.getEntriesByName('pm:load')[0]?.duration ?? null,
          analyse: performance.getEntriesByName('pm:analyse')[0]?.duration ?? null,
          event,
        };
      }, { src: `/bench-data/map-${n}.json`, mode: sawEvent }));
    }
    r.loads = runs;
    log(`  widget ${n}: el.load() × ${runs.length}: pm:load ${runs.map((x) => fmt(x.load, 0)).join(', ')} ms`);
    if (runs.some((x) => !x.ok)) throw new Error(`el.load() refused the map: ${JSON.stringify(runs)}`);
    const iters = ITERATIONS_FOR(n);
    if (sawEvent) {
      r.iterations = median(runs.map((x) => x.event?.iterations));
      r.settleMs = median(runs.map((x) => x.event?.ms));
      r.msPerIteration = median(runs.map((x) => x.event?.msPerIteration ?? (x.event?.ms / x.event?.iterations)));
    } else {
      r.iterations = iters;
      r.settleMs = median(runs.map((x) => x.load - x.analyse));
      r.msPerIteration = r.settleMs / iters;
    }
    r.settleRuns = runs.map((x) => (sawEvent ? x.event?.ms : x.load - x.analyse));
    r.pictureMs = median(runs.map((x) => x.pictureMs));
  } catch (e) {
    r.error = String(e?.message ?? e);
  }
  if (errors.length) r.pageErrors = errors.slice(0, 5);
  await context.close();
  return r;
}

async function runDemo(browser, widgetUrl, reps) {
  const out = [];
  for (let i = 0; i < reps.demoLoads; i++) {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${widgetUrl}/index.html`);
    const drawn = await page.evaluate(() => window.__bench.firstDrawn);
    const mark = await page.evaluate(() => performance.getEntriesByName('pm:first-render')[0]?.startTime ?? null);
    out.push({ firstFrameMs: drawn, firstRenderMark: mark, errors });
    await context.close();
  }
  return { firstFrameMs: median(out.map((x) => x.firstFrameMs)), firstRenderMark: median(out.map((x) => x.firstRenderMark)), runs: out };
}

// ---------------------------------------------------------------- report
const fmt = (v, d = 1) => (v == null || !Number.isFinite(v) ? 'n/a' : v >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(d));
const mb = (b) => (b == null ? null : b / 1048576);
const kb = (b) => (b == null ? 'n/a' : `${(b / 1000).toFixed(1)}`);
const ratio = (peer, widget) => (peer == null || widget == null || !widget ? null : peer / widget);
const fmtRatio = (x) => (x == null ? '' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`);

function table(size, rows) {
  const w = rows.widget;
  const peers = ['d3', 'fa2', 'cy'].filter((l) => rows[l]);
  const preset = (r) => (r.layoutInFirstFrame?.startsWith('preset') ? ' †' : '');
  const metrics = [
    ['ms per layout iteration (median)', (r) => r.msPerIteration, 2],
    ['iterations to settle', (r) => r.iterations, 0],
    ['layout to settled, ms', (r) => r.settleMs, 0, (r) => (r.settleEstimated ? ' (est.)' : '')],
    ['data in hand → settled picture drawn, ms', (r) => r.pictureMs, 0],
    ['navigation → first drawn frame, ms', (r) => r.firstFrameMs, 0, preset],
    ['pan frame p95, ms', (r) => r.pan?.p95, 1],
    ['zoom frame p95, ms', (r) => r.zoom?.p95, 1],
    ['JS heap, MB', (r) => mb(r.jsHeapBytes), 1],
    ['wasm memory, MB', (r) => mb(r.wasmBytes), 1],
    ['DOM elements', (r) => r.domElements, 0],
  ];
  let s = `\n### ${size.bodies.toLocaleString('en-GB')} bodies, ${size.edges.toLocaleString('en-GB')} edges (${size.links.toLocaleString('en-GB')} links)\n\n`;
  s += `| metric | ${w ? 'widget' : ''} | ${peers.map((l) => `${LABEL[l]} | ÷ widget`).join(' | ')} |\n`;
  s += `|---|---:|${peers.map(() => '---:|---:').join('|')}|\n`;
  for (const [name, get, , mark = () => ''] of metrics) {
    const wv = w && !w.error ? get(w) : null;
    const cells = peers.map((l) => {
      const r = rows[l];
      const v = r.error ? null : get(r);
      const nowasm = name.startsWith('wasm') && v === 0;
      return `${nowasm ? '–' : `${fmt(v)}${v == null ? '' : mark(r)}`} | ${nowasm ? '' : fmtRatio(ratio(v, wv))}`;
    });
    s += `| ${name} | ${w?.error ? 'error' : fmt(wv)} | ${cells.join(' | ')} |\n`;
  }
  return s;
}

// ---------------------------------------------------------------- main
async function main() {
  const t0 = Date.now();
  writePages();
  const graphs = GRAPHS.filter((g) => sizes.includes(g.bodies)).map((g) => ({ ...g, ...writeGraphs(g) }));
  const mounts = { '/bench-data/': TMP, '/bench-page/': path.join(here, 'page'), '/bench-nm/': NM };
  const widgetServer = await serve(DIST, { mounts });
  const peerServer = await serve(DIST, { mounts, csp: null });
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const chromiumVersion = browser.version();
  log(`Chromium ${chromiumVersion}; dist ${DIST}; ${QUICK ? 'quick' : 'full'} run; sizes ${sizes.join(', ')}`);

  const results = {
    date: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.type()} ${os.release()}` },
    chromium: chromiumVersion,
    node: process.version,
    versions: Object.fromEntries(Object.entries(PEERS).map(([k, p]) => [k, p.version()])),
    // The commit checked out beside the dist at run time (the build may include more).
    widgetBuild: { label: BUILD_LABEL, dist: DIST, builtAt: fs.statSync(path.join(DIST, 'pmap_bg.wasm')).mtime.toISOString(), commit: (() => { try { return execFileSync('git', ['-C', path.dirname(DIST), 'rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return null; } })() },
    reps: REPS,
    coseMax: COSE_MAX,
    coseIterMax: COSE_ITER_MAX,
    fa2FullMax: FA2_FULL_MAX,
    fa2IterMax: FA2_ITER_MAX,
    sizes: {},
    bundles: {},
  };
  results.bundles.widget = compressed(WIDGET_FILES.map((f) => path.join(DIST, f)));
  results.bundles.widgetCss = compressed([path.join(DIST, 'pmap.css')]);
  for (const [k, p] of Object.entries(PEERS)) results.bundles[k] = compressed(p.files());

  const state = {};
  let failed = false;
  for (const g of graphs) {
    const reps = repsFor(g.bodies);
    const rows = {};
    for (const lib of LIBS) {
      const t = Date.now();
      rows[lib] = lib === 'widget'
        ? await runWidget(browser, widgetServer.url, g.bodies, reps)
        : await runPeer(browser, peerServer.url, lib, g.bodies, reps, state);
      if (rows[lib].error) failed = true;
      log(`${g.bodies} ${lib}: ${((Date.now() - t) / 1000).toFixed(1)} s${rows[lib].error ? ` ERROR ${rows[lib].error}` : ''}`);
    }
    results.sizes[g.bodies] = { graph: g, rows };
  }
  if (LIBS.includes('widget')) {
    results.demo = await runDemo(browser, widgetServer.url, REPS);
    log(`demo: first frame ${fmt(results.demo.firstFrameMs)} ms`);
  }
  await browser.close();
  widgetServer.server.close();
  peerServer.server.close();
  results.totalSeconds = (Date.now() - t0) / 1000;
  results.loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  results.targets = targets(results);
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(report(results));
  fs.rmSync(TMP, { recursive: true, force: true });
  if (failed) process.exitCode = 1;
}

function targets(res) {
  const out = [];
  const five = res.sizes[5000]?.rows;
  if (five?.widget && five?.d3) {
    const it = ratio(five.d3.msPerIteration, five.widget.msPerIteration);
    const st = ratio(five.d3.settleMs, five.widget.settleMs);
    out.push({ target: '5k bodies: layout per iteration ≥ 6× faster than d3-force', value: `${fmt(five.widget.msPerIteration, 2)} vs ${fmt(five.d3.msPerIteration, 2)} ms: ${fmtRatio(it)}`, met: it != null && it >= 6 });
    const pic = ratio(five.d3.pictureMs, five.widget.pictureMs);
    out.push({ target: '5k bodies: time to a settled layout ≥ 6× faster than d3-force (300 ticks)', value: `${fmt(five.widget.settleMs, 0)} vs ${fmt(five.d3.settleMs, 0)} ms: ${fmtRatio(st)} (settled picture drawn, from data in hand: ${fmt(five.widget.pictureMs, 0)} vs ${fmt(five.d3.pictureMs, 0)} ms, ${fmtRatio(pic)})`, met: st != null && st >= 6 });
  }
  const big = res.sizes[20000]?.rows?.widget;
  if (big) {
    const ok = !big.error && big.firstFrameMs != null && !(big.pageErrors ?? []).length;
    out.push({ target: '20k bodies / 100k links: loads and draws without a crash', value: ok ? `drawn ${fmt(big.firstFrameMs, 0)} ms after navigation` : (big.error ?? big.pageErrors?.join('; ')), met: ok });
    const p = Math.max(big.pan?.p95 ?? Infinity, big.zoom?.p95 ?? Infinity);
    out.push({ target: '20k bodies: pan/zoom frame p95 ≤ 33 ms (software renderer)', value: `pan ${fmt(big.pan?.p95)} ms, zoom ${fmt(big.zoom?.p95)} ms`, met: ok && p <= 33 });
  }
  for (const n of [5000, 20000]) {
    const w = res.sizes[n]?.rows?.widget;
    if (w?.loads?.length) {
      // The worst load, not the median: one task over 50 ms in any load misses the target.
      const after = Math.max(0, ...w.loads.map((x) => x.longestAfter || 0));
      out.push({ target: `${(n / 1000).toFixed(0)}k bodies: no analysis (nor the layout) holds the page over 50 ms: every task after el.load() returns, until the settled picture and the findings`, value: after > 0 ? `longest ${fmt(after, 0)} ms (in ${w.loads.length} loads)` : `none over 50 ms (in ${w.loads.length} loads)`, met: after <= 50 });
      const t = median(w.loads.map((x) => x.loadTask));
      out.push({ target: `${(n / 1000).toFixed(0)}k bodies: el.load() itself within 50 ms`, value: `${fmt(t, 0)} ms (the call is synchronous and returns the diagnostics: parsing, validation and the first picture happen in it)`, met: t <= 50 });
    }
  }
  if (res.demo) out.push({ target: 'demo: navigation → first drawn network frame ≤ 1 s', value: `${fmt(res.demo.firstFrameMs, 0)} ms`, met: res.demo.firstFrameMs != null && res.demo.firstFrameMs <= 1000 });
  const b = res.bundles.widget;
  out.push({ target: 'wasm + JS ≤ 300 KB brotli (300,000 bytes)', value: `${kb(b.brotli)} KB (${b.brotli.toLocaleString('en-GB')} bytes)`, met: b.brotli <= 300000 });
  return out;
}

function report(res) {
  let s = `\n## Results: ${res.mode} run, ${res.date.slice(0, 16).replace('T', ' ')} UTC\n\n`;
  s += `Chromium ${res.chromium} (headless, --disable-gpu: software rendering), ${res.machine.cpus} cores (${res.machine.cpuModel}), ${res.machine.memGB} GB, node ${res.node}; `;
  s += `d3-force ${res.versions.d3}, graphology + ForceAtlas2 ${res.versions.fa2}, cytoscape ${res.versions.cy}; widget build ${res.widgetBuild.label ?? res.widgetBuild.dist} (wasm built ${res.widgetBuild.builtAt.slice(0, 16).replace('T', ' ')} UTC${res.widgetBuild.commit ? `, HEAD ${res.widgetBuild.commit} beside it` : ''}). `;
  s += `Run took ${Math.round(res.totalSeconds)} s; load average ${res.loadAverageAtStart[0]} at the start, ${res.loadAverageAtEnd[0]} at the end (other sessions share the machine). "÷ widget" is the peer's figure divided by the widget's: above 1, the widget is faster or smaller.\n`;
  for (const { graph, rows } of Object.values(res.sizes)) {
    s += table(graph, rows);
    const w = rows.widget;
    const notes = [];
    if (w && !w.error) notes.push(`widget layout figures from the ${w.layoutSource}${w.layoutSource.startsWith('fallback') ? ` (÷ ${w.iterations} iterations, scene::iterations_for)` : ''}; its first load after navigation took pm:load ${fmt(w.firstLoad?.load?.[0], 0)} ms against ${fmt(median(w.loads.map((x) => x.load)), 0)} ms warm (pm:load is the page's part: parsing, validation, the analyses when the map has at most 400 bodies, and the first picture)`);
    if (w && !w.error && w.loads?.length) notes.push(`widget, warm el.load() until the settled picture and the findings: longest task on the page ${fmt(median(w.loads.map((x) => x.longestTask)), 0)} ms (median of ${w.loads.length}; ${w.loads.map((x) => fmt(x.longestTask, 0)).join(', ')}), ${fmt(median(w.loads.map((x) => x.longTasks)), 0)} tasks over 50 ms; after el.load() returned, ${fmt(median(w.loads.map((x) => x.longAfter)), 0)} over 50 ms (longest in each load: ${w.loads.map((x) => (x.longestAfter ? `${fmt(x.longestAfter, 0)} ms` : 'none')).join(', ')}); findings known ${fmt(median(w.loads.map((x) => x.findingsMs)), 0)} ms after the call${w.bodies > 400 ? ' (worked out in the worker)' : ''}`);
    if (Object.values(rows).some((r) => r.layoutInFirstFrame?.startsWith('preset'))) notes.push('†: no layout run in that page (d3-force\'s positions drawn), so navigation → first frame is not comparable');
    for (const r of Object.values(rows)) {
      if (r.note) notes.push(`${r.label}: ${r.note}`);
      if (r.error) notes.push(`${r.label}: ERROR ${r.error}`);
    }
    if (notes.length) s += `\n${notes.map((x) => `- ${x}`).join('\n')}\n`;
  }
  s += '\n### Bundle size (each file compressed on its own, summed; KB = 1,000 bytes)\n\n| bundle | files | raw KB | gzip -9 KB | brotli q11 KB | brotli ÷ widget |\n|---|---|---:|---:|---:|---:|\n';
  const b = res.bundles;
  const rowB = (name, x) => `| ${name} | ${x.files.map((f) => f.file).join(', ')} | ${kb(x.raw)} | ${kb(x.gzip)} | ${kb(x.brotli)} | ${fmtRatio(ratio(x.brotli, b.widget.brotli))} |\n`;
  s += rowB('Partnership Map (wasm + JS)', b.widget);
  s += rowB('Partnership Map stylesheet', b.widgetCss);
  for (const k of ['d3', 'fa2', 'cy']) s += rowB(LABEL[k], b[k]);
  if (res.demo) s += `\nDemo (dist/index.html, Hampshire & Isle of Wight): navigation → first drawn network frame ${fmt(res.demo.firstFrameMs, 0)} ms (median of ${res.demo.runs.length}; the widget's own pm:first-render mark at ${fmt(res.demo.firstRenderMark, 0)} ms).\n`;
  s += '\n### Targets (issue 12)\n\n| target | this run | met |\n|---|---|---|\n';
  for (const t of res.targets) s += `| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |\n`;
  return s;
}

main().catch((e) => {
  console.error(e);
  fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(1);
});
