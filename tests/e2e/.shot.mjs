import { start, shot } from '/work/wt-ui/tests/e2e/harness.mjs';
const [p = '/', name = 'x', w = '1280', hgt = '800', wait = '3000'] = process.argv.slice(2);
const h = await start();
const { page, errors } = await h.page({ path: p, width: +w, height: +hgt });
await page.waitForTimeout(+wait);
console.log(await shot(page, name, false));
console.log(errors.join('\n'));
await h.close();
