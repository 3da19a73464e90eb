// Partnership Map: the canvas renderer for large networks (a wasm-bindgen snippet).
//
// The wasm side hands over whole arrays, never one call per shape:
//   set_scene(w, h, positions, edges, edgeKinds, nodeKinds, radii, labels)
//     positions  Float32Array [x0, y0, x1, y1, ...] in scene units
//     edges      Uint32Array  [from0, to0, from1, to1, ...]
//     edgeKinds  Uint8Array   one per edge, index into EDGE_STYLES
//     nodeKinds  Uint8Array   one per node: sector index (SECTORS), +64 for a body with a
//                             pooled budget (a £ badge), +128 for a partnership
//     radii      Float32Array one per node
//     labels     one string, the labels joined by "\n"
//     rings      Uint8Array one per node: bit k set for a member of main partnership k
//     ringColours the rings' colours, joined by ","
//   set_frame(w, h, positions) the same map's bodies moved, in a frame of w × h (a settled
//                              layout)
//   set_positions(positions)   new positions at any time (e.g. a layout settling)
//   set_view(s, x, y)          the zoom: a scene point p is at (p·s + (x, y)) in viewBox units
//   set_marks(marks, selected, focused)
//     marks      Uint8Array one per node: 1 highlighted, 2 dimmed, 4 hidden
//   set_hull(d)                the outline round a partnership: an SVG path in scene units
//                              (drawn as a Path2D), or "" for none
//
// Drawing happens in requestAnimationFrame. A full render draws into an offscreen bitmap
// (the cache) and copies it; while the view changes quickly and a full render is slow, the
// cache is drawn with a transform instead, and the full render waits until input pauses.
// Colours come from the widget's --pm-* custom properties, so theming applies here too.

export const SECTORS = ['council', 'police', 'health', 'fire', 'probation', 'employment',
  'voluntary', 'business', 'education', 'housing', 'central', 'partnership', 'other'];

// Edge styles, as in pmap.css (.pm-edge--KIND): colour, width, dash.
const EDGE_STYLES = [
  ['#a7adb1', 1.2, null], // member
  ['#6f777b', 1.8, null], // chairs
  ['#0b0c0c', 2, null], // reports
  ['#0b0c0c', 1.6, [5, 3]], // accountable
  ['#8e9599', 1.2, null], // other
  ['#6f777b', 1.2, null], // within
  ['--pm-class-misaligned', 1.8, [2, 3]], // cuts
];

const IDLE_MS = 140; // a full render waits this long after the last view change when slow
const SLOW_MS = 6; // a full render slower than this is deferred during interaction
const SLICE_MS = 10; // a slow render is spread over frames, this much per frame
const LABEL_MIN_PX = 9; // labels are drawn only when at least this large on screen
const LABEL_MAX_PX = 15;
const MOVED_GAP_MS = 250; // while a layout settles, at least this long between full renders
const EDGE_CHUNK = 2000; // edges per stroke call: each is rasterised within its slice (see #draw)
const NODE_CHUNK = 2000;

export class PmCanvas {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    // The last complete picture (cache) and the one being drawn (back).
    this.cache = document.createElement('canvas');
    this.cctx = this.cache.getContext('2d', { alpha: false });
    this.back = document.createElement('canvas');
    this.bctx = this.back.getContext('2d', { alpha: false });
    this.probe = document.createElement('canvas');
    this.probe.width = 1; this.probe.height = 1;
    this.pctx = this.probe.getContext('2d', { alpha: false });
    this.job = null;
    this.w = 900; this.h = 640;
    this.pos = new Float32Array(0);
    this.edges = new Uint32Array(0);
    this.edgeKinds = new Uint8Array(0);
    this.nodeKinds = new Uint8Array(0);
    this.radii = new Float32Array(0);
    this.labels = [];
    this.rings = new Uint8Array(0);
    this.ringColours = [];
    this.marks = new Uint8Array(0);
    this.selected = -1; this.focused = -1;
    this.hull = null; this.hullPath = ''; // the outline round a partnership (Path2D, its SVG path)
    this.view = { s: 1, x: 0, y: 0 };
    this.cached = null; // the view the cache was rendered at
    this.dirty = true; // the cache is out of date for more than the view
    this.lastFull = 0; // ms the last full render took
    this.lastInput = 0;
    this.frame = 0; this.idle = 0;
    this.colours = null;
    this.resize = new ResizeObserver(() => this.#fit());
    this.resize.observe(canvas);
    // For tests and host pages: where a body is drawn (see screen_point).
    canvas.pmRenderer = this;
  }

