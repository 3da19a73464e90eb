// Issue: embedding, import/export, editing and a safe sandbox for host pages. Runs the
// example host page (examples/host.html) with two instances, under the strict CSP the test
// server always sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, ready, axe, shot, ROOT } from './harness.mjs';

let h;
before(async () => { h = await start({ mounts: { '/examples/': path.join(ROOT, 'examples') } }); });
after(async () => { await h?.close(); });

const ONS = process.env.PMAP_ONS_DIR || path.resolve(ROOT, '../shared/data/ons');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-e2e-'));

const dataReady = (page) => page.waitForSelector('.pm .pm-data', { timeout: 20000 });

async function hostPage(opts = {}) {
  const r = await h.page({ path: '/examples/host.html', ...opts });
  await r.page.waitForFunction(() => [...document.querySelectorAll('partnership-map')].every((e) => e.shadowRoot?.querySelector('.pm [data-finding], .pm-gov__svg')), null, { timeout: 20000 });
  return r;
}

/** Clicks `button` and collects every download it starts (waits for `n`). */
async function downloads(page, click, n) {
  const got = [];
  const done = new Promise((resolve) => {
    page.on('download', async (d) => {
      const file = path.join(tmp, d.suggestedFilename());
      await d.saveAs(file);
      got.push(file);
      if (got.length === n) resolve();
    });
  });
  await click();
  await done;
  page.removeAllListeners('download');
  return got;
}

test('the example host page runs two isolated, themable instances with the JS API and events', async () => {
  const { page, errors, requests } = await hostPage();
  const first = page.locator('#first');
  const second = page.locator('#second');
  // JS API.
  const n = await page.evaluate(() => document.getElementById('first').findings().length);
  assert.ok(n >= 15, `findings() returns the findings (${n})`);
  const f0 = await page.evaluate(() => document.getElementById('first').findings()[0]);
  assert.equal(typeof f0.title, 'string');
  assert.equal(await page.evaluate(() => document.getElementById('first').dataset.findings), String(n), 'pm-findings fired');
  assert.equal(await page.evaluate(() => document.getElementById('first').select('hart')), true);
  assert.equal(await page.evaluate(() => document.getElementById('first').select('no-such-body')), false);
  assert.match(await page.locator('#log').innerText(), /first selected Hart District Council/, 'pm-select fired');
  // The other instance is independent.
  assert.equal(await second.locator('[data-gov]').first().getAttribute('aria-pressed'), 'false');
  assert.equal(await second.locator('[role=tab][aria-selected=true]').innerText(), 'Governance');
  assert.equal(await first.locator('[role=tab]', { hasText: 'Data and editing' }).count(), 1);
  assert.equal(await second.locator('[role=tab]', { hasText: 'Data and editing' }).count(), 0, 'readonly hides editing');
  await page.evaluate(() => { document.getElementById('second').view = 'glossary'; });
  await second.locator('.pm-glossary').waitFor();
  // Host CSS does not reach in; custom properties do.
  const style = await first.locator('.pm-tab').first().evaluate((e) => ({ font: getComputedStyle(e).fontFamily, bg: getComputedStyle(e).backgroundColor }));
  assert.doesNotMatch(style.font, /Comic/);
  assert.notEqual(style.bg, 'rgb(255, 105, 180)');
  const svgShown = await first.locator('[role=tab]', { hasText: 'Network' }).click().then(() => first.locator('.pm-network__svg').evaluate((e) => getComputedStyle(e).display));
  assert.notEqual(svgShown, 'none');
  const accent = await second.locator('.pm').evaluate((e) => getComputedStyle(e).getPropertyValue('--pm-accent').trim());
  assert.equal(accent, '#6f3c97');
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e) && !/404/.test(e)), []);
  const origin = new URL(h.url).origin;
  assert.deepEqual(requests.filter((r) => !r.startsWith(origin)), [], 'no request leaves the page origin');
  assert.deepEqual(await axe(page, 'partnership-map'), []);
  await shot(page, 'embed-host-two-instances', false);
  await page.locator('#second').scrollIntoViewIfNeeded();
  await shot(page, 'embed-host-second-themed', false);
});

