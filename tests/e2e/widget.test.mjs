// Issue: the widget people use. One test per journey (pointer, then keyboard only), axe in
// every view, fit at 320 px, in a 600×400 box and at 1280×800, pan/zoom, URL state,
// filters, focus mode, search, the tour and glossary links. Screenshots are saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, openGroups, axe, shot, ALL_ELEMENTS } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const tab = (page, name) => page.getByRole('tab', { name, exact: true });
// Page functions are real functions, not strings: the page runs under a strict CSP.
const active = (page) => page.evaluate(() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  return { tag: e?.tagName, text: (e?.textContent || '').trim().slice(0, 80), role: e?.getAttribute('role'), id: e?.dataset?.id || e?.id, node: e?.dataset?.node, focusVisible: e?.matches(':focus-visible') };
});
/** Presses Tab until `pred(active)` holds; fails after `max` presses. */
async function tabTo(page, pred, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const a = await active(page);
    if (pred(a)) return a;
  }
  throw new Error('focus never reached the target');
}

test('journey 1: a new member finds who leads on community safety in Hart, and who they answer to', async () => {
  const { page } = await h.page();
  await ready(page);
  await tab(page, 'Who does what').click();
  await page.getByLabel('Area').selectOption({ label: 'Hart' });
  await page.getByLabel('Theme').selectOption({ label: 'Community safety' });
  const card = page.locator('[data-responsibility="crime-disorder"]');
  const text = await card.innerText();
  assert.match(text, /Strategy to reduce crime and disorder/);
  assert.match(text, /Leads\s+North Hampshire Community Safety Partnership/);
  assert.match(text, /Accountable through: North Hampshire Community Safety Partnership → Hart District Council/);
  // Only responsibilities on that theme that apply in Hart are listed.
  const listed = await page.locator('[data-responsibility]').evaluateAll((els) => els.map((e) => e.dataset.responsibility));
  assert.ok(!listed.includes('asb-case-reviews'), 'the Rushmoor-only duty is not listed for Hart');
  assert.ok(!listed.includes('waste-collection'), 'other themes are not listed');
  await shot(page, 'journey1-who-leads-in-hart');
});

test('journey 2: a leader lists every coterminosity gap and opens the Hart case', async () => {
  const { page } = await h.page();
  await ready(page);
  await tab(page, 'Findings').click();
  const stat = page.locator('.pm-stat', { hasText: 'Coterminosity gaps' });
  const n = Number(await stat.locator('.pm-stat__n').innerText());
  await stat.click();
  await openGroups(page);
  const items = page.locator('.pm-findings-view [data-finding]');
  assert.equal(await items.count(), n);
  assert.ok(n >= 5, `several gaps (${n})`);
  const ids = await items.evaluateAll((els) => els.map((e) => e.dataset.finding));
  assert.ok(ids.every((id) => /^(split|gap|misaligned|wider|alignment|sliver):/.test(id)), ids.join(' '));
  await shot(page, 'journey2-coterminosity-gaps');
  const hart = page.locator('[data-finding="split:E07000089:icb"]');
  await hart.getByRole('button', { name: 'Show on the network' }).click();
  assert.equal(await tab(page, 'Network').getAttribute('aria-selected'), 'true');
  await page.waitForSelector('.pm-node--on');
  const on = await page.locator('.pm-node--on').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(on, ['icb-frimley', 'icb-hiow']);
  const t = await page.locator('.pm-viewport').getAttribute('transform');
  assert.notEqual(t, 'translate(0.0 0.0) scale(1.000)', 'the view centres on the finding');
  await shot(page, 'journey2-hart-on-network');
});

test('journey 1 by keyboard only', async () => {
  const { page } = await h.page();
  await ready(page);
  await tabTo(page, (a) => a.role === 'tab');
  // Network, Map and groupings, Alignment, Governance, Findings, Who does what.
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await tab(page, 'Who does what').getAttribute('aria-selected'), 'true');
  await tabTo(page, (a) => a.tag === 'SELECT');
  await page.keyboard.type('Hart');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Community');
  await page.waitForTimeout(100);
  const text = await page.locator('[data-responsibility="crime-disorder"]').innerText();
  assert.match(text, /North Hampshire Community Safety Partnership → Hart District Council/);
  await shot(page, 'journey1-keyboard');
});

test('journey 2 by keyboard only, then moving along edges in the graph', async () => {
  const { page } = await h.page();
  await ready(page);
  await tabTo(page, (a) => a.role === 'tab');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await tab(page, 'Findings').getAttribute('aria-selected'), 'true');
  await tabTo(page, (a) => /Coterminosity gaps/.test(a.text));
  await page.keyboard.press('Enter');
  const hartButton = page.locator('[data-finding="split:E07000089:icb"] button');
  const isActive = () => hartButton.evaluate((b) => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a === b; });
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await isActive()) break;
  }
  assert.ok(await isActive(), 'reached the Hart finding by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.pm-node--on');
  assert.equal(await page.locator('.pm-node--on').count(), 2);
  // Tab reaches the graph; arrow keys move along edges; Enter selects; Escape clears.
  const first = await tabTo(page, (a) => a.node !== undefined);
  await page.keyboard.press('ArrowRight');
  let moved = await active(page);
  if (moved.node === first.node) { await page.keyboard.press('ArrowDown'); moved = await active(page); }
  assert.notEqual(moved.node, first.node, 'an arrow key moved focus to a linked body');
  assert.ok(moved.focusVisible, 'focus is visible');
  await page.keyboard.press('Enter');
  await page.locator('.pm-details').waitFor();
  const live = await page.locator('.pm [role=status]').innerText();
  assert.match(live, /^Selected /);
  await shot(page, 'journey2-keyboard-selected');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.pm-details').count(), 0);
});

