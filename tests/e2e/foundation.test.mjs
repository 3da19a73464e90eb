// Issue: the first view. Opens the built app, checks the Hart/Frimley split and the
// orphans are listed, that a finding highlights its bodies, and that axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, ready, openGroups, axe, shot } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

test('the demo lists the Hart split, Rushmoor outside HIOW ICB, and the orphans', async () => {
  const { page, errors, requests } = await h.page();
  await ready(page);
  await openGroups(page);
  const text = await page.locator('.pm-findings').innerText();
  assert.match(text, /Hart is split between 2 integrated care boards/);
  // Rushmoor is in Frimley, not HIOW: the executive board has no health member for it.
  assert.match(text, /no health member covers Rushmoor and 76% of Hart/);
  assert.match(text, /Nobody owns “Rough sleeping outreach across district boundaries”/);
  assert.match(text, /“Reducing worklessness” has owners but no lead/);
  assert.match(text, /Economic Regeneration Group reports to no board/);
  assert.deepEqual(errors, []);
  // Nothing leaves the page's origin.
  const origin = new URL(h.url).origin;
  assert.deepEqual(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:')), []);
  await shot(page, 'foundation-1-loaded');
});

test('selecting the Hart finding shows its detail and highlights Frimley and HIOW ICBs', async () => {
  const { page } = await h.page();
  await ready(page);
  const finding = page.locator('[data-finding="split:E07000089:icb"]');
  await finding.locator('button').click();
  await assert.doesNotReject(finding.locator('.pm-finding__detail:not([hidden])').waitFor());
  const detail = await finding.locator('.pm-finding__detail').innerText();
  assert.match(detail, /Hart \(101,542 people\) is divided: NHS Frimley Integrated Care Board 76% and NHS Hampshire and Isle of Wight Integrated Care Board 24%/);
  assert.equal(await finding.locator('button').getAttribute('aria-pressed'), 'true');
  const highlighted = await page.locator('.pm-node--on').evaluateAll((els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(highlighted, ['icb-frimley', 'icb-hiow']);
  const dimmed = await page.locator('.pm-node--dim').count();
  assert.ok(dimmed > 30, `other bodies are dimmed (${dimmed})`);
  await shot(page, 'foundation-2-hart-finding');
  // Clicking again clears the highlight.
  await finding.locator('button').click();
  assert.equal(await page.locator('.pm-node--on').count(), 0);
});

test('clicking a body shows its details and accountability path', async () => {
  const { page } = await h.page();
  await ready(page);
  await page.locator('[data-id="jcp"]').click();
  const card = page.locator('.pm-details');
  await card.waitFor();
  const t = await card.innerText();
  assert.match(t, /Jobcentre Plus, Hampshire and Isle of Wight/);
  assert.match(t, /No route to an elected body/);
  await shot(page, 'foundation-3-details');
});

test('axe-core finds no WCAG A/AA violations', async () => {
  const { page } = await h.page();
  await ready(page);
  const v = await axe(page);
  assert.deepEqual(v, []);
});
