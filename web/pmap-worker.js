// Partnership Map's worker: loads the widget's own WebAssembly module (already compiled
// by the page, and posted here) and runs one task: the layout of a large map, or a search
// for groupings. Progress goes back as {progress}, the end as {result} or {error}. The page
// ends the worker to cancel. See src/worker.rs.
import init, { runWorkerTask } from './pmap.js';

self.onmessage = async ({ data }) => {
  try {
    await init({ module_or_path: data.module });
    const result = runWorkerTask(data.kind, data.input, (progress) => self.postMessage({ progress }));
    self.postMessage({ result });
  } catch (e) {
    self.postMessage({ error: String(e?.message ?? e) });
  }
};
