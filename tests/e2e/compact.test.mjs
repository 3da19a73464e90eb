// Issue: in a 600×400 embed box the picture must be on screen without scrolling. In a small
// box the toolbar is one bar (search, "More", zoom, "Fit to screen"); focus, outline, filters
// and the pan buttons are behind "More", a disclosure button. Runs the iframe page
// (embed.html) at 600×400, at 320 px wide and at 1280×800 (where nothing is folded).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, axe, shot } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const more = (page) => page.getByRole('button', { name: /^More/ });
const active = (page) => page.evaluate(() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  return { text: (e?.textContent || '').trim(), focusVisible: e?.matches(':focus-visible') };
});

test('in a 600×400 box the picture starts on screen and the controls fold into a bar', async () => {
  const { page, errors } = await h.page({ width: 600, height: 400, path: '/embed.html' });
  await ready(page);
  const svg = await page.locator('.pm-network__svg').boundingBox();
  assert.ok(svg.y < 260, `the picture starts high in the 400 px box (top ${svg.y})`);
  assert.ok(400 - svg.y >= 140, `at least 140 px of the picture is visible (${400 - svg.y})`);
  // The bar: one row, with the secondary controls folded away.
  const bar = await page.locator('.pm-toolbar').boundingBox();
  assert.ok(bar.height <= 48, `the toolbar is one row (${bar.height} px)`);
  assert.equal(await more(page).getAttribute('aria-expanded'), 'false');
  for (const name of ['Zoom in', 'Zoom out', 'Fit to screen']) {
    assert.ok(await page.getByRole('button', { name }).isVisible(), `${name} stays in the bar`);
  }
  assert.ok(await page.getByLabel('Find a body').isVisible(), 'search stays in the bar, labelled');
  assert.equal(await page.getByLabel('Focus').isVisible(), false, 'focus is folded');
  assert.equal(await page.getByRole('button', { name: 'Pan left' }).isVisible(), false, 'pan is folded');
  // Every control in the bar is at least 24 × 24 px (WCAG 2.5.8).
  const small = await page.locator('.pm-toolbar button:visible, .pm-toolbar input:visible, .pm-tab').evaluateAll((els) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).length);
  assert.equal(small, 0, 'targets are at least 24 px');
  // (Checked before axe: the harness injects axe as an inline script, which the CSP refuses
  // and reports, before it falls back to evaluating it.)
  assert.deepEqual(errors, [], 'no errors in the page');
  assert.deepEqual(await axe(page), [], 'axe, folded');
  await shot(page, 'compact-600x400', false);
  // "More" opens by keyboard and shows every folded control; it closes again.
  await more(page).focus();
  await page.keyboard.press('Enter');
  assert.equal(await more(page).getAttribute('aria-expanded'), 'true');
  const a = await active(page);
  assert.match(a.text, /^More/, 'focus stays on the button');
  for (const label of ['Focus', 'Outline the members of']) {
    assert.ok(await page.getByLabel(label).isVisible(), `${label} is shown`);
  }
  assert.ok(await page.getByRole('button', { name: 'Pan left' }).isVisible());
  assert.ok(await page.locator('.pm-filters summary').isVisible());
  // The next Tab goes into the opened controls (DOM order is the visual order).
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => {
    let e = document.activeElement;
    while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
    return e?.id || '';
  });
  assert.match(next, /depth/, 'Tab moves from "More" to the first folded control');
  await page.getByLabel('Focus').selectOption('1');
  assert.deepEqual(await axe(page), [], 'axe, open');
  await shot(page, 'compact-600x400-open', false);
  await more(page).click();
  assert.equal(await more(page).getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByLabel('Focus').isVisible(), false);
});

test('at 320 px the bar wraps without sideways scrolling; at 1280×800 nothing is folded', async () => {
  {
    const { page, context } = await h.page({ width: 320, height: 640, path: '/embed.html' });
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
    const svg = await page.locator('.pm-network__svg').boundingBox();
    assert.ok(svg.y < 640, `the picture starts on screen (top ${svg.y})`);
    assert.ok(await more(page).isVisible());
    assert.deepEqual(await axe(page), []);
    await shot(page, 'compact-320', false);
    await context.close();
  }
  const { page } = await h.page({ width: 1280, height: 800, path: '/embed.html' });
  await ready(page);
  assert.equal(await more(page).isVisible(), false, 'no "More" in a wide widget');
  for (const label of ['Find a body', 'Focus', 'Outline the members of']) {
    assert.ok(await page.getByLabel(label).isVisible(), `${label} is in the toolbar`);
  }
  assert.ok(await page.getByRole('button', { name: 'Pan left' }).isVisible());
  const svg = await page.locator('.pm-network__svg').boundingBox();
  assert.ok(svg.y < 400, `the picture starts in the top half (${svg.y})`);
  await shot(page, 'compact-1280x800', false);
});