test('load() reports errors with their paths and keeps the map; the iframe mode reads URL parameters', async () => {
  const { page } = await hostPage();
  const bad = await page.evaluate(() => document.getElementById('first').load('{"format":"partnership-map","version":1,"bodies":[{"id":"a","name":"A","kind":"lsp","covers":["E99999999"]}]}'));
  assert.equal(bad.ok, false);
  assert.equal(bad.diagnostics[0].path, 'bodies[0].covers[0]');
  assert.match(await page.locator('#first .pm-title').innerText(), /Hampshire/);
  assert.match(await page.locator('#first [role=alert]').innerText(), /bodies\[0\]\.covers\[0\]/);
  const { page: frame } = await h.page({ path: '/embed.html?src=/hampshire.json&view=findings&readonly' });
  await ready(frame);
  assert.equal(await frame.locator('[role=tab][aria-selected=true]').innerText(), 'Findings');
  await shot(frame, 'embed-iframe-mode', false);
});

test('CSV template round trip, and a bad spreadsheet is refused with row and column', async () => {
  const { page } = await h.page({ path: '/#view=data' });
  await dataReady(page);
  const before = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON()));
  const files = await downloads(page, () => page.getByRole('button', { name: 'Download the spreadsheet template (6 CSV files)' }).click(), 6);
  assert.deepEqual(files.map((f) => path.basename(f)).sort(), ['areas.csv', 'bodies.csv', 'budgets.csv', 'links.csv', 'people.csv', 'responsibilities.csv']);
  // A broken copy first: nothing must be applied.
  const broken = path.join(tmp, 'broken');
  fs.mkdirSync(broken, { recursive: true });
  const bodies = fs.readFileSync(files.find((f) => f.endsWith('bodies.csv')), 'utf8').replace('E07000089:0.7627', 'E07000089:lots');
  fs.writeFileSync(path.join(broken, 'bodies.csv'), bodies);
  await page.getByLabel('Choose files, or drop them here').setInputFiles(path.join(broken, 'bodies.csv'));
  const preview = page.locator('.pm-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), /bodies\.csv row \d+, column covers/);
  assert.equal(await preview.getByRole('button', { name: 'Apply' }).isDisabled(), true);
  await shot(page, 'import-csv-errors', false);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  // Now the real files: the map comes back the same.
  await page.getByLabel('Choose files, or drop them here').setInputFiles(files);
  await preview.waitFor();
  assert.match(await preview.innerText(), /Ready to apply: 21 areas, 45 bodies/);
  await preview.getByRole('button', { name: 'Apply' }).click();
  const after = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON()));
  for (const k of ['areas', 'bodies', 'links', 'responsibilities', 'agreements', 'meta']) {
    assert.deepEqual(after[k], before[k], `${k} survive the CSV round trip`);
  }
});

