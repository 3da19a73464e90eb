// Issue 14: nothing lost, nothing half-loaded. A map is either loaded whole or refused with
// a message; the map on screen survives limits, crashes while loading and bad files; the
// history is one history whichever way the map changed; autosave keeps the whole map
// whatever "As at" shows; Excel's encodings and separators arrive intact.
//
// The crash tests use the test build (`dist-test/`, built with the `test-hooks` feature):
// the release build has no way to panic on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, ready, axe, shot, ROOT } from './harness.mjs';

const DIST_TEST = path.join(ROOT, 'dist-test');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-lost-'));
const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/hampshire.json'), 'utf8'));

let h;
let ht;
before(async () => {
  h = await start();
  ht = await start({ root: DIST_TEST, mounts: { '/examples/': path.join(ROOT, 'examples') } });
});
after(async () => { await h?.close(); await ht?.close(); });

const el = (page, sel = 'partnership-map') => page.evaluateHandle((s) => document.querySelector(s), sel);
const title = (page, sel = 'partnership-map') => page.locator(`${sel} .pm-title`).first().innerText();
const small = (t) => ({
  format: 'partnership-map', version: 1, meta: { title: t },
  areas: [{ code: 'E07000089', name: 'Hart', kind: 'lad', population: 101542 }],
  bodies: [{ id: 'hart', name: 'Hart District Council', kind: 'district_council', elected: true, covers: ['E07000089'] }],
});

test('a map over the limits is refused with a message naming the limit; the old map and the page live on', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  const before = await title(page);
  // 60,001 bodies: over the documented limit on bodies.
  const big = small('Too big');
  big.bodies = Array.from({ length: 60001 }, (_, i) => ({ id: `b${i}`, name: `Body ${i}`, kind: 'business' }));
  const t0 = Date.now();
  const r = await page.evaluate((m) => document.querySelector('partnership-map').load(m), big);
  const ms = Date.now() - t0;
  assert.equal(r.ok, false);
  const msg = r.diagnostics.map((d) => d.message).join(' | ');
  assert.match(msg, /60,?001 bodies/, msg);
  assert.match(msg, /limit/i, msg);
  assert.equal(await title(page), before, 'the old map stays');
  assert.ok((await page.evaluate(() => document.querySelector('partnership-map').findings().length)) > 0, 'findings() still answers');
  await page.locator('.pm [role=alert]', { hasText: /limit/i }).first().waitFor();
  await shot(page, 'limits-refused', false);
  assert.ok(ms < 15000, `refused in ${ms} ms`);
  assert.deepEqual(errors.filter((e) => /panic|unreachable/i.test(e)), []);
});

