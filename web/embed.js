// The iframe mode: embed.html?src=map.json&view=findings&readonly builds one widget from the
// page's query string (and keeps its view in the URL fragment).
const params = new URLSearchParams(location.search);
const el = document.createElement('partnership-map');
for (const name of ['src', 'view', 'storage-key']) {
  const v = params.get(name);
  if (v) el.setAttribute(name, v);
}
for (const flag of ['readonly', 'no-autosave']) {
  if (params.has(flag)) el.setAttribute(flag, '');
}
el.setAttribute('url-state', '');
document.getElementById('pm-embed').append(el);
