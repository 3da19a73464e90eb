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

  const networkDrawn = () => document.documentElement?.dataset.drawn === '1'
    || !!document.querySelector('partnership-map')?.shadowRoot?.querySelector('.pm-network__svg [data-node]');
  window.__bench = {
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
})();
