// Added to every benchmark page before its own scripts (Playwright addInitScript), the same
// for the widget and for its peers:
// * records every WebAssembly.Memory that an instance exports or imports, so the harness can
//   read the widget's wasm memory (wasm-bindgen keeps its `wasm` object private to the glue);
// * a frame clock: window.__bench.frames(start/stop) collects requestAnimationFrame times;
// * window.__bench.firstDrawn resolves with the time of the first frame presented after the
//   network was first on screen (the rAF after the one that saw it), in ms since navigation
//   start: the widget's SVG has a node, or a peer page set <html data-drawn="1"> after drawing;
//   window.__bench.whenDrawn(pred) does the same for any predicate;
// * collects `pm-layout` events from the widget (they bubble and are composed).
(() => {
  const memories = new Set();
  const note = (instance, imports) => {
    try {
      for (const v of Object.values(instance?.exports ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
      for (const mod of Object.values(imports ?? {})) for (const v of Object.values(mod ?? {})) if (v instanceof WebAssembly.Memory) memories.add(v);
    } catch { /* never break the page */ }
  };
  const inst = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (source, imports, ...rest) {
    const r = await inst.call(this, source, imports, ...rest);
    note(r instanceof WebAssembly.Instance ? r : r.instance, imports);
    return r;
  };
  const stream = WebAssembly.instantiateStreaming;
  if (stream) {
    WebAssembly.instantiateStreaming = async function (source, imports, ...rest) {
      const r = await stream.call(this, source, imports, ...rest);
      note(r.instance, imports);
      return r;
    };
  }
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args) {
      const i = Reflect.construct(target, args);
      note(i, args[1]);
      return i;
    },
  });

  const layoutEvents = [];
  document.addEventListener('pm-layout', (e) => {
    layoutEvents.push({ t: performance.now(), ...(e.detail ?? {}) });
  }, true);

  let frames = null;
  const tick = (t) => {
    if (!frames) return;
    frames.push(t);
    requestAnimationFrame(tick);
  };

  // The widget draws SVG below 150 bodies and a canvas from there (`data-renderer="canvas"`,
  // drawn by web/pmap-canvas.js as soon as it is in the page).
  const widgetDrawn = () => {
    const root = document.querySelector('partnership-map')?.shadowRoot;
    if (!root) return false;
    const canvas = root.querySelector('canvas.pm-network__canvas');
    return !!root.querySelector('.pm-network__svg [data-node]') || !!(canvas && canvas.width > 0);
  };
  const networkDrawn = () => document.documentElement?.dataset.drawn === '1' || widgetDrawn();
  window.__bench = {
    widgetDrawn,
    wasmBytes: () => [...memories].reduce((s, m) => s + m.buffer.byteLength, 0),
    wasmCount: () => memories.size,
    layoutEvents,
    startFrames() { frames = []; requestAnimationFrame(tick); },
    stopFrames() { const f = frames ?? []; frames = null; return f; },
    whenDrawn(pred, timeoutMs = 600000) {
      return new Promise((resolve) => {
        const t0 = performance.now();
        const check = () => {
          let ok = false;
          try { ok = pred(); } catch { ok = false; }
          if (ok) requestAnimationFrame((t) => resolve(t));
          else if (performance.now() - t0 > timeoutMs) resolve(null);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
  };
  window.__bench.firstDrawn = window.__bench.whenDrawn(networkDrawn);

  // A scripted gesture dispatched in the page, at one event per `intervalMs`, for `events`
  // events or until `budgetMs` has passed (after at least 3): 'pan' is a pointer drag (pointer
  // and mouse events, buttons 1) round a loop, 'zoom' is wheel steps in then out. Returns the
  // frame intervals (rAF to rAF) from the first event until two frames after the last.
  // Synthetic events reach the same handlers as a real mouse, but cause no hover (enter/leave).
  window.__bench.gesture = async (kind, target, cx, cy, { events = 40, intervalMs = 16, budgetMs = 15000 } = {}) => {
    const opts = (x, y, extra = {}) => ({ bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: 1, view: window, ...extra });
    const fire = (type, x, y, extra) => {
      const P = type.startsWith('pointer') ? PointerEvent : type === 'wheel' ? WheelEvent : MouseEvent;
      target.dispatchEvent(new P(type, opts(x, y, extra)));
    };
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    window.__bench.startFrames();
    const t0 = performance.now();
    let n = 0;
    if (kind === 'pan') { fire('pointerdown', cx, cy); fire('mousedown', cx, cy); }
    for (let i = 1; i <= events; i++) {
      if (i > 3 && performance.now() - t0 > budgetMs) break;
      if (kind === 'pan') {
        const a = (i / events) * 2 * Math.PI;
        const x = cx + 120 * Math.sin(a);
        const y = cy + 60 * (1 - Math.cos(a));
        fire('pointermove', x, y);
        fire('mousemove', x, y);
      } else {
        fire('wheel', cx, cy, { deltaY: i <= events / 2 ? -100 : 100, deltaMode: 0, buttons: 0 });
      }
      n = i;
      await wait(intervalMs);
    }
    if (kind === 'pan') { fire('pointerup', cx, cy, { buttons: 0 }); fire('mouseup', cx, cy, { buttons: 0 }); }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const f = window.__bench.stopFrames();
    return { events: n, ms: performance.now() - t0, intervals: f.slice(1).map((t, i) => t - f[i]) };
  };
})();
