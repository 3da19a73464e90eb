// Partnership Map loader. Add it to a page with
//   <script type="module" src="https://your.site/partnership-map/partnership-map.js"></script>
// It loads the WebAssembly module from beside itself and mounts a widget in every
// element with class "pm-root". No inline script, no request to any other origin.
import init from './pmap.js';

await init({ module_or_path: new URL('./pmap_bg.wasm', import.meta.url) });
