// Shared set-up for the e2e tests: Debian Chromium through playwright-core, a local
// server for dist/, axe-core, request logging and screenshots.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = path.join(ROOT, 'dist');
export const SHOTS = path.join(here, 'screenshots');
const AXE = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];

/** Starts the server and browser; returns helpers. Call `close()` when done. */
export async function start(opts = {}) {
  const { server, url } = await serve(opts.root || DIST, opts);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    url,
    browser,
    async page({ width = 1280, height = 800, path: p = '/', reducedMotion } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion });
      const page = await context.newPage();
      const requests = [];
      const errors = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(url + p);
      return { page, requests, errors, context };
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/** Waits for the widget to render its findings (Playwright's CSS pierces shadow roots). */
export async function ready(page) {
  await page.waitForSelector('.pm [data-finding], .pm [data-finding-group]', { timeout: 20000 });
}

/** Every element in the page, including inside open shadow roots. */
export const ALL_ELEMENTS = `(() => { const out = []; const walk = (root) => { for (const e of root.querySelectorAll('*')) { out.push(e); if (e.shadowRoot) walk(e.shadowRoot); } }; walk(document); return out; })()`;

/** Runs axe-core (WCAG 2.x A/AA rules) and returns the violations. */
export async function axe(page, context = '.pm') {
  await page.addScriptTag({ content: AXE }).catch(async () => {
    // Under a strict CSP, inline scripts are refused: evaluate instead.
    await page.evaluate(AXE);
  });
  return page.evaluate(async (ctx) => {
    // eslint-disable-next-line no-undef
    // axe walks open shadow roots itself; a selector cannot reach into one, so start at the document.
    const r = await axe.run(document.querySelectorAll(ctx).length ? ctx : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, context);
}

/** Opens every group of findings in the widget(s), so each finding is listed. */
export async function openGroups(page, scope = '.pm') {
  await page.evaluate((sel) => {
    const walk = (root) => {
      for (const d of root.querySelectorAll(`${sel} details.pm-finding-group__details`)) if (!d.open) d.open = true;
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(document);
  }, scope);
  await page.waitForTimeout(50);
}

/** Saves a full-page screenshot under tests/e2e/screenshots/NAME.png. */
export async function shot(page, name, fullPage = true) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The number of findings of the widget `selector` once they are known: at once for a small
 * map, or when a large map's arrive from the worker (`findings()` is null until then, and
 * `pm-findings` fires when they come). */
export async function whenAnalysed(page, selector = 'partnership-map') {
  return page.evaluate((sel) => new Promise((res, rej) => {
    const el = document.querySelector(sel);
    const now = el.findings();
    if (now) { res(now.length); return; }
    el.addEventListener('pm-findings', (e) => res(e.detail.count), { once: true });
    setTimeout(() => rej(new Error('no findings within 120 s')), 120000);
  }), selector);
}