  // Where body i is drawn, in CSS pixels from the canvas's top left corner.
  screen_point(i) {
    const k = this.scale(), { s, x, y } = this.view;
    return { x: (this.pos[2 * i] * s + x) * k, y: (this.pos[2 * i + 1] * s + y) * k };
  }

  destroy() {
    this.resize.disconnect();
    delete this.canvas.pmRenderer;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.idle);
    clearTimeout(this.gap);
  }

  set_scene(w, h, positions, edges, edgeKinds, nodeKinds, radii, labels, rings, ringColours) {
    this.rings = rings;
    this.ringColours = ringColours ? ringColours.split(',') : [];
    this.edges = edges; this.edgeKinds = edgeKinds;
    this.nodeKinds = nodeKinds; this.radii = radii;
    this.labels = labels.split('\n');
    if (this.marks.length !== nodeKinds.length) this.marks = new Uint8Array(nodeKinds.length);
    this.colours = null;
    // Another map: its picture replaces the last one's as it is drawn (see #draw), rather
    // than the old map staying on screen until the new picture is finished.
    this.cached = null;
    this.set_frame(w, h, positions);
  }

  // The same bodies and edges in another frame (a settled layout of the same map).
  set_frame(w, h, positions) {
    this.w = w > 0 ? w : 900; this.h = h > 0 ? h : 640;
    this.pos = positions;
    this.#fit();
  }

  // A layout still settling: unlike other changes, new positions do not drop a render in
  // progress (at 20,000 bodies a full render spans many frames and the positions come every
  // 120 ms, so it would never finish); the next render starts when it has.
  set_positions(positions) {
    this.pos = positions;
    this.moved = true;
    this.#schedule();
  }

  set_view(s, x, y) {
    this.view = { s, x, y };
    this.lastInput = performance.now();
    this.#schedule();
  }

  set_hull(d) {
    this.hull = d ? new Path2D(d) : null;
    this.hullPath = d;
    this.#invalidate();
  }

  set_marks(marks, selected, focused) {
    this.marks = marks; this.selected = selected; this.focused = focused;
    this.#invalidate();
  }

  // CSS pixels per viewBox unit.
  scale() {
    return this.cssW / this.w;
  }

  #fit() {
    const cssW = this.canvas.clientWidth || this.canvas.parentElement?.clientWidth || 900;
    const cssH = cssW * (this.h / this.w);
    const dpr = Math.min(window.devicePixelRatio || 1, 3);
    this.cssW = cssW; this.cssH = cssH; this.dpr = dpr;
    const bw = Math.max(1, Math.round(cssW * dpr)), bh = Math.max(1, Math.round(cssH * dpr));
    if (this.canvas.width !== bw || this.canvas.height !== bh) {
      this.canvas.width = bw; this.canvas.height = bh;
      this.cache.width = bw; this.cache.height = bh;
      this.back.width = bw; this.back.height = bh;
      this.cached = null;
      this.job = null;
    }
    this.#invalidate();
  }

  #invalidate() {
    this.dirty = true;
    this.#schedule();
  }

  #schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.#draw(); });
  }

  #draw() {
    const now = performance.now();
    const busy = now - this.lastInput < IDLE_MS;
    // A render in progress for older marks is dropped, and one for another view when there
    // is a finished picture to show meanwhile. With none (a new map, or the canvas resized
    // when a layout settled into another shape) it goes on: restarting it at each frame of a
    // pan meant it never finished, and the pan dropped a frame in two at 20,000 bodies. Its
    // part-drawn picture is shown moved to the new view, and redrawn at that view once done.
    if (this.job && (this.dirty || (this.cached && !this.#same(this.job.view, this.view)))) this.job = null;
    const stale = this.dirty || this.moved || !this.cached || !this.#same(this.cached, this.view);
    if (!this.job && stale) {
      if (this.cached && busy && this.lastFull > SLOW_MS && !this.dirty) {
        // Quick: the cached bitmap, moved and scaled; render properly when input pauses.
        this.#blit();
        clearTimeout(this.idle);
        this.idle = setTimeout(() => this.#schedule(), IDLE_MS);
        return;
      }
      if (!this.dirty && this.cached && this.#same(this.cached, this.view) && now - this.doneAt < MOVED_GAP_MS) {
        // Only the positions changed (a layout settling): leave a gap after the last full
        // render, so that redrawing does not take all of the page's time.
        clearTimeout(this.gap);
        this.gap = setTimeout(() => this.#schedule(), MOVED_GAP_MS - (now - this.doneAt));
        return;
      }
      this.job = { view: { ...this.view }, spent: 0 };
      this.job.steps = this.#render(this.bctx, this.job.view);
      this.dirty = false;
      this.moved = false;
    }
    if (this.job) {
      // Render in slices of about SLICE_MS per frame into the back buffer; the cached
      // bitmap stays on screen until the new one is complete.
      const job = this.job;
      const t0 = performance.now();
      let done = false;
      // Chromium records canvas drawing and rasterises it when the bitmap is next used, so
      // a sliced render of 100,000 edges still became one 50–110 ms task at the blit.
      // Copying a pixel of the back buffer after each step makes that step's drawing
      // rasterise in its slice. It costs: at 20,000 bodies the page spends about twice as
      // long drawing, and a full picture takes about a second to finish (copies once per
      // 30,000 shapes, or once per frame, left 60–140 ms tasks in trials).
      while (!(done = job.steps.next().done)) {
        this.pctx.drawImage(this.back, 0, 0, 1, 1, 0, 0, 1, 1);
        if (performance.now() - t0 >= SLICE_MS) break;
      }
      job.spent += performance.now() - t0;
      if (done) {
        [this.cache, this.back] = [this.back, this.cache];
        [this.cctx, this.bctx] = [this.bctx, this.cctx];
        this.cached = job.view;
        this.lastFull = job.spent;
        this.doneAt = performance.now();
        this.job = null;
      } else {
        this.#schedule();
      }
    }
    if (this.cached) this.#blit();
    // No finished picture yet (a new map): show the one being drawn as it grows, rather than
    // a blank canvas for the second or so a large first picture takes.
    else if (this.job) this.#blit(this.back, this.job.view);
  }

  #same(a, b) {
    return a.s === b.s && a.x === b.x && a.y === b.y;
  }

  // Copies the cache to the screen, transformed from the view it was drawn at to now.
  #blit(source = this.cache, at = this.cached) {
    const c = this.ctx, k = this.scale() * this.dpr;
    const a = this.view.s / at.s;
    const e = (this.view.x - at.x * a) * k;
    const f = (this.view.y - at.y * a) * k;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.fillStyle = this.#colours().bg;
    c.fillRect(0, 0, this.canvas.width, this.canvas.height);
    c.setTransform(a, 0, 0, a, e, f);
    c.drawImage(source, 0, 0);
    c.setTransform(1, 0, 0, 1, 0, 0);
  }

  #colours() {
    if (this.colours) return this.colours;
    const cs = getComputedStyle(this.canvas);
    const v = (name, fallback) => (cs.getPropertyValue(name).trim() || fallback);
    this.colours = {
      bg: v('--pm-bg', '#ffffff'),
      text: v('--pm-text', '#0b0c0c'),
      accent: v('--pm-accent', '#1d70b8'),
      focus: v('--pm-focus', '#ffdd00'),
      focusText: v('--pm-focus-text', '#0b0c0c'),
      font: v('--pm-font', 'system-ui, sans-serif'),
      sectors: SECTORS.map((s) => v(`--pm-${s}`, '#6f777b')),
      edges: EDGE_STYLES.map(([c, w, d]) => [c.startsWith('--') ? v(c, '#d4351c') : c, w, d]),
    };
    return this.colours;
  }

  // The whole picture at `view`, as a generator: it yields between chunks of work so a
  // large picture can be drawn over several frames.
  *#render(c, view) {
    const col = this.#colours();
    const { s, x, y } = view;
    const k = this.scale() * this.dpr; // device pixels per viewBox unit
    const ks = k * s; // device pixels per scene unit
    const ox = x * k, oy = y * k;
    const W = c.canvas.width, H = c.canvas.height;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.globalAlpha = 1;
    c.fillStyle = col.bg;
    c.fillRect(0, 0, W, H);
    const n = this.nodeKinds.length;
    const pos = this.pos, marks = this.marks;
    if (pos.length < 2 * n) return;
    const any = this.#anyHighlight();
    const sx = new Float32Array(n), sy = new Float32Array(n);
    for (let i = 0; i < n; i++) { sx[i] = pos[2 * i] * ks + ox; sy[i] = pos[2 * i + 1] * ks + oy; }
    const pad = 20 * this.dpr;
    const inside = (i) => sx[i] > -pad && sx[i] < W + pad && sy[i] > -pad && sy[i] < H + pad;
    // Lines get thinner as the picture shrinks, but stay visible.
    const lw = Math.min(1, Math.max(0.35, ks)) * this.dpr;

    // The outlined partnership's hull, under everything else (as in the SVG).
    if (this.hull) {
      c.save();
      c.setTransform(ks, 0, 0, ks, ox, oy);
      c.globalAlpha = 0.1;
      c.fillStyle = col.accent;
      c.fill(this.hull);
      c.globalAlpha = 1;
      c.strokeStyle = col.accent;
      c.lineWidth = (2 * this.dpr) / ks;
      c.setLineDash([(6 * this.dpr) / ks, (4 * this.dpr) / ks]);
      c.stroke(this.hull);
      c.restore();
    }

    // Edges: one path per style (and per dim/normal/highlighted), culled to the screen.
    const E = this.edgeKinds.length, edges = this.edges;
    const groups = new Map();
    for (let e = 0; e < E; e++) {
      const a = edges[2 * e], b = edges[2 * e + 1];
      if (a >= n || b >= n) continue;
      if ((e & 16383) === 16383) yield;
      if ((marks[a] | marks[b]) & 4) continue;
      const ax = sx[a], ay = sy[a], bx = sx[b], by = sy[b];
      if ((ax < 0 && bx < 0) || (ax > W && bx > W) || (ay < 0 && by < 0) || (ay > H && by > H)) continue;
      const on = marks[a] & marks[b] & 1;
      const key = on ? 255 : this.edgeKinds[e] + (any ? 16 : 0);
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(ax, ay, bx, by);
    }
    const keys = [...groups.keys()].sort((p, q) => p - q); // dim first, highlighted last
    // Many lines on screen make a grey wash: the more there are, the fainter each is.
    let shown = 0;
    for (const [key, list] of groups) if (key !== 255) shown += list.length / 4;
    const faint = Math.min(1, Math.max(0.2, 4000 / Math.max(1, shown)));
    for (const key of keys) {
      const list = groups.get(key);
      if (key === 255) {
        c.strokeStyle = col.accent; c.lineWidth = 2.6 * lw; c.setLineDash([]); c.globalAlpha = 1;
      } else {
        const [colour, width, dash] = col.edges[key & 15] || col.edges[4];
        c.strokeStyle = colour; c.lineWidth = width * lw;
        c.setLineDash(dash && ks > 0.5 ? dash.map((d) => d * lw) : []);
        c.globalAlpha = (key & 16 ? 0.15 : 1) * faint;
      }
      for (let from = 0; from < list.length; from += 4 * EDGE_CHUNK) {
        c.beginPath();
        const to = Math.min(list.length, from + 4 * EDGE_CHUNK);
        for (let i = from; i < to; i += 4) { c.moveTo(list[i], list[i + 1]); c.lineTo(list[i + 2], list[i + 3]); }
        c.stroke();
        yield;
      }
    }
    c.setLineDash([]);
    c.globalAlpha = 1;

    // Nodes: batched by colour and by dimmed or not; tiny ones as squares.
    const nodeScale = Math.max(0.3, Math.min(ks, 2 * this.dpr));
    const batches = new Map();
    for (let i = 0; i < n; i++) {
      if (marks[i] & 4 || !inside(i)) continue;
      const kind = this.nodeKinds[i];
      const key = (kind & 63) + (kind & 128 ? 64 : 0) + (marks[i] & 2 ? 32 : 0);
      let list = batches.get(key);
      if (!list) batches.set(key, (list = []));
      list.push(i);
    }
    for (const [key, list] of [...batches.entries()].sort((p, q) => (q[0] & 32) - (p[0] & 32))) {
      const partnership = key & 64;
      c.globalAlpha = key & 32 ? 0.22 : 1;
      c.fillStyle = partnership ? col.sectors[11] : col.sectors[key & 31] || col.sectors[12];
      c.strokeStyle = partnership ? col.text : '#ffffff';
      c.lineWidth = (partnership ? 2 : 1) * Math.min(1, nodeScale) * this.dpr;
      for (let from = 0; from < list.length; from += NODE_CHUNK) {
        c.beginPath();
        let tiny = true;
        for (const i of list.slice(from, from + NODE_CHUNK)) {
          const r = this.radii[i] * nodeScale;
          if (r < 1.6 * this.dpr) { c.rect(sx[i] - r, sy[i] - r, 2 * r, 2 * r); } else {
            tiny = false;
            c.moveTo(sx[i] + r, sy[i]);
            c.arc(sx[i], sy[i], r, 0, 2 * Math.PI);
          }
        }
        c.fill();
        if (!tiny || partnership) c.stroke();
        yield;
      }
    }
    c.globalAlpha = 1;

    // Membership rings of the main partnerships, once nodes are large enough to carry
    // them: an arc per partnership, as in the SVG.
    if (this.radii.length && 4 * nodeScale >= 2.5 * this.dpr && this.rings.length === n) {
      c.lineWidth = 2.5 * Math.min(1, nodeScale) * this.dpr;
      for (let k = 0; k < this.ringColours.length; k++) {
        c.strokeStyle = this.ringColours[k];
        c.beginPath();
        for (let i = 0; i < n; i++) {
          const m = this.rings[i];
          if (!(m & (1 << k)) || marks[i] & 4 || !inside(i)) continue;
          let count = 0, at = 0;
          for (let b = 0; b < 8; b++) if (m & (1 << b)) { if (b < k) at++; count++; }
          const r = (this.radii[i] + 4.5) * nodeScale;
          const gap = count > 1 ? 0.35 : 0;
          const a0 = (2 * Math.PI * at) / count - Math.PI / 2 + gap / 2;
          const a1 = (2 * Math.PI * (at + 1)) / count - Math.PI / 2 - gap / 2;
          c.moveTo(sx[i] + r * Math.cos(a0), sy[i] + r * Math.sin(a0));
          c.arc(sx[i], sy[i], r, a0, a1);
        }
        c.stroke();
        yield;
      }
    }

    // The £ badge of a body with a pooled budget, above left of its dot as in the SVG, once
    // nodes are large enough to carry it.
    if (4 * nodeScale >= 2.5 * this.dpr) {
      // The SVG's 13-unit badge, kept between 12 and 18 px on screen (labels are 9 to 15).
      const px = Math.min(Math.max(13 * nodeScale, 12 * this.dpr), 18 * this.dpr), k = px / 13;
      c.font = `700 ${px}px ${col.font}`;
      c.textAlign = 'end'; c.textBaseline = 'alphabetic'; c.lineJoin = 'round';
      c.lineWidth = 3 * k; c.strokeStyle = '#ffffff'; c.fillStyle = col.text;
      for (let i = 0; i < n; i++) {
        if (!(this.nodeKinds[i] & 64) || marks[i] & 4 || !inside(i)) continue;
        const r = this.radii[i] * nodeScale, x = sx[i] - r - 2 * k, y = sy[i] - r;
        c.globalAlpha = marks[i] & 2 ? 0.22 : 1;
        c.strokeText('£', x, y); c.fillText('£', x, y);
      }
      c.textAlign = 'start';
      c.globalAlpha = 1;
      yield;
    }

    // Highlighted, selected and focused nodes: halos as in the SVG.
    const halo = (i, fill, stroke, width) => {
      if (i < 0 || i >= n || marks[i] & 4) return;
      const r = this.radii[i] * nodeScale + Math.max(4, 8 * Math.min(1, ks)) * this.dpr;
      c.beginPath();
      c.arc(sx[i], sy[i], r, 0, 2 * Math.PI);
      if (fill) { c.fillStyle = fill; c.fill(); }
      c.strokeStyle = stroke; c.lineWidth = width * this.dpr; c.stroke();
    };
    if (any) {
      for (let i = 0; i < n; i++) if (marks[i] & 1 && !(marks[i] & 4) && inside(i)) halo(i, null, col.accent, 2.5);
    }
    halo(this.selected, 'rgba(255, 221, 0, 0.5)', col.text, 3);
    if (this.focused >= 0 && this.focused !== this.selected) halo(this.focused, col.focus, col.focusText, 3);
    if (this.focused >= 0) halo(this.focused, null, col.focusText, 3);
    this.#redot(c, col, this.selected, sx, sy, nodeScale);
    this.#redot(c, col, this.focused, sx, sy, nodeScale);

    yield* this.#labels(c, col, sx, sy, ks, nodeScale, inside, any);
  }

  // Draws a node's dot again on top of its halo.
  #redot(c, col, i, sx, sy, nodeScale) {
    if (i < 0 || i >= this.nodeKinds.length) return;
    const kind = this.nodeKinds[i];
    const partnership = kind & 128;
    const r = Math.max(this.radii[i] * nodeScale, 2 * this.dpr);
    c.beginPath();
    c.arc(sx[i], sy[i], r, 0, 2 * Math.PI);
    c.fillStyle = partnership ? col.sectors[11] : col.sectors[kind & 63] || col.sectors[12];
    c.fill();
    c.strokeStyle = partnership ? col.text : '#ffffff';
    c.lineWidth = (partnership ? 2 : 1.5) * this.dpr;
    c.stroke();
  }

  #anyHighlight() {
    const m = this.marks;
    for (let i = 0; i < m.length; i++) if (m[i] & 1) return true;
    return false;
  }

  // Labels, by level of detail: only when large enough to read, most important first
  // (focused, selected, highlighted, partnerships, then the rest), and only where they do
  // not overlap one already drawn. Overlaps are tested on a grid of 8-pixel cells, so each
  // label costs the cells it covers, never a comparison with every other label.
  *#labels(c, col, sx, sy, ks, nodeScale, inside, any) {
    const n = this.nodeKinds.length;
    const px = 14 * ks; // the SVG's 14-unit labels, in device pixels
    const min = LABEL_MIN_PX * this.dpr;
    const important = [this.focused, this.selected];
    const forced = px < min; // too small: only the focused, selected and highlighted
    const size = Math.min(Math.max(px, min), LABEL_MAX_PX * this.dpr);
    const W = c.canvas.width, H = c.canvas.height, cell = 8 * this.dpr;
    const cols = Math.ceil(W / cell) + 1, rows = Math.ceil(H / cell) + 1;
    const used = new Uint8Array(cols * rows);
    const order = [];
    for (const i of important) if (i >= 0 && i < n) order.push(i);
    const marks = this.marks;
    if (any) for (let i = 0; i < n; i++) if (marks[i] & 1 && inside(i)) order.push(i);
    if (!forced) {
      for (let i = 0; i < n; i++) if (this.nodeKinds[i] & 128 && !(marks[i] & 6) && inside(i)) order.push(i);
      for (let i = 0; i < n; i++) if (!(this.nodeKinds[i] & 128) && !(marks[i] & 6) && inside(i)) order.push(i);
    }
    if (!order.length) return;
    c.textBaseline = 'middle';
    c.lineJoin = 'round';
    c.lineWidth = 3.5 * (size / 14);
    c.strokeStyle = '#ffffff';
    const done = new Uint8Array(n);
    let drawn = 0;
    const budget = 1500; // at most this many labels per frame
    for (const i of order) {
      if (done[i] || marks[i] & 4) continue;
      done[i] = 1;
      const text = this.labels[i] || '';
      if (!text) continue;
      const bold = this.nodeKinds[i] & 128 || marks[i] & 1 || i === this.selected || i === this.focused;
      const x0 = sx[i] + this.radii[i] * nodeScale + 5 * this.dpr, yc = sy[i];
      const w = text.length * size * (bold ? 0.6 : 0.55); // an upper estimate, no measureText
      const x1 = x0 + w, y0 = yc - size * 0.6, y1 = yc + size * 0.6;
      if (x1 < 0 || x0 > W || y1 < 0 || y0 > H) continue;
      const c0 = Math.max(0, Math.floor(x0 / cell)), c1 = Math.min(cols - 1, Math.floor(x1 / cell));
      const r0 = Math.max(0, Math.floor(y0 / cell)), r1 = Math.min(rows - 1, Math.floor(y1 / cell));
      const must = i === this.selected || i === this.focused;
      let free = true;
      for (let r = r0; r <= r1 && free; r++) for (let q = c0; q <= c1; q++) if (used[r * cols + q]) { free = false; break; }
      if (!free && !must) continue;
      for (let r = r0; r <= r1; r++) for (let q = c0; q <= c1; q++) used[r * cols + q] = 1;
      c.font = `${bold ? 700 : 400} ${size}px ${col.font}`;
      c.globalAlpha = any && !(marks[i] & 1) && !must ? 0.4 : 1;
      c.strokeText(text, x0, yc);
      c.fillStyle = col.text;
      c.fillText(text, x0, yc);
      if (++drawn >= budget) break;
      if (drawn % 200 === 0) yield;
    }
    c.globalAlpha = 1;
  }
}
