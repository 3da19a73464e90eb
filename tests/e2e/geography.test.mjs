// Issue: geography and multi-area groupings. The map view, the grouping sandbox by pointer
// and keyboard, comparison, the as-at date, reorganisation impact, and all of England.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start, ready, openGroups, axe, shot, ROOT, whenAnalysed } from './harness.mjs';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const mapReady = (page) => page.waitForSelector('.pm .pm-map__svg', { timeout: 60000 });
const el = (page) => page.locator('partnership-map').first();

test('a grouping chosen on the map by pointer, with its fit to each service', async () => {
  const { page } = await h.page({ path: '/#view=map' });
  await mapReady(page);
  assert.equal(await page.locator('[data-area]').count(), 21);
  for (const c of ['E07000084', 'E07000089', 'E07000092']) await page.locator(`[data-area="${c}"]`).click();
  assert.equal(await page.locator('[data-area][aria-pressed=true]').count(), 3);
  const panel = page.locator('.pm-grouping');
  const text = await panel.innerText();
  assert.match(text, /3 areas: Basingstoke and Deane, Hart, Rushmoor/);
  assert.match(text, /394,648 people: below 500,000/);
  // North Hampshire CSP is exactly these three districts; the ICBs split.
  const row = (label) => panel.locator('tr', { has: page.locator('th', { hasText: label }) });
  assert.match(await row('Community safety partnership').innerText(), /Coterminous/);
  assert.match(await row('Integrated care board').innerText(), /Misaligned/);
  assert.match(await row('Integrated care board').innerText(), /NHS Frimley Integrated Care Board: 180,354 inside/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'map-grouping-pointer', false);
});

test('a grouping chosen by keyboard only; two groupings compared side by side', async () => {
  const { page } = await h.page({ path: '/#view=map' });
  await mapReady(page);
  // Tab into the map (one area is in the tab order), move with arrows, Enter toggles.
  let onArea = false;
  for (let i = 0; i < 40 && !onArea; i++) {
    await page.keyboard.press('Tab');
    onArea = await page.evaluate(() => { let a = document.activeElement; while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement; return !!a?.dataset?.area; });
  }
  assert.ok(onArea, 'Tab reaches the map');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('[data-area][aria-pressed=true]').count(), 2, 'two areas added by keyboard');
  const live = await page.locator('.pm [role=status]').last().innerText();
  assert.match(live, /added to the grouping/);
  await page.getByRole('button', { name: 'Save for comparison' }).click();
  await page.locator('.pm-grouping').getByRole('button', { name: 'Clear the grouping' }).click();
  // Second grouping from the list (the map's alternative).
  await page.locator('.pm-grouping summary').click();
  for (const n of ['Portsmouth', 'Southampton', 'Isle of Wight']) await page.locator('.pm-grouping').getByLabel(n, { exact: true }).check();
  await page.getByRole('button', { name: 'Save for comparison' }).click();
  const table = page.locator('.pm-compare');
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Service', 'Grouping A', 'Grouping B']);
  assert.match(await table.locator('tr', { hasText: 'People' }).innerText(), /607,313/);
  assert.match(await table.locator('tr', { hasText: 'Fire and rescue authority' }).innerText(), /Lies inside one/);
  await table.scrollIntoViewIfNeeded();
  await shot(page, 'map-compare', false);
});

test('suggested groupings and statutory partners', async () => {
  const { page } = await h.page({ path: '/#view=map' });
  await mapReady(page);
  await page.locator('.pm-grouping summary').click();
  for (const n of ['Basingstoke and Deane', 'Hart', 'Rushmoor', 'Portsmouth', 'Southampton', 'Isle of Wight']) await page.locator('.pm-grouping').getByLabel(n, { exact: true }).check();
  await page.getByLabel('Number of groups (optional)').fill('2');
  await page.getByRole('button', { name: 'Suggest groupings' }).click();
  await page.locator('.pm-suggest').getByText(/^Suggested:/).waitFor({ timeout: 60000 });
  const out = await page.locator('.pm-suggest').innerText();
  assert.match(out, /Suggested: 2 groups/);
  assert.match(out, /exhaustive search/);
  assert.match(out, /Basingstoke and Deane, Hart, Rushmoor/, 'the North Hampshire districts stay together');
  await page.getByLabel('Council or partnership').selectOption({ label: 'Hampshire Partnership Executive Board' });
  const stat = await page.locator('.pm-statutory').innerText();
  assert.match(stat, /NHS Frimley Integrated Care Board — \d+% of its people live in the area; not a member/);
  assert.match(stat, /Missing: .*NHS Frimley Integrated Care Board/);
  await page.locator('.pm-statutory').scrollIntoViewIfNeeded();
  await shot(page, 'map-suggest-statutory', false);
});

