// Issue 12: large networks. A generated map of 5,000 bodies and 15,000 links is drawn on a
// canvas (not 5,000 SVG groups): the widget's DOM stays small, a click on a body selects
// it, the keyboard walk announces each body, pan/zoom frames stay fast, and axe finds
// nothing. A 20,000-body map is measured the same way. Screenshots at 1280×800 and 320 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, axe, shot, whenAnalysed } from './harness.mjs';
import { clustered, PARTNERSHIPS } from './gen-clustered.mjs';
import { loadGenerated, panZoom, renderer, shadowCount } from './panzoom.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

// p95 of frame intervals during scripted pan/zoom. The target is 33 ms (two frames at
// 60 Hz); the bound leaves room for a loaded CI machine.
const P95_BOUND = 50;

/** Screenshots of the picture: whole, zoomed in on the middle body, and at 320 px. */
async function pictureShots(page, name) {
  const canvas = page.locator('canvas.pm-network__canvas');
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.mouse.move(0, 0);
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await shot(page, `large-canvas-${name}-1280`, false);
  // Zoomed in on the body nearest the middle: labels appear where they fit.
  const box = await canvas.boundingBox();
  const p = await canvas.evaluate((c) => {
    const r = c.pmRenderer;
    let best = { x: c.clientWidth / 2, y: c.clientHeight / 2 }, bd = Infinity;
    for (let i = 0; i < r.pos.length / 2; i++) {
      const q = r.screen_point(i);
      const d = (q.x - c.clientWidth / 2) ** 2 + (q.y - c.clientHeight / 2) ** 2;
      if (d < bd) { bd = d; best = q; }
    }
    return best;
  });
  await page.mouse.move(box.x + p.x, box.y + p.y);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -200);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1200);
  await shot(page, `large-canvas-${name}-zoomed`, false);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.setViewportSize({ width: 320, height: 800 });
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  await shot(page, `large-canvas-${name}-320`, false);
}

const live = (page) => page.evaluate(() => document.querySelector('partnership-map').shadowRoot.querySelector('[aria-live]').textContent);

