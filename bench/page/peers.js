// The peers' side of the benchmark: one page per library (<html data-lib="d3|fa2|cy">), loaded
// after the library's own bundle. On load it fetches the graph (?data=…: {n, edges:[[s,t]…]},
// the same unique pairs the widget draws), lays it out to a settled state with the library's
// usual synchronous call, draws it (d3-force and ForceAtlas2 have no renderer: a minimal
// canvas draw of their positions, one path of lines and one of dots; cytoscape draws itself
// on its canvas), and marks <html data-drawn="1">. window.peer then offers the timed runs the
// harness asks for. All times are performance.now() wall clock in the page's main thread.
(() => {
  const lib = document.documentElement.dataset.lib;
  const q = new URLSearchParams(location.search);

  // Seeded start positions come with the graph (g.start, from the generator's PRNG).
  const seeded = (g) => g.start;

  // cose stops when its temperature (initialTemp × coolingFactor^i) drops below minTemp, or
  // at numIter: with the defaults (1000, 0.99, 1.0, 1000) that is after 688 iterations.
  const COSE_DEFAULT_ITERS = Math.min(1000, Math.ceil(Math.log(1 / 1000) / Math.log(0.99)));
  // ForceAtlas2 has no stopping rule; "settled" is the same 300 iterations as d3's schedule.
  const FA2_SETTLE_ITERS = 300;

  const adaptors = {
    d3: {
      label: 'd3-force',
      settleIterations: 300,
      create(g) {
        const nodes = Array.from({ length: g.n }, (_, i) => ({ index: i }));
        const links = g.edges.map(([s, t]) => ({ source: s, target: t }));
        const sim = d3.forceSimulation(nodes)
          .force('link', d3.forceLink(links))
          .force('charge', d3.forceManyBody())
          .force('center', d3.forceCenter(0, 0))
          .stop();
        const ticks = Math.ceil(Math.log(sim.alphaMin()) / Math.log(1 - sim.alphaDecay()));
        return {
          step(k) { for (let i = 0; i < k; i++) sim.tick(); },
          settle() { for (let i = 0; i < ticks; i++) sim.tick(); return ticks; },
          positions: () => nodes.map((d) => [d.x, d.y]),
        };
      },
    },
    fa2: {
      label: 'graphology + ForceAtlas2',
      settleIterations: FA2_SETTLE_ITERS,
      create(g, { override } = {}) {
        const graph = new graphology.Graph({ type: 'undirected' });
        seeded(g).forEach(([x, y], i) => graph.addNode(i, { x, y }));
        for (const [s, t] of g.edges) graph.addEdge(s, t);
        // inferSettings: barnesHutOptimize when the graph has more than 2,000 nodes.
        const settings = { ...FA2.forceAtlas2.inferSettings(graph), ...override };
        let m = null;
        return {
          settings,
          step(k) {
            m ??= FA2.helpers.graphToByteArrays(graph, () => 1);
            for (let i = 0; i < k; i++) FA2.iterate(settings, m.nodes, m.edges);
          },
          settle() { FA2.forceAtlas2.assign(graph, { iterations: FA2_SETTLE_ITERS, settings }); return FA2_SETTLE_ITERS; },
          positions() {
            const out = [];
            graph.forEachNode((_, a) => out.push([a.x, a.y]));
            return out;
          },
        };
      },
    },
    cy: {
      label: 'cytoscape (cose)',
      settleIterations: COSE_DEFAULT_ITERS,
      create(g, { container = null, positions = null, numIter } = {}) {
        const pos = positions ?? seeded(g);
        const elements = [];
        for (let i = 0; i < g.n; i++) elements.push({ group: 'nodes', data: { id: `n${i}` }, position: { x: pos[i][0], y: pos[i][1] } });
        g.edges.forEach(([s, t], k) => elements.push({ group: 'edges', data: { id: `e${k}`, source: `n${s}`, target: `n${t}` } }));
        const cy = cytoscape({
          // headless (no container): the layout runs without a renderer.
          container,
          headless: !container,
          elements,
          layout: { name: 'preset' },
          style: [
            { selector: 'node', style: { width: 8, height: 8, 'background-color': '#2b6cb0' } },
            { selector: 'edge', style: { width: 0.5, 'line-color': '#999' } },
          ],
        });
        const cose = (iters) => cy.layout({ name: 'cose', animate: false, randomize: false, fit: !!container, numIter: iters }).run();
        return {
          cy,
          settle() { cose(numIter ?? 1000); return COSE_DEFAULT_ITERS; },
          cose,
          positions: () => cy.nodes().map((n) => [n.position('x'), n.position('y')]),
        };
      },
    },
  };
  const A = adaptors[lib];

  // ---- minimal canvas renderer (d3-force, ForceAtlas2), with drag-to-pan and wheel zoom ----
  function canvasView(g, pos) {
    const canvas = document.getElementById('c');
    const dpr = devicePixelRatio || 1;
    canvas.width = innerWidth * dpr;
    canvas.height = innerHeight * dpr;
    const ctx = canvas.getContext('2d');
    let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
    for (const [x, y] of pos) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    const s0 = Math.min(innerWidth / (x1 - x0 || 1), innerHeight / (y1 - y0 || 1)) * 0.95;
    const view = { s: s0, x: innerWidth / 2 - s0 * (x0 + x1) / 2, y: innerHeight / 2 - s0 * (y0 + y1) / 2 };
    const draw = () => {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, innerWidth, innerHeight);
      ctx.setTransform(dpr * view.s, 0, 0, dpr * view.s, dpr * view.x, dpr * view.y);
      ctx.lineWidth = 0.5 / view.s;
      ctx.strokeStyle = '#999';
      ctx.beginPath();
      for (const [s, t] of g.edges) { ctx.moveTo(pos[s][0], pos[s][1]); ctx.lineTo(pos[t][0], pos[t][1]); }
      ctx.stroke();
      const r = 4 / view.s;
      ctx.fillStyle = '#2b6cb0';
      ctx.beginPath();
      for (const [x, y] of pos) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); }
      ctx.fill();
    };
    let queued = false;
    const redraw = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; draw(); });
    };
    let last = null;
    canvas.addEventListener('pointerdown', (e) => { last = [e.clientX, e.clientY]; });
    canvas.addEventListener('pointermove', (e) => {
      if (!last) return;
      view.x += e.clientX - last[0];
      view.y += e.clientY - last[1];
      last = [e.clientX, e.clientY];
      redraw();
    });
    const end = () => { last = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointerleave', end);
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const f = Math.min(2, Math.max(0.5, Math.exp(-e.deltaY * 0.0015)));
      view.x = e.clientX - f * (e.clientX - view.x);
      view.y = e.clientY - f * (e.clientY - view.y);
      view.s *= f;
      redraw();
    }, { passive: false });
    return draw;
  }

  const median = (xs) => {
    const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    const m = s.length >> 1;
    return !s.length ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };

  window.peer = {
    lib,
    label: A.label,
    graph: null,
    flow: null,
    // ms per iteration after `warm` iterations, over `k` more; one fresh layout per run.
    settings() {
      if (lib === 'fa2') return FA2.forceAtlas2.inferSettings(this.graph.n);
      if (lib === 'd3') return 'forceLink (default strength and distance 30), forceManyBody (strength -30, theta 0.9), forceCenter; alphaDecay 0.0228: 300 ticks';
      return 'cose defaults, animate: false, randomize: false (seeded start positions); numIter 1000, stops at temperature < 1 (688 iterations)';
    },
    perIteration({ warm = 5, k = 20, runs = 3, override } = {}) {
      const g = this.graph;
      const out = [];
      if (lib === 'cy') {
        // One untimed run first, so the timed ones do not pay for compiling cose's code.
        const w = A.create(g); w.cose(warm); w.cy.destroy();
      }
      for (let r = 0; r < runs; r++) {
        if (lib === 'cy') {
          // cose cannot be stepped: time numIter = warm and numIter = warm + k on fresh
          // copies (set-up included in both) and divide the difference by k.
          const a = A.create(g); let t = performance.now(); a.cose(warm); const ta = performance.now() - t; a.cy.destroy();
          const b = A.create(g); t = performance.now(); b.cose(warm + k); const tb = performance.now() - t; b.cy.destroy();
          out.push(tb > ta ? (tb - ta) / k : NaN); // NaN: lost in the noise
        } else {
          const l = A.create(g, { override });
          l.step(warm);
          const t = performance.now();
          l.step(k);
          out.push((performance.now() - t) / k);
        }
      }
      return { median: median(out), runs: out, settleIterations: A.settleIterations };
    },
    // Time of the library's whole layout call to a settled state, on a fresh graph.
    settle({ runs = 1 } = {}) {
      const out = [];
      let iterations = null;
      for (let r = 0; r < runs; r++) {
        const l = A.create(this.graph);
        const t = performance.now();
        iterations = l.settle();
        out.push(performance.now() - t);
        if (l.cy) l.cy.destroy();
      }
      return { median: median(out), runs: out, iterations };
    },
    domElements: () => document.querySelectorAll('*').length,
  };

  // ---- the first flow: fetch → build → settle → draw, as a page using the library would ----
  (async () => {
    const f = { fetchStart: performance.now() };
    window.peer.flow = f;
    try {
      const g = await (await fetch(q.get('data'))).json();
      window.peer.graph = g;
      const preset = q.get('pos') ? await (await fetch(q.get('pos'))).json() : null;
      f.fetched = performance.now();
      if (lib === 'cy') {
        const l = A.create(g, { container: document.getElementById('cy'), positions: preset });
        f.built = performance.now();
        if (!preset) {
          f.iterations = l.settle();
          f.layout = 'cose';
        } else {
          l.cy.fit(30);
          f.layout = 'preset: d3-force positions, no layout run';
        }
        f.settled = performance.now();
        l.cy.one('render', () => { document.documentElement.dataset.drawn = '1'; });
        window.peer.cy = l.cy;
        l.cy.forceRender();
      } else {
        const l = A.create(g);
        f.built = performance.now();
        let pos = preset;
        if (!preset) {
          f.iterations = l.settle();
          pos = l.positions();
        } else {
          f.layout = 'preset: d3-force positions, no layout run';
        }
        f.settled = performance.now();
        window.peer.positions = pos;
        canvasView(g, pos)();
        f.drawnSync = performance.now();
        document.documentElement.dataset.drawn = '1';
      }
    } catch (e) {
      f.error = String(e?.stack ?? e);
    }
    f.done = true;
  })();
})();