test('axe finds no violations in any view', async () => {
  const { page } = await h.page();
  await ready(page);
  for (const v of ['Network', 'Map and groupings', 'Governance', 'Findings', 'Who does what', 'Glossary', 'Data and editing']) {
    await tab(page, v).click();
    await page.waitForTimeout(150);
    const violations = await axe(page);
    assert.deepEqual(violations, [], `${v}: ${JSON.stringify(violations, null, 1)}`);
  }
  // With a body selected, filters open and the tour running.
  await tab(page, 'Network').click();
  await page.locator('[data-id="lsp"]').click();
  await page.locator('.pm-filters summary').click();
  await page.getByRole('button', { name: 'Take the tour' }).click();
  assert.deepEqual(await axe(page), []);
});

test('fits at 320 px, in a 600×400 box and at 1280×800', async () => {
  for (const [w, hgt, name] of [[320, 700, 'fit-320'], [600, 400, 'fit-600x400'], [1280, 800, 'fit-1280x800']]) {
    const { page } = await h.page({ width: w, height: hgt });
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: no sideways scrolling (${overflow}px)`);
    const svg = await page.locator('.pm-network__svg').boundingBox();
    assert.ok(svg.width > w * 0.6, `${name}: the network uses the width (${svg.width})`);
    await shot(page, name, false);
  }
});

test('pan and zoom by wheel, drag, pinch-free buttons and keys; fit to screen resets', async () => {
  const { page } = await h.page();
  await ready(page);
  const transform = () => page.locator('.pm-viewport').getAttribute('transform');
  const t0 = await transform();
  const box = await page.locator('.pm-network__svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  const t1 = await transform();
  assert.notEqual(t1, t0, 'wheel zooms');
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 60, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await transform(), t1, 'drag pans');
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  assert.equal(await transform(), t0);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.match(await transform(), /scale\(1\.250\)/);
  await page.getByRole('button', { name: 'Pan left' }).click();
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  assert.equal(await transform(), t0);
});

test('the view is restored from the URL', async () => {
  const { page } = await h.page({ path: '/#view=findings' });
  await ready(page);
  assert.equal(await tab(page, 'Findings').getAttribute('aria-selected'), 'true');
  await tab(page, 'Network').click();
  await page.locator('[data-id="icb-frimley"]').click();
  await page.getByLabel('Focus').selectOption('1');
  // The fragment is written once the view has been still for 300 ms (components::sync_url).
  await page.waitForFunction(() => location.hash.includes('depth=1'));
  const url = page.url();
  assert.match(url, /sel=icb-frimley/);
  assert.match(url, /depth=1/);
  const again = await h.browser.newPage();
  await again.goto(url);
  await ready(again);
  assert.equal(await again.locator('[data-id="icb-frimley"]').getAttribute('aria-pressed'), 'true');
  const hidden = await again.locator('g.pm-node.pm-hidden').count();
  assert.ok(hidden > 10, `focus mode hides bodies more than 1 step away (${hidden})`);
  await again.close();
  // A mangled fragment still opens the widget.
  const { page: p3 } = await h.page({ path: '/#view=%ZZ&sel=<script>&depth=99' });
  await ready(p3);
  assert.equal(await tab(p3, 'Network').getAttribute('aria-selected'), 'true');
});

test('a pan writes the URL once it stops, not at every move', async () => {
  const { page } = await h.page({ path: '/#view=network' });
  await ready(page);
  await page.waitForTimeout(400); // the write after loading, if any, is done
  const r = await page.evaluate(async () => {
    let calls = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...a) => { calls++; return replace(...a); };
    const host = document.querySelector('partnership-map');
    const target = host.shadowRoot.querySelector('.pm-network__svg, .pm-network__canvas');
    const b = target.getBoundingClientRect();
    const cx = b.left + b.width / 2, cy = b.top + b.height / 2;
    const fire = (type, x, y, buttons = 1) => target.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, {
      bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons,
    }));
    fire('pointerdown', cx, cy); fire('mousedown', cx, cy);
    for (let i = 1; i <= 20; i++) {
      fire('pointermove', cx + 4 * i, cy + 2 * i); fire('mousemove', cx + 4 * i, cy + 2 * i);
      await new Promise((res) => setTimeout(res, 16));
    }
    fire('pointerup', cx + 80, cy + 40, 0); fire('mouseup', cx + 80, cy + 40, 0);
    const during = calls;
    await new Promise((res) => setTimeout(res, 700));
    return { during, after: calls, hash: location.hash };
  });
  // 20 moves 16 ms apart: none is 300 ms after the one before, so nothing is written until
  // the drag stops; then the panned view is written once.
  assert.equal(r.during, 0, `replaceState calls during the drag: ${r.during}`);
  assert.equal(r.after, 1, `replaceState calls after it: ${r.after}`);
  assert.match(r.hash, /zoom=/);
});

test('filters by sector and kind, search, outline, tour and glossary links', async () => {
  const { page } = await h.page();
  await ready(page);
  await page.locator('.pm-filters summary').click();
  await page.getByLabel('Police and crime', { exact: true }).uncheck();
  assert.ok(await page.locator('[data-id="police"]').evaluate((e) => e.classList.contains('pm-hidden')));
  assert.ok(await page.locator('[data-id="pcc"]').evaluate((e) => e.classList.contains('pm-hidden')));
  await page.getByLabel('Kind of body').selectOption({ label: 'Integrated care board' });
  const shown = await page.locator('g.pm-node:not(.pm-hidden)').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(shown, ['icb-frimley', 'icb-hiow']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await page.locator('g.pm-node.pm-hidden').count(), 0);
  await page.getByLabel('Find a body').fill('frimley');
  await page.locator('.pm-chip', { hasText: 'NHS Frimley Integrated Care Board' }).click();
  assert.equal(await page.locator('[data-id="icb-frimley"]').getAttribute('aria-pressed'), 'true');
  await page.getByLabel('Outline the members of').selectOption({ label: 'Hampshire Health and Wellbeing Board' });
  assert.equal(await page.locator('.pm-hull').count(), 1);
  await shot(page, 'outline-hwb', false);
  await page.getByRole('button', { name: 'Take the tour' }).click();
  const tour = page.locator('.pm-tour');
  assert.match(await tour.innerText(), /step 1 of 3/);
  await page.getByRole('button', { name: 'Next' }).click();
  assert.match(await tour.innerText(), /Two NHS systems/);
  const on = await page.locator('.pm-node--on').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(on, ['hart', 'icb-frimley', 'icb-hiow', 'rushmoor']);
  await shot(page, 'tour-step-2', false);
  await page.getByRole('button', { name: 'Close tour' }).click();
  await page.locator('.pm-subtitle .pm-term', { hasText: 'ONS' }).click();
  assert.equal(await tab(page, 'Glossary').getAttribute('aria-selected'), 'true');
  await page.waitForFunction(() => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a?.id?.endsWith('term-ons'); });
});

test('touch: tapping a body selects it on a phone-sized screen', async () => {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(h.url + '/');
  await ready(page);
  const node = page.locator('[data-id="hampshire-cc"] .pm-node__dot');
  await node.scrollIntoViewIfNeeded();
  const b = await node.boundingBox();
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  assert.equal(await page.locator('[data-id="hampshire-cc"]').getAttribute('aria-pressed'), 'true');
  await shot(page, 'touch-390', false);
  await context.close();
});

test('reduced motion and forced colours', async () => {
  const { page, context } = await h.page({ reducedMotion: 'reduce' });
  await ready(page);
  // With reduced motion asked for, nothing in the widget moves: no element has a
  // transition or an animation, and nothing scrolls smoothly, even while a finding is
  // shown on the network (which pans and zooms).
  await page.getByRole('tab', { name: 'Findings', exact: true }).click();
  await page.locator('[data-finding="split:E07000089:icb"]').getByRole('button', { name: 'Show on the network' }).click();
  const moving = await page.evaluate(`(() => ${ALL_ELEMENTS}.filter((e) => e.closest('.pm')).filter((e) => {
    const c = getComputedStyle(e);
    const t = c.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
    return t || c.animationName !== 'none' || c.scrollBehavior === 'smooth';
  }).map((e) => e.className.baseVal ?? e.className))()`);
  assert.deepEqual(moving, [], 'nothing moves');
  await page.emulateMedia({ forcedColors: 'active' });
  await page.locator('[data-id="lsp"]').click();
  assert.deepEqual(await axe(page), []);
  await shot(page, 'forced-colours', false);
  await context.close();
});

test('figures: time to first render and DOM size for the demo', async () => {
  const { page } = await h.page();
  await ready(page);
  const figures = await page.evaluate(`(() => {
    const all = ${ALL_ELEMENTS};
    return {
      firstRenderMs: Math.round(performance.getEntriesByName('pm:first-render')[0]?.startTime ?? -1),
      domNodes: all.length,
      widgetNodes: all.filter((e) => e.closest('.pm')).length,
    };
  })()`);
  console.log(`# figures: time to first render ${figures.firstRenderMs} ms; DOM ${figures.domNodes} elements (${figures.widgetNodes} in the widget)`);
  assert.ok(figures.firstRenderMs > 0 && figures.firstRenderMs < 5000);
  assert.ok(figures.widgetNodes < 4000, `DOM stays small (${figures.widgetNodes})`);
});