test('the as-at date changes what is shown', async () => {
  const { page } = await h.page();
  await ready(page);
  const ids = () => page.locator('g.pm-node').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.ok((await ids()).includes('icb-frimley'));
  await page.getByLabel('As at').fill('2010-06-01');
  await page.getByLabel('As at').dispatchEvent('change');
  await page.waitForFunction(() => !document.querySelector('partnership-map').shadowRoot.querySelector('[data-id="icb-frimley"]'));
  const then = await ids();
  assert.ok(!then.includes('icb-hiow') && !then.includes('pcc'), 'no ICBs or PCC in 2010');
  await openGroups(page);
  const findings = await page.locator('.pm-findings').innerText();
  assert.doesNotMatch(findings, /Hart is split/);
  assert.match(findings, /Target NI 116/, 'the 2008–11 LAA is in force');
  await shot(page, 'as-at-2010', false);
  await page.getByLabel('As at').fill('2024-06-01');
  await page.getByLabel('As at').dispatchEvent('change');
  await page.waitForSelector('.pm [data-id="icb-frimley"]');
  assert.doesNotMatch(await page.locator('.pm-findings').innerText(), /Target NI 116/, 'the LAA has ended');
  // Exports keep everything, whatever the date.
  const full = JSON.parse(await el(page).evaluate((e) => e.toJSON()));
  // Every agreement in the demo file, whatever its dates (the 2008–11 LAA among them).
  const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo/hampshire.json'), 'utf8'));
  assert.equal(full.agreements.length, demo.agreements.length);
  assert.ok(full.agreements.some((a) => a.id === 'laa-2008'), 'the LAA is kept');
});

test('reorganisation: stale codes are flagged with their replacements, and their impact listed', async () => {
  const { page } = await h.page({ path: '/#view=map' });
  await mapReady(page);
  const fixture = fs.readFileSync(path.join(ROOT, 'tests/e2e/fixtures/cumbria-2022.json'), 'utf8');
  const r = await el(page).evaluate((e, t) => e.load(t), fixture);
  assert.equal(r.ok, true);
  const stale = r.diagnostics.filter((d) => d.code === 'stale-code');
  assert.equal(stale.length, 6);
  assert.match(stale.find((d) => d.value === 'E07000026').message, /replaced in 2023 by E06000063 \(Cumberland\)/);
  const cards = page.locator('.pm-reorg [data-stale]');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 6);
  const allerdale = await page.locator('.pm-reorg [data-stale="E07000026"]').innerText();
  assert.match(allerdale, /Allerdale \(E07000026\) → Cumberland \(E06000063\), 2023/);
  assert.match(allerdale, /Cumbria Strategic Partnership/);
  assert.match(allerdale, /Cumbria Local Area Agreement/);
  assert.match(allerdale, /Household waste collection/);
  await page.locator('.pm-reorg').scrollIntoViewIfNeeded();
  await shot(page, 'reorganisation-impact', false);
});

test('all of England loads and is analysed in the browser', async () => {
  const { page, errors } = await h.page({ path: '/embed.html?src=/england.json&view=map' });
  await mapReady(page);
  assert.equal(await page.locator('[data-area]').count(), 296);
  const map = JSON.parse(await el(page).evaluate((e) => e.toJSON()));
  const count = (k) => map.bodies.filter((b) => b.kind === k).length;
  assert.deepEqual([count('police_force'), count('fire_authority'), count('icb'), count('combined_authority')], [39, 44, 42, 10]);
  assert.ok(count('community_safety_partnership') > 250);
  // 745 bodies: the findings are worked out in the worker and arrive after the map.
  const findings = await whenAnalysed(page);
  assert.ok(findings > 10, `national findings (${findings})`);
  const t = await page.evaluate(() => ({
    load: Math.round(performance.getEntriesByName('pm:load')[0]?.duration ?? -1),
    firstRender: Math.round(performance.getEntriesByName('pm:first-render')[0]?.startTime ?? -1),
  }));
  console.log(`# figures: England (296 areas, ${map.bodies.length} bodies): load+validate+layout ${t.load} ms (the analyses run in the worker) in Chromium; page ready ${t.firstRender} ms; ${findings} findings`);
  assert.ok(t.load > 0 && t.load < 20000, `national load time (${t.load} ms)`);
  assert.deepEqual(errors.filter((e) => !/favicon|404/.test(e)), []);
  await shot(page, 'england-map', false);
});