test('5,000 bodies: canvas, small DOM, click selects, keyboard walk announces, fast pan/zoom, axe clean', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  const load = await loadGenerated(page, 5000, 15000);
  assert.ok(load.ok, 'the generated map loads');
  const found = await whenAnalysed(page);
  const analysed = await page.evaluate(() => ['pm:analyse', 'pm:analyse-trip'].map((m) => Math.round(performance.getEntriesByName(m).at(-1)?.duration ?? -1)));
  console.log(`# figures: 5,000 bodies: the page's part of the load (parse, validate, draw) ${Math.round(load.pageLoad)} ms; long tasks on the page until settled and analysed: ${load.longTasks.join(', ') || 'none'} ms, of which after el.load() returned: ${load.after.join(', ') || 'none'}; ${found} findings worked out in the worker in ${analysed[0]} ms (${analysed[1]} ms from sending the map to the report on the page)`);
  // The target is 50 ms; the bound leaves room for a loaded CI machine. (Before the findings
  // came in parts and the canvas rasterised in slices, 20,000 bodies gave 345 and 50-80 ms.)
  assert.ok(load.after.every((ms) => ms <= 100), `no task after the load holds the page for long (${load.after})`);
  assert.ok(found > 0, 'findings arrive from the worker');
  assert.equal(await renderer(page), 'canvas', 'drawn on a canvas');
  const dom = await shadowCount(page);
  // 1,000 partnerships: "Outline the members of" is a text box with at most 30 suggestions,
  // not a select of 1,000 options, so the whole DOM stays small.
  assert.ok(dom.all < 2000, `the widget's DOM stays small (${JSON.stringify(dom)})`);
  const canvas = page.locator('canvas.pm-network__canvas');
  assert.match(await canvas.getAttribute('aria-label'), /Network of 5000 bodies and \d+ connections/);

  // Zoom in on the middle, then click where a body is drawn: it is selected, as in the SVG.
  const box = await canvas.boundingBox();
  // The wheel goes to what is under the mouse: put it on the canvas's middle first.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -240);
  await page.waitForTimeout(300);
  const map = clustered(5000, 15000);
  const target = await canvas.evaluate((c) => {
    const r = c.pmRenderer;
    const w = c.clientWidth, hh = c.clientHeight;
    // The body drawn nearest the middle of the canvas with no other body within 8 px
    // (two bodies can be drawn on top of each other; a click there is ambiguous).
    const pts = Array.from({ length: r.pos.length / 2 }, (_, i) => r.screen_point(i));
    const order = pts.map((p, i) => [(p.x - w / 2) ** 2 + (p.y - hh / 2) ** 2, i]).sort((a, b) => a[0] - b[0]);
    const alone = (i) => pts.every((q, j) => j === i || (q.x - pts[i].x) ** 2 + (q.y - pts[i].y) ** 2 > 64);
    const best = order.find(([, i]) => alone(i))?.[1] ?? order[0][1];
    return { i: best, ...pts[best] };
  });
  const name = map.bodies[target.i].name;
  const picked = page.evaluate(() => new Promise((res) => {
    document.querySelector('partnership-map').addEventListener('pm-select', (e) => res(e.detail), { once: true });
    setTimeout(() => res({ id: null }), 5000);
  }));
  assert.ok(await canvas.evaluate((c) => c.pmRenderer.view.s > 2), 'the wheel zoomed in');
  await page.mouse.click(box.x + target.x, box.y + target.y);
  assert.equal((await picked).id, `b${target.i}`, 'the click selects the body under it');
  await page.locator('.pm-details h3', { hasText: name }).waitFor({ timeout: 5000 });

  assert.equal(await live(page), `Selected ${name}`);

  // Keyboard: Tab away and back; the focus ring is where the click left it, and is
  // announced; arrow keys walk along connections and announce each body.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal(await canvas.evaluate((c) => c.matches(':focus-visible')), true, 'the canvas has keyboard focus');
  const first = await live(page);
  assert.ok(first.startsWith(`${name}, `) && /connections?\. Enter selects\.$/.test(first), first);
  let moved = null;
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    await page.keyboard.press(key);
    const now = await live(page);
    if (now !== first && /Enter selects/.test(now)) { moved = now; break; }
  }
  assert.ok(moved, 'an arrow key moves to a connected body and announces it');
  await page.keyboard.press('Enter');
  const chosen = moved.split(',')[0];
  await page.locator('.pm-details h3', { hasText: chosen }).first().waitFor({ timeout: 5000 });
  await page.keyboard.press('Escape');

  // The table of every body is paged.
  const rows = await page.locator('.pm-alt .pm-table tbody tr').count();
  assert.ok(rows > 0 && rows <= 50, `the table is paged (${rows} rows)`);

  // "Outline the members of" draws the partnership's hull on the canvas too, round where
  // its bodies are drawn; "No partnership" takes it away.
  const hullOf = () => canvas.evaluate((c) => c.pmRenderer.hullPath);
  assert.equal(await hullOf(), '', 'no outline yet');
  const outline = page.getByLabel('Outline the members of');
  assert.equal(await outline.evaluate((e) => e.tagName), 'INPUT', 'a text box for 1,000 partnerships');
  const partnerships = map.bodies.filter((b) => PARTNERSHIPS.includes(b.kind));
  const partnership = partnerships[0];
  // Part of the name: the suggestions are those names (at most 30), nothing is chosen yet.
  const part = partnership.name.split(' ').slice(0, 2).join(' ');
  await outline.fill(part);
  const suggestions = await outline.evaluate((e) => [...e.list.options].map((o) => o.value));
  assert.ok(suggestions.length > 0 && suggestions.length <= 30, `${suggestions.length} suggestions`);
  assert.ok(suggestions.every((v) => v.toLowerCase().includes(part.toLowerCase())), 'each suggestion contains the text');
  assert.equal(await hullOf(), '', 'part of a name chooses nothing');
  await outline.fill(partnership.name);
  await page.waitForFunction(() => document.querySelector('partnership-map').shadowRoot.querySelector('canvas.pm-network__canvas').pmRenderer.hull !== null);
  assert.match(await hullOf(), /^M[\d.-]+ [\d.-]+/, 'a hull path in scene units');
  assert.match(await outline.evaluate((e) => e.getAttribute('aria-describedby') && e.getRootNode().getElementById(e.getAttribute('aria-describedby')).textContent), new RegExp(`^${partnerships.length.toLocaleString('en-GB')} partnerships: type part of a name$`));
  await outline.fill('');
  await page.waitForFunction(() => document.querySelector('partnership-map').shadowRoot.querySelector('canvas.pm-network__canvas').pmRenderer.hull === null);

  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const pz = await panZoom(page);
  console.log(`# figures: 5,000 bodies / 15,000 links on canvas: load ${Math.round(load.ms)} ms (laid out by ${load.settledMs} ms), ${dom.all} elements in the shadow root (${dom.withoutOptions} without <option>s), pan/zoom frame p50 ${pz.p50} ms, p95 ${pz.p95} ms, max ${pz.max} ms, settle ${pz.settle} ms`);
  assert.ok(pz.p95 <= P95_BOUND, `pan/zoom p95 ${pz.p95} ms ≤ ${P95_BOUND} ms`);

  // (Before axe: under the strict CSP, injecting axe logs a refused inline script.)
  assert.deepEqual(errors, []);
  assert.deepEqual(await axe(page), []);
  await pictureShots(page, '5k');
});