test('a panic while loading: the alert appears, the old map stays and works, other widgets keep working', async () => {
  const { page } = await ht.page({ path: '/examples/host.html' });
  await page.waitForFunction(() => [...document.querySelectorAll('partnership-map')].every((e) => e.shadowRoot?.querySelector('.pm [data-finding], .pm-gov__svg')), null, { timeout: 20000 });
  const first = '#first';
  const before = await title(page, first);
  const nBefore = await page.evaluate(() => document.getElementById('first').findings().length);
  await page.evaluate(() => document.getElementById('first').panicOnNextBuildForTest());
  const r = await page.evaluate((m) => document.getElementById('first').load(m), small('Never shown'));
  assert.equal(r.ok, false);
  assert.equal(r.diagnostics[0].code, 'crash');
  assert.match(r.diagnostics[0].message, /deliberate panic/);
  const banner = page.locator('#first .pm-crash-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /could not be loaded.*unchanged/s);
  await shot(page, 'panic-while-loading', false);
  // The old map is whole: same title, same findings, and it still responds.
  assert.equal(await title(page, first), before);
  assert.equal(await page.evaluate(() => document.getElementById('first').findings().length), nBefore);
  await page.locator('#first').getByRole('tab', { name: 'Findings', exact: true }).click();
  await page.locator('#first [data-finding]').first().waitFor();
  // A good load afterwards works.
  const ok = await page.evaluate((m) => document.getElementById('first').load(m), small('Loaded after the crash'));
  assert.equal(ok.ok, true);
  assert.equal(await title(page, first), 'Loaded after the crash');
  // The other widget still answers.
  assert.ok(await page.evaluate(() => document.getElementById('second').findings().length) > 0);
  await banner.getByRole('button', { name: 'Dismiss' }).click().catch(() => {});
});

test('any other panic replaces only that widget with the error box', async () => {
  const { page } = await ht.page({ path: '/examples/host.html' });
  await page.waitForFunction(() => [...document.querySelectorAll('partnership-map')].every((e) => e.shadowRoot?.querySelector('.pm [data-finding], .pm-gov__svg')), null, { timeout: 20000 });
  await page.evaluate(() => document.getElementById('first').panicForTest());
  await page.locator('#first [role=alert]', { hasText: 'stopped working' }).waitFor();
  await shot(page, 'panic-isolated', false);
  await page.locator('#second').getByRole('tab', { name: 'Network', exact: true }).click();
  await page.locator('#second [data-id="icb-frimley"]').click();
  assert.equal(await page.locator('#second [data-id="icb-frimley"]').getAttribute('aria-pressed'), 'true');
  await page.locator('#host-button').click();
  assert.equal(await page.locator('#log').innerText(), 'host button clicked');
});

test('the release build carries no test hook', async () => {
  const { page } = await h.page();
  await ready(page);
  const hooks = await page.evaluate(() => {
    const e = document.querySelector('partnership-map');
    return [typeof e.panicForTest, typeof e.panicOnNextBuildForTest];
  });
  assert.deepEqual(hooks, ['undefined', 'undefined']);
  const wasm = fs.readFileSync(path.join(ROOT, 'dist/pmap_bg.wasm'));
  assert.equal(wasm.includes(Buffer.from('deliberate panic')), false, 'no test-hook code in the release wasm');
});

test('an edit made under "As at", a reload, then recovery gives back the whole map, body by body', async () => {
  const { page, context } = await h.page({ path: '/?as-at-test' });
  await ready(page);
  await page.getByRole('tab', { name: 'Data and editing' }).click();
  await page.getByLabel('As at').fill('2010-06-01');
  await page.getByLabel('As at').dispatchEvent('change');
  // Edit a body that exists in 2010: rename Hart.
  await page.getByLabel('Body to change').selectOption('hart');
  await page.getByRole('group', { name: 'Bodies and their coverage' }).getByLabel('Name', { exact: true }).fill('Hart District Council (renamed under as-at)');
  await page.getByRole('button', { name: 'Save body' }).click();
  await page.reload();
  const banner = page.locator('.pm-recover');
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Recover my changes' }).click();
  await page.locator('.pm-recover').waitFor({ state: 'detached' });
  const got = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON()));
  // Expected: the demo file as committed, with only Hart's name changed.
  const want = structuredClone(DEMO);
  want.bodies.find((b) => b.id === 'hart').name = 'Hart District Council (renamed under as-at)';
  assert.equal(got.bodies.length, want.bodies.length, 'no body lost (ICBs, PCC and others outside 2010 included)');
  for (const [i, b] of want.bodies.entries()) assert.deepEqual(got.bodies[i], b, `body ${b.id}`);
  assert.deepEqual(got.links, want.links);
  assert.deepEqual(got.agreements, want.agreements);
  assert.deepEqual(got.responsibilities, want.responsibilities);
  await context.close();
});

test('undo and redo work across el.load(), and a new load clears redo', async () => {
  const { page } = await h.page();
  await ready(page);
  const demoTitle = await title(page);
  const e = await el(page);
  assert.equal((await e.evaluate((x, m) => x.load(m), small('Second map'))).ok, true);
  assert.equal(await title(page), 'Second map');
  await page.getByRole('button', { name: /^Undo/ }).click();
  assert.equal(await title(page), demoTitle);
  await page.getByRole('button', { name: /^Redo/ }).click();
  assert.equal(await title(page), 'Second map');
  await page.getByRole('button', { name: /^Undo/ }).click();
  assert.equal((await e.evaluate((x, m) => x.load(m), small('Third map'))).ok, true);
  assert.equal(await page.getByRole('button', { name: /^Redo/ }).isDisabled(), true, 'a new load clears redo');
  assert.equal(await page.getByRole('button', { name: /^Undo/ }).innerText(), 'Undo (1)');
  // A read-only widget refuses el.load().
  const ro = await h.page({ path: '/embed.html?readonly' });
  await ready(ro.page);
  const r = await ro.page.evaluate((m) => document.querySelector('partnership-map').load(m), small('Not allowed'));
  assert.equal(r.ok, false);
  assert.match(r.diagnostics[0].message, /read-only/);
});