test('JSON export is lossless, and SVG, PNG and findings CSV download', async () => {
  const { page } = await h.page({ path: '/#view=data' });
  await dataReady(page);
  const [json] = await downloads(page, () => page.getByRole('button', { name: 'Download my changes (JSON)' }).click(), 1);
  const text = fs.readFileSync(json, 'utf8');
  const result = await page.evaluate((t) => document.querySelector('partnership-map').load(t), text);
  assert.equal(result.ok, true);
  assert.equal(await page.evaluate(() => document.querySelector('partnership-map').toJSON()) + '\n', text, 'export → load → export is identical');
  assert.deepEqual(JSON.parse(text), JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/hampshire.json'), 'utf8')));
  const [svg] = await downloads(page, () => page.getByRole('button', { name: 'Download the picture (SVG)' }).click(), 1);
  const s = fs.readFileSync(svg, 'utf8');
  assert.match(s, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(s, /<title>NHS Frimley Integrated Care Board<\/title>/);
  const [png] = await downloads(page, () => page.getByRole('button', { name: 'Download the picture (PNG)' }).click(), 1);
  assert.deepEqual([...fs.readFileSync(png).subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  const [csv] = await downloads(page, () => page.getByRole('button', { name: 'Download the findings (CSV)' }).click(), 1);
  assert.match(fs.readFileSync(csv, 'utf8'), /split:E07000089:icb,Coterminosity gaps,split_area,high,Hart is split/);
  assert.match(await page.getByLabel('Permalink to this view').inputValue(), /#view=data$/);
});

test('paste and drag-and-drop import: diagnostics first, with line and column; nothing applied on errors', async () => {
  const { page } = await h.page({ path: '/#view=data' });
  await dataReady(page);
  const title = () => page.locator('.pm-title').innerText();
  // Paste: a map with an unknown area on line 4.
  const bad = '{\n "format": "partnership-map", "version": 1,\n "bodies": [\n  {"id": "a", "name": "A", "kind": "lsp", "covers": ["E99999999"]}\n ]\n}';
  await page.getByLabel('Or paste a map (JSON)').fill(bad);
  await page.getByRole('button', { name: 'Check pasted map' }).click();
  const preview = page.locator('.pm-preview');
  assert.match(await preview.innerText(), /bodies\[0\]\.covers\[0\] \(line 4, column \d+\)/);
  assert.equal(await preview.getByRole('button', { name: 'Apply' }).isDisabled(), true);
  assert.match(await title(), /Hampshire/, 'the map on screen is kept');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  // Drop: a valid map file dropped on the import area.
  const good = JSON.stringify({ format: 'partnership-map', version: 1, meta: { title: 'Dropped map' }, bodies: [{ id: 'a', name: 'A', kind: 'lsp' }] });
  await page.locator('.pm-drop').evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, good);
  await preview.waitFor();
  assert.match(await preview.innerText(), /Check before applying: dropped\.json/);
  assert.match(await preview.innerText(), /Ready to apply: 0 areas, 1 bodies/);
  await preview.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await title(), 'Dropped map');
  await page.getByRole('button', { name: /^Undo/ }).click();
  assert.match(await title(), /Hampshire/, 'undo brings the previous map back');
});

test('an ONS lookup is added as coverage after choosing its columns', async () => {
  const { page } = await h.page({ path: '/#view=data' });
  await dataReady(page);
  const count = async () => JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON())).bodies.length;
  const n0 = await count();
  await page.getByLabel('Choose files, or drop them here').setInputFiles(path.join(ONS, 'lad24_to_fra24_en.csv'));
  await page.getByLabel('Area code column').selectOption('LAD24CD');
  await page.getByLabel('Body code column').selectOption('FRA24CD');
  await page.getByLabel('Body name column').selectOption('FRA24NM');
  await page.locator('.pm-lookup').getByLabel('Kind of body').selectOption('fire_authority');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const preview = page.locator('.pm-preview');
  await preview.waitFor();
  const text = await preview.innerText();
  assert.match(text, /Ready to apply/);
  assert.match(text, /lad24_to_fra24_en\.csv row \d+, column LAD24CD/, 'rows for areas outside the map are named');
  await shot(page, 'import-ons-lookup', false);
  await preview.getByRole('button', { name: 'Apply' }).click();
  const map = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON()));
  // Hampshire's own fire authority keeps its id; the Frimley districts' authorities are added.
  const added = map.bodies.filter((b) => b.kind === 'fire_authority').map((b) => b.name).sort();
  assert.ok(added.includes('Royal Berkshire') && added.includes('Surrey'), added.join(', '));
  assert.equal(map.bodies.length, n0 + added.length - 1);
});

