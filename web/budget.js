/*
 * budget.js — the site's budgets, printed (not pass/fail): `make site-budget`.
 *  1. bytes a learner downloads for one notebook, gzipped (target ≤ 400 KiB
 *     with the editor and the .wasm), file by file;
 *  2. time from navigation to the first cell's result in headless Chromium
 *     on localhost (target ≤ 300 ms);
 *  3. time of one panels.update() for a heap of 10,000+ live objects
 *     (target ≤ 16 ms, one frame).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { start, siteDir } from '../tests/web/harness.js';

const KiB = (n) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const notebook = readdirSync(join(siteDir, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()[0];
const files = ['notebook.html', 'theme-boot.js', 'site.css', 'main.js', 'worker.js', 'heaplab.wasm', `notebooks/${notebook}`];
let gz = 0, br = 0, raw = 0;
console.log(`1. one notebook (${notebook}), what the browser downloads:`);
for (const f of files) {
  const bytes = readFileSync(join(siteDir, f));
  const g = gzipSync(bytes, { level: 9 }).length, b = brotliCompressSync(bytes).length;
  gz += g; br += b; raw += bytes.length;
  console.log(`   ${f.padEnd(38)} ${KiB(bytes.length).padStart(11)}  gzip ${KiB(g).padStart(10)}  brotli ${KiB(b).padStart(10)}`);
}
console.log(`   ${'total'.padEnd(38)} ${KiB(raw).padStart(11)}  gzip ${KiB(gz).padStart(10)}  brotli ${KiB(br).padStart(10)}   (target: gzip ≤ 400 KiB)`);

const h = await start();
try {
  const times = [], afterLoad = [];
  for (let i = 0; i < 5; i++) {
    const page = await h.page();
    await page.goto(`${h.url}notebook.html?nb=${notebook.replace(/\.ipynb$/, '')}&run=first`);
    await page.waitForFunction(() => document.body.dataset.firstResult, null, { timeout: 30000 });
    const [first, load] = await page.evaluate(() => [Number(document.body.dataset.firstResult),
      performance.getEntriesByType('navigation')[0].loadEventEnd]);
    times.push(first);
    afterLoad.push(first - load);
    await page.context().close();
  }
  console.log(`2. first cell result: median ${median(times).toFixed(0)} ms after navigation started ` +
    `(${times.map((t) => t.toFixed(0)).join(', ')}), ${median(afterLoad).toFixed(0)} ms after the load event (target ≤ 300 ms)`);

  const page = await h.page();
  await page.goto(`${h.url}notebook.html`);
  await page.waitForFunction(() => document.body.dataset.kernel === 'idle');
  await page.evaluate(() => window.heaplabPage.setSource(0, 'objs = [[i] for i in range(10000)]\nlen(objs)'));
  await page.locator('.hl-run-cell').first().click();
  await page.waitForFunction(() => document.querySelector('[data-output=result]')?.textContent === '10000', null, { timeout: 30000 });
  await page.waitForTimeout(200);
  const { live, runs } = await page.evaluate(() => {
    const { panels, snapshot } = window.heaplabPage;
    const runs = [];
    for (let i = 0; i < 11; i++) {
      const t = performance.now();
      panels.update(snapshot);
      runs.push(performance.now() - t);
    }
    return { live: snapshot.objects?.count ?? snapshot.objects?.id?.length ?? '?', runs };
  });
  console.log(`3. panels.update() with ${live} live objects: median ${median(runs).toFixed(1)} ms, first ${runs[0].toFixed(1)} ms ` +
    `(${runs.length} runs; target ≤ 16 ms)`);
  await page.context().close();
} finally {
  await h.close();
}
