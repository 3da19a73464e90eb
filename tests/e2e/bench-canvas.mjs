// Benchmark: SVG against canvas pan/zoom on generated maps (not part of the test suite).
//
//   node tests/e2e/bench-canvas.mjs [DIST] [svg|canvas|both] [N:M ...]
//
// DIST must be a test build (`trunk build --release --features test-hooks --dist
// dist-test`): the renderer is forced with its `pmRendererForTest` hook.
import path from 'node:path';
import { start } from './harness.mjs';
import { loadGenerated, panZoom, renderer, shadowCount } from './panzoom.mjs';

const [dist = 'dist-test', which = 'both', ...sizes] = process.argv.slice(2);
const cases = (sizes.length ? sizes : ['500:1000', '1000:2000', '2000:4000', '5000:15000', '20000:100000'])
  .map((s) => s.split(':').map(Number));
const kinds = which === 'both' ? ['svg', 'canvas'] : [which];
const h = await start({ root: path.resolve(dist) });
try {
  for (const [n, m] of cases) {
    for (const kind of kinds) {
      const { page, context } = await h.page();
      await page.evaluate((k) => { window.pmRendererForTest = k; }, kind);
      await page.waitForSelector('.pm [data-finding], .pm [data-finding-group]', { timeout: 60000 });
      // 0:0 is the demo map as it opens.
      const load = n ? await loadGenerated(page, n, m) : { ms: 0 };
      const big = kind === 'svg' && n >= 5000;
      const pz = await panZoom(page, big ? { wheels: 20, drags: 10 } : {});
      const row = { n, m, kind: await renderer(page), loadMs: Math.round(load.ms), dom: await shadowCount(page), ...pz };
      console.log(JSON.stringify(row));
      await context.close();
    }
  }
} finally {
  await h.close();
}