test('editing with undo and redo; autosave is offered back after a reload', async () => {
  const { page, context } = await h.page({ path: '/#view=data' });
  await dataReady(page);
  await page.getByLabel('Body to change').selectOption({ label: 'Hart District Council' });
  await page.locator('.pm-form').first().getByLabel('Name', { exact: true }).fill('Hart District Council (renamed)');
  await page.getByRole('button', { name: 'Save body' }).click();
  const name = async () => JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON())).bodies.find((b) => b.id === 'hart').name;
  assert.equal(await name(), 'Hart District Council (renamed)');
  // A bad edit is refused and nothing changes.
  await page.locator('.pm-form').first().getByLabel('Covers').fill('E07000089:2');
  await page.getByRole('button', { name: 'Save body' }).click();
  assert.match(await page.locator('.pm-form [role=alert]').first().innerText(), /share/);
  assert.equal(await name(), 'Hart District Council (renamed)');
  await page.getByRole('button', { name: /^Undo/ }).click();
  assert.equal(await name(), 'Hart District Council');
  await page.getByRole('button', { name: /^Redo/ }).click();
  assert.equal(await name(), 'Hart District Council (renamed)');
  // Shortcuts work while focus is in the widget (a disabled button drops focus to the page).
  await page.getByRole('button', { name: /^Undo/ }).focus();
  await page.keyboard.press('Control+z');
  assert.equal(await name(), 'Hart District Council');
  await page.getByRole('button', { name: /^Redo/ }).focus();
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await name(), 'Hart District Council (renamed)');
  // Add a link by keyboard-operable form.
  await page.getByLabel('From').selectOption({ label: 'NHS Frimley Integrated Care Board' });
  await page.getByLabel('Kind of link').selectOption('member_of');
  await page.getByLabel('To', { exact: true }).selectOption({ label: 'Hampshire Partnership Executive Board' });
  await page.getByRole('button', { name: 'Add link' }).click();
  const links = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON())).links;
  assert.ok(links.some((l) => l.from === 'icb-frimley' && l.to === 'exec-board' && l.kind === 'member_of'));
  await shot(page, 'editing', false);
  // Reload: the autosaved map is offered back.
  await page.reload();
  await dataReady(page);
  const banner = page.locator('.pm-recover');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Unsaved changes found/);
  await shot(page, 'autosave-recovery', false);
  await banner.getByRole('button', { name: 'Recover my changes' }).click();
  assert.equal(await name(), 'Hart District Council (renamed)');
  // Discarding forgets it.
  await page.reload();
  await dataReady(page);
  await page.locator('.pm-recover').getByRole('button', { name: 'Discard them' }).click();
  await page.reload();
  await dataReady(page);
  assert.equal(await page.locator('.pm-recover').count(), 0);
  await context.close();
});

test('names and notes with HTML or script render as text', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  const evil = '<img src=x onerror="window.__xss=1">';
  const evil2 = '<script>window.__xss=2</script>';
  const map = {
    format: 'partnership-map', version: 1, meta: { title: evil2, description: `${evil} javascript:alert(1)` },
    areas: [{ code: 'E07000089', name: evil, population: 101542 }],
    bodies: [
      { id: 'a', name: evil, kind: 'lsp', covers: ['E07000089'], description: evil2 },
      { id: 'b', name: evil2, kind: 'icb', covers: [{ area: 'E07000089', share: 0.5 }] },
      { id: 'c', name: '"><svg onload=window.__xss=3>', kind: 'icb', covers: [{ area: 'E07000089', share: 0.5 }] },
    ],
    links: [{ from: 'b', to: 'a', kind: 'member_of', role: evil }],
    responsibilities: [{ id: 'r', name: evil2, owners: [] }],
  };
  const r = await page.evaluate((m) => document.querySelector('partnership-map').load(m), map);
  assert.equal(r.ok, true);
  for (const v of ['Network', 'Findings', 'Who does what', 'Governance']) {
    await page.getByRole('tab', { name: v, exact: true }).click();
    await page.waitForTimeout(100);
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const injected = await page.evaluate(() => {
    const root = document.querySelector('partnership-map').shadowRoot;
    return { img: root.querySelectorAll('img').length, script: root.querySelectorAll('script').length };
  });
  assert.deepEqual(injected, { img: 0, script: 0 });
  assert.match(await page.locator('.pm-title').innerText(), /<script>window.__xss=2<\/script>/);
  await shot(page, 'xss-as-text', false);
  assert.deepEqual(errors.filter((e) => /xss|Refused/.test(e)), []);
});

// The panic tests live in nothing-lost.test.mjs: they need the test build (dist-test/).