test('a large map is analysed in the worker: the page says so, stays usable, then shows the findings', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  await page.getByRole('tab', { name: 'Findings', exact: true }).click();
  const text = JSON.stringify(clustered(2000, 6000, 3));
  // Two frames after load() the picture is drawn and the worker cannot have answered yet
  // (it has to start, compile the module and read the map).
  const at = await page.evaluate(async (t) => {
    const el = document.querySelector('partnership-map');
    const ok = el.load(t).ok;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const status = el.shadowRoot.querySelector('.pm-findings-view [role=status]')?.textContent ?? null;
    const hint = el.shadowRoot.querySelector('.pm-findings-view .pm-hint')?.textContent ?? null;
    return { ok, status, hint, findings: el.findings() };
  }, text);
  assert.equal(at.ok, true);
  assert.equal(at.findings, null, 'findings() is null while the worker works');
  assert.match(at.status ?? '', /^Working out the findings for 2,000 bodies\./);
  assert.equal(at.hint, null, 'no "choose a family" hint before there are families');
  await shot(page, 'large-analysing', false);
  // The page answers meanwhile: a search runs at once.
  await page.getByRole('tab', { name: 'Network', exact: true }).click();
  await page.getByLabel('Find a body').fill('b17');
  await page.getByRole('tab', { name: 'Findings', exact: true }).click();
  const n = await whenAnalysed(page);
  assert.ok(n > 0);
  await page.locator('.pm-findings-view [data-finding-group], .pm-findings-view [data-finding]').first().waitFor();
  assert.equal(await page.locator('.pm-findings-view [role=status]').count(), 0, 'the status has gone');
  assert.deepEqual(errors, []);
  assert.deepEqual(await axe(page), []);
});

test('a pooled budget puts a £ badge on its bodies on the canvas too', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  // Worked by hand: b3 holds the fund, b10 governs it, b20 pays into it; nobody else takes
  // part, so exactly those three carry the badge.
  const withFund = (map) => ({ ...map, budgets: [{ id: 'bcf', name: 'Better Care Fund', held_by: 'b3', governed_by: 'b10', contributions: [{ body: 'b20', amount: 250000 }] }] });
  const load = await loadGenerated(page, 400, 800, 2, withFund);
  assert.ok(load.ok, 'the map with a budget loads');
  assert.equal(await renderer(page), 'canvas');
  const canvas = page.locator('canvas.pm-network__canvas');
  const badged = await canvas.evaluate((c) => [...c.pmRenderer.nodeKinds].flatMap((k, i) => (k & 64 ? [i] : [])));
  assert.deepEqual(badged, [3, 10, 20], 'the holder, the governor and the contributor');
  // Zoomed in on the holder, the badge is drawn: a screenshot to look at.
  const box = await canvas.boundingBox();
  const p = await canvas.evaluate((c) => c.pmRenderer.screen_point(3));
  await page.mouse.move(box.x + p.x, box.y + p.y);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -200);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1000);
  await shot(page, 'large-canvas-budget-badge', false);
  assert.deepEqual(errors, []);
});

test('20,000 bodies and 100,000 links: canvas pan/zoom p95 within the bound', async () => {
  const { page, errors } = await h.page();
  await ready(page);
  const load = await loadGenerated(page, 20000, 100000);
  assert.ok(load.ok, 'the generated map loads');
  const found = await whenAnalysed(page);
  const analysed = await page.evaluate(() => ['pm:analyse', 'pm:analyse-trip'].map((m) => Math.round(performance.getEntriesByName(m).at(-1)?.duration ?? -1)));
  console.log(`# figures: 20,000 bodies: the page's part of the load (parse, validate, draw) ${Math.round(load.pageLoad)} ms; long tasks on the page until settled and analysed: ${load.longTasks.join(', ') || 'none'} ms, of which after el.load() returned: ${load.after.join(', ') || 'none'}; ${found} findings worked out in the worker in ${analysed[0]} ms (${analysed[1]} ms from sending the map to the report on the page)`);
  assert.ok(load.after.every((ms) => ms <= 150), `no task after the load holds the page for long (${load.after})`);
  assert.ok(found > 0, 'findings arrive from the worker');
  assert.equal(await renderer(page), 'canvas');
  const dom = await shadowCount(page);
  const pz = await panZoom(page);
  console.log(`# figures: 20,000 bodies / 100,000 links on canvas: load ${Math.round(load.ms)} ms (laid out by ${load.settledMs} ms), ${dom.all} elements in the shadow root (${dom.withoutOptions} without <option>s), pan/zoom frame p50 ${pz.p50} ms, p95 ${pz.p95} ms, max ${pz.max} ms, settle ${pz.settle} ms`);
  assert.ok(dom.all < 2000, `the widget's DOM stays small (${JSON.stringify(dom)})`);
  assert.ok(pz.p95 <= P95_BOUND, `pan/zoom p95 ${pz.p95} ms ≤ ${P95_BOUND} ms`);
  await pictureShots(page, '20k');
  assert.deepEqual(errors, []);
});
