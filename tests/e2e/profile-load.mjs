// Where the page's time goes while the widget loads a large generated map: a CPU profile of
// the page (Chrome DevTools Protocol) from el.load() for a few seconds, summed by function.
// It needs a build whose wasm keeps its function names:
//   sed 's/data-wasm-opt="z"/data-wasm-opt="0" data-keep-debug/' index.html > index-prof.html
//   trunk build --release --dist /tmp/dist-prof index-prof.html && rm index-prof.html
// Usage: node profile-load.mjs /tmp/dist-prof [bodies] [links] [seconds]
import { start, ready } from './harness.mjs';
import { clustered } from './gen-clustered.mjs';

const [root = '/tmp/dist-prof', n = '20000', m = '100000', secs = '8'] = process.argv.slice(2);
const h = await start({ root });
const { page, context } = await h.page();
await ready(page);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.evaluate((t) => { window.__t = t; }, JSON.stringify(clustered(Number(n), Number(m), 1)));
await cdp.send('Profiler.start');
await page.evaluate(async (ms) => {
  document.querySelector('partnership-map').load(window.__t);
  await new Promise((r) => setTimeout(r, ms));
}, Number(secs) * 1000);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const parent = new Map();
for (const x of profile.nodes) for (const c of x.children || []) parent.set(c, x.id);
const self = new Map(), incl = new Map();
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] || 0) / 1000;
  const name = byId.get(id).callFrame.functionName || '(anonymous)';
  self.set(name, (self.get(name) || 0) + ms);
  const seen = new Set();
  for (let at = id; at; at = parent.get(at)) {
    const f = byId.get(at).callFrame.functionName;
    if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) || 0) + ms); }
  }
});
const show = (title, map, keep = () => true) => {
  console.log(`\n${title}`);
  for (const [f, ms] of [...map].filter(([f]) => keep(f)).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${f.slice(0, 150)}`);
};
show('self time', self);
// Tasks: runs of samples that are not idle. For each one over 50 ms, the widget's functions
// that took most of it (inclusive).
const tasks = [];
let cur = null;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] || 0) / 1000;
  const name = byId.get(id).callFrame.functionName;
  if (name === '(idle)' || name === '(program)') { if (cur) tasks.push(cur); cur = null; return; }
  if (!cur) cur = { ms: 0, incl: new Map(), self: new Map() };
  cur.ms += ms;
  cur.self.set(name || '(anonymous)', (cur.self.get(name || '(anonymous)') || 0) + ms);
  const seen = new Set();
  for (let at = id; at; at = parent.get(at)) {
    const f = byId.get(at).callFrame.functionName;
    if (!seen.has(f)) { seen.add(f); cur.incl.set(f, (cur.incl.get(f) || 0) + ms); }
  }
});
if (cur) tasks.push(cur);
for (const t of tasks.filter((t) => t.ms > Number(process.env.MIN || 50))) {
  const top = [...t.self].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, ms]) => `${f.slice(0, 40)} ${ms.toFixed(0)}`);
  console.log(`\ntask of ${t.ms.toFixed(0)} ms; most self time: ${top.join(', ')}`);
  for (const [f, ms] of [...t.incl].filter(([f]) => /pmap|partnership_map/.test(f)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 14))) console.log(`${ms.toFixed(1).padStart(9)} ms  ${f.slice(0, 150)}`);
}
show('inclusive time, the widget\'s own functions', incl, (f) => /pmap|partnership_map/.test(f));
await h.close();
