// Partnership Map's worker: loads the widget's own WebAssembly module (already compiled
// by the page, and posted here) and runs one task: the layout of a large map, or a search
// for groupings. Progress goes back as {progress}, the end as {result} or {error}. The page
// ends the worker to cancel. See src/worker.rs.
import init, { runWorkerTask } from './pmap.js';

// The result's typed arrays (at its top level, or in a list there) are handed over, not
// copied: a 20,000-body map's findings are megabytes, and copying them took the page
// 50 ms in one task when the message arrived.
const buffers = (result) => {
  const out = [];
  const add = (v) => { if (ArrayBuffer.isView(v) && !out.includes(v.buffer)) out.push(v.buffer); };
  if (result && typeof result === 'object') {
    for (const v of Object.values(result)) (Array.isArray(v) ? v : [v]).forEach(add);
  }
  return out;
};

self.onmessage = async ({ data }) => {
  try {
    await init({ module_or_path: data.module });
    const result = runWorkerTask(data.kind, data.input, (progress) => self.postMessage({ progress }));
    self.postMessage({ result }, buffers(result));
  } catch (e) {
    self.postMessage({ error: String(e?.message ?? e) });
  }
};