/** Writes `text` to tmp/NAME in an encoding and returns the path. */
function write(name, text, encoding) {
  const file = path.join(tmp, encoding, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let bytes;
  if (encoding === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  else if (encoding === 'windows1252') bytes = Buffer.from(text, 'latin1');
  else bytes = Buffer.from(text, 'utf8');
  fs.writeFileSync(file, bytes);
  return file;
}

for (const [label, encoding, sep] of [['UTF-16', 'utf16le', ','], ['Windows-1252', 'windows1252', ','], ['semicolon-separated', 'semi', ';']]) {
  test(`a CSV in ${label} through the file picker: the names arrive intact`, async () => {
    const { page } = await h.page();
    await ready(page);
    // A one-council map, so a bodies.csv with that council and one more is a whole table.
    assert.equal((await page.evaluate((m) => document.querySelector('partnership-map').load(m), small('Encodings'))).ok, true);
    await page.getByRole('tab', { name: 'Data and editing' }).click();
    const rows = [['id', 'name', 'kind', 'covers'], ['hart', 'Hart District Council', 'district_council', 'E07000089'], ['cafe-forum', 'Café Forum for Crème Brûlée', 'voluntary_community', 'E07000089']];
    const file = write('bodies.csv', `${rows.map((r) => r.join(sep)).join('\r\n')}\r\n`, encoding);
    await page.getByLabel('Choose files, or drop them here').setInputFiles(file);
    const preview = page.locator('.pm-preview');
    await preview.waitFor();
    const text = await preview.innerText();
    if (encoding === 'windows1252') assert.match(text, /Windows-1252/, 'the preview names the encoding it fell back to');
    if (encoding === 'semi') assert.doesNotMatch(text, /is missing/);
    await preview.getByRole('button', { name: 'Apply' }).click();
    const map = JSON.parse(await page.evaluate(() => document.querySelector('partnership-map').toJSON()));
    const b = map.bodies.find((x) => x.id === 'cafe-forum');
    assert.equal(b?.name, 'Café Forum for Crème Brûlée');
    assert.equal(JSON.stringify(map).includes('\uFFFD'), false);
    await shot(page, `csv-${encoding}`, false);
  });
}

test('every case of the bad-input corpus, through the file picker: a message naming the file, row or field, and the map kept', async () => {
  const dir = path.join(ROOT, 'tests/bad-inputs');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const cases = manifest.cases ?? manifest;
  assert.ok(cases.length >= 15, `${cases.length} cases`);
  const { page } = await h.page();
  await ready(page);
  const before = await title(page);
  await page.getByRole('tab', { name: 'Data and editing' }).click();
  let checked = 0;
  for (const c of cases) {
    if (!c.file) continue; // generated at test time natively (60,000 bodies; 33 MB)
    await page.getByLabel('Choose files, or drop them here').setInputFiles(path.join(dir, c.file));
    const preview = page.locator('.pm-preview, .pm-lookup');
    await preview.first().waitFor({ timeout: 20000 });
    const text = await preview.first().innerText();
    if (c.contains) {
      assert.ok(text.toLowerCase().includes(String(c.contains).toLowerCase()), `${c.file}: the preview names "${c.contains}"; it said:\n${text.slice(0, 600)}`);
    }
    if (c.expect === 'refused') {
      assert.equal(await page.locator('.pm-preview').getByRole('button', { name: 'Apply' }).isDisabled(), true, `${c.file}: Apply is disabled`);
    }
    assert.equal(await title(page), before, `${c.file}: the map on screen is kept`);
    const cancel = page.locator('.pm-preview').getByRole('button', { name: 'Cancel' });
    if (await cancel.count()) await cancel.click();
    checked += 1;
  }
  assert.ok(checked >= 25, `${checked} files checked`);
  await shot(page, 'bad-input-preview', false);
  assert.deepEqual(await axe(page), []);
});
