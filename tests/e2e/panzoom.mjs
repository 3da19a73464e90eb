// Pan/zoom frame times and DOM size for the large-network test and benchmark.
//
// Method: a requestAnimationFrame loop records the interval between frames while a script
// sends `wheels` wheel events (half zooming in, half out, one per frame, about the middle of
// the picture) and then a drag of `drags` pointer moves (one per frame). A frame longer
// than 33 ms is a frame the user sees late; the figure is the 95th percentile of the
// intervals, after a warm-up (1 s idle, six unmeasured wheel events). `settle` is the longest frame in the 400 ms after the input stops (when the
// canvas renders fully again after drawing its cached bitmap during the gesture).
import { clustered } from './gen-clustered.mjs';

/** Loads a generated clustered map of `n` bodies and `m` links into the first widget. */
export async function loadGenerated(page, n, m, seed = 1, edit = (map) => map) {
  const text = JSON.stringify(edit(clustered(n, m, seed)));
  return page.evaluate(async ([t, n]) => {
    const el = document.querySelector('partnership-map');
    await el.ready;
    // The layout says when it has settled (pm-layout, settled: true), on the page or in
    // the worker; listen before loading so the event cannot be missed.
    const settled = new Promise((res) => {
      const on = (e) => {
        // This map's layout (not the one it replaces) has settled.
        if (e.detail?.settled && e.detail.nodes === n) { el.removeEventListener('pm-layout', on); res(e.detail); }
      };
      el.addEventListener('pm-layout', on);
      setTimeout(() => res(null), 180000);
    });
    // The page's long tasks (over 50 ms) from the load until the picture settles and the
    // findings are in: what holds the page, whatever part of the widget it is.
    const long = [];
    const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push({ start: e.startTime, ms: e.duration }); });
    obs.observe({ type: 'longtask' });
    let findingsCame = false;
    const onFindings = () => { findingsCame = true; };
    el.addEventListener('pm-findings', onFindings);
    const t0 = performance.now();
    const r = el.load(t);
    const returned = performance.now();
    // Two frames: the picture is on screen.
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const ms = performance.now() - t0;
    // A large map is laid out in a worker: wait until it has settled (and its progress bar
    // has gone).
    if (r.ok) await settled;
    const root = el.shadowRoot;
    const start = performance.now();
    while (root.querySelector('.pm-progress') && performance.now() - start < 180000) {
      await new Promise((res) => setTimeout(res, 100));
    }
    const settledMs = Math.round(performance.now() - t0);
    // The long tasks include the findings' arrival (a large map's come from the worker),
    // but not the test's own el.findings(), which turns every finding into an object.
    for (const until = performance.now() + 120000; r.ok && !findingsCame && performance.now() < until;) {
      await new Promise((res) => setTimeout(res, 20));
    }
    await new Promise((res) => setTimeout(res, 50));
    obs.disconnect();
    el.removeEventListener('pm-findings', onFindings);
    const last = (name) => performance.getEntriesByName(name).at(-1)?.duration ?? null;
    return {
      ok: r.ok, ms, settledMs,
      longTasks: long.map((x) => Math.round(x.ms)),
      // Tasks that began after el.load() returned: the layout's and the analyses' results
      // arriving, redraws; not the call itself (parsing, validation, the first picture).
      after: long.filter((x) => x.start > returned).map((x) => Math.round(x.ms)),
      pageLoad: last('pm:load'), analyse: last('pm:analyse'),
      findings: el.findings()?.length ?? null,
    };
  }, [text, n]);
}

/** Elements in the widget's shadow root: all, and all but the <option>s of its selects
 * (the toolbar's outline filter lists every partnership). */
export async function shadowCount(page) {
  return page.evaluate(() => {
    const root = document.querySelector('partnership-map').shadowRoot;
    const all = root.querySelectorAll('*').length;
    return { all, withoutOptions: all - root.querySelectorAll('option').length };
  });
}

/** Which renderer draws the network: 'canvas', 'svg' or null. */
export async function renderer(page) {
  return page.evaluate(() => {
    const root = document.querySelector('partnership-map').shadowRoot;
    if (root.querySelector('canvas.pm-network__canvas')) return 'canvas';
    if (root.querySelector('svg.pm-network__svg')) return 'svg';
    return null;
  });
}

/** Scripted wheel + drag; returns frame-interval figures in ms. */
export async function panZoom(page, { wheels = 60, drags = 40 } = {}) {
  return page.evaluate(async ({ wheels, drags }) => {
    const root = document.querySelector('partnership-map').shadowRoot;
    const target = root.querySelector('.pm-network__canvas, .pm-network__svg');
    const r = target.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + Math.min(r.height, innerHeight - r.top) / 2;
    const frames = [];
    let last = null;
    let running = true;
    const loop = (t) => {
      if (last !== null) frames.push(t - last);
      last = t;
      if (running) requestAnimationFrame(loop);
    };
    const next = () => new Promise((res) => requestAnimationFrame(res));
    // Warm up (not measured): let the page go idle, then a few wheel events there and back.
    await new Promise((res) => setTimeout(res, 1000));
    for (let i = 0; i < 6; i++) {
      target.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 3 ? -100 : 100, clientX: cx, clientY: cy, bubbles: true, cancelable: true, composed: true }));
      await next();
    }
    await new Promise((res) => setTimeout(res, 500));
    await next();
    requestAnimationFrame(loop);
    await next();
    for (let i = 0; i < wheels; i++) {
      const deltaY = (i < wheels / 2 ? -1 : 1) * 100;
      target.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: cx + ((i * 37) % 200) - 100, clientY: cy, bubbles: true, cancelable: true, composed: true }));
      await next();
    }
    const pointerId = 7;
    const opts = (x, y) => ({ pointerId, isPrimary: true, clientX: x, clientY: y, bubbles: true, composed: true, cancelable: true });
    target.dispatchEvent(new PointerEvent('pointerdown', opts(cx, cy)));
    for (let i = 1; i <= drags; i++) {
      target.dispatchEvent(new PointerEvent('pointermove', opts(cx + i * 4, cy + i * 2)));
      await next();
    }
    target.dispatchEvent(new PointerEvent('pointerup', opts(cx + drags * 4, cy + drags * 2)));
    const during = frames.slice();
    await new Promise((res) => setTimeout(res, 400));
    running = false;
    const after = frames.slice(during.length);
    during.sort((a, b) => a - b);
    const q = (p) => during[Math.min(during.length - 1, Math.floor(p * during.length))];
    const round = (v) => Math.round(v * 10) / 10;
    return { frames: during.length, p50: round(q(0.5)), p95: round(q(0.95)), max: round(during[during.length - 1]), settle: round(Math.max(0, ...after)) };
  }, { wheels, drags });
}
