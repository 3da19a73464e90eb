// Listens to the widgets' events, as a host page would.
const log = document.getElementById('log');
for (const el of document.querySelectorAll('partnership-map')) {
  el.addEventListener('pm-select', (e) => { log.textContent = `${el.id} selected ${e.detail.name ?? 'nothing'}`; });
  el.addEventListener('pm-findings', (e) => { el.dataset.findings = String(e.detail.count); });
}
document.getElementById('host-button').addEventListener('click', () => { log.textContent = 'host button clicked'; });
