// Partnership Map: the <partnership-map> custom element.
//
//   <script type="module" src="/partnership-map/partnership-map.js"></script>
//   <partnership-map src="map.json" view="network"></partnership-map>
//
// Attributes: src (the map's JSON URL; none = the built-in demo), view (network,
// governance, findings, directory, glossary, data), url-state (keep the view in the page
// URL; one widget per page), readonly (no editing or import), storage-key (autosave key;
// default from src and the element's id), no-autosave.
// API: el.load(jsonOrObject) -> {ok, diagnostics}; el.findings() -> [...];
//      el.select(id|null) -> bool; el.view = 'findings'; el.toJSON() -> string.
// Events: pm-select {id, name}; pm-findings {count, findings}; pm-error (the widget crashed).
//
// Each element gets its own WebAssembly instance: a crash in one map never reaches another
// or the host page. Styles live in a shadow root, so the page's CSS cannot reach in; theme
// the widget with --pm-* custom properties on the element. No inline script or style, no
// request to any origin but the map's src and this file's folder.

const here = new URL('.', import.meta.url);
const cssUrl = new URL('pmap.css', here).href;
let compiled;
function compile() {
  compiled ??= WebAssembly.compileStreaming(fetch(new URL('pmap_bg.wasm', here)));
  return compiled;
}
let instances = 0;

// Heavy work (the layout of a large map, the search for groupings) runs in a Web Worker
// that loads the same module: the page never freezes, and ending the worker cancels it.
// runTask returns the function that cancels; onDone(error, result) is called once.
function runTask(kind, input, onProgress, onDone) {
  const worker = new Worker(new URL('pmap-worker.js', here), { type: 'module' });
  let over = false;
  const end = () => { over = true; worker.terminate(); };
  worker.onmessage = ({ data }) => {
    if (over) return;
    if ('progress' in data) { onProgress(data.progress); return; }
    end();
    onDone(data.error ?? null, data.result);
  };
  worker.onerror = (e) => { if (!over) { end(); onDone(e.message || 'The worker failed to start', undefined); } };
  compile().then((module) => { if (!over) worker.postMessage({ module, kind, input }); },
    (e) => { if (!over) { end(); onDone(String(e?.message ?? e), undefined); } });
  return () => { if (!over) end(); };
}

class PartnershipMap extends HTMLElement {
  static observedAttributes = ['src', 'view'];

  #handle = null;
  #starting = null;
  #pending = [];

  connectedCallback() {
    if (this.#starting) return;
    this.#starting = this.#start().catch((e) => this.#fail(`The map could not start: ${e?.message ?? e}`));
  }

  async #start() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.setAttribute('data-css', cssUrl);
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = cssUrl;
    const mount = document.createElement('div');
    mount.className = 'pm-host';
    root.replaceChildren(link, mount);
    // A fresh copy of the wasm-bindgen glue (own memory, own panic state) per element.
    instances += 1;
    const glue = await import(new URL(`pmap.js?instance=${instances}`, here).href);
    await glue.default({ module_or_path: await compile() });
    const src = this.getAttribute('src');
    const key = this.hasAttribute('no-autosave') ? undefined
      : this.getAttribute('storage-key') || `partnership-map:${location.pathname}:${this.id || ''}:${src || 'demo'}`;
    this.#handle = glue.mount_widget(mount, this, {
      view: this.getAttribute('view') || undefined,
      urlState: this.hasAttribute('url-state'),
      storageKey: key,
      readonly: this.hasAttribute('readonly'),
      runTask,
    });
    // Test hooks exist only in the test build (the `test-hooks` feature), never in release.
    if (typeof this.#handle.panicForTest === 'function') {
      this.panicForTest = () => { try { this.#handle.panicForTest(); } catch { /* error box */ } };
      this.panicOnNextBuildForTest = () => this.#handle.panicOnNextBuildForTest();
    }
    if (src) await this.#fetchMap(src);
    else await this.#fetchMap(new URL('hampshire.json', here).href, true);
    for (const f of this.#pending.splice(0)) f();
  }

  async #fetchMap(src, initial = false) {
    try {
      const res = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      const text = await res.text();
      if (initial) this.#handle.loadInitial(text);
      else this.#load(text, 'loadSource');
    } catch (e) {
      this.#handle.showError(`Could not load ${src}: ${e?.message ?? e}`);
    }
  }

  #banner(message) {
    const pm = this.shadowRoot?.querySelector('.pm');
    if (!pm) return this.#fail(message);
    const box = document.createElement('div');
    box.className = 'pm-alert pm-crash-banner';
    box.setAttribute('role', 'alert');
    const p = document.createElement('p');
    p.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'pm-button pm-button--small';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => box.remove());
    box.append(p, close);
    pm.prepend(box);
    this.dispatchEvent(new CustomEvent('pm-error', { bubbles: true, composed: true }));
  }

  #fail(message) {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.textContent = message;
    root.replaceChildren(box);
  }

  #whenReady(f) {
    if (this.#handle) return f();
    return new Promise((resolve) => this.#pending.push(() => resolve(f())));
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#handle || oldValue === value) return;
    if (name === 'src' && value) this.#fetchMap(value);
    if (name === 'view' && value) this.#handle.setView(value);
  }

  /** Loads a map (JSON text or an object). Returns {ok, diagnostics}. */
  load(map) {
    let text;
    try {
      text = typeof map === 'string' ? map : JSON.stringify(map);
    } catch (e) {
      return Promise.resolve(crashResult(`The map could not be turned into JSON: ${e?.message ?? e}`));
    }
    return this.#whenReady(() => this.#load(text));
  }

  // A map is either loaded whole or refused: the new map is built completely before the
  // screen changes, so when building it crashes (a panic, or running out of memory) the
  // map on screen is untouched, the widget shows an alert, and load() says why.
  #load(text, how = 'load') {
    try {
      return this.#handle[how](text);
    } catch (e) {
      let reason = null;
      try { reason = this.#handle.takeCrash(); } catch { /* the instance is gone */ }
      if (!reason) {
        // Not a panic (no hook ran): most likely out of memory. Say so in the widget.
        reason = `The widget stopped while building the map (${e?.message ?? e}); it may have run out of memory.`;
        this.#banner(`The new map could not be loaded. ${reason} The map on screen is unchanged.`);
      }
      return crashResult(reason);
    }
  }

  /** The findings, as an array of plain objects. */
  findings() {
    return this.#handle ? this.#handle.findings() : [];
  }

  /** Selects a body by id (null clears). Returns whether it exists. */
  select(id) {
    return this.#handle ? this.#handle.select(id ?? undefined) : false;
  }

  set view(name) { this.setAttribute('view', name); }
  get view() { return this.getAttribute('view'); }

  /** The map on screen as JSON text. */
  toJSON() {
    return this.#handle ? this.#handle.toJson() : null;
  }

  /** Resolves when the widget has started (and loaded its src). */
  get ready() {
    return this.#starting ?? Promise.resolve();
  }

}

function crashResult(message) {
  return { ok: false, diagnostics: [{ severity: 'error', code: 'crash', path: '(map)', message }] };
}

if (!customElements.get('partnership-map')) customElements.define('partnership-map', PartnershipMap);
