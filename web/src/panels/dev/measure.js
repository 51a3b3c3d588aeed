/*
 * measure.js — how long the panels take to redraw in real (headless)
 * Chromium: builds the dev page, opens it with playwright-core, makes a
 * heap of N objects and times panels.update(snapshot) (median of runs),
 * the snapshot itself, and a scroll of the object table.  Prints figures;
 * asserts nothing (the budget is 16 ms for 10,000 objects).
 *   node web/src/panels/dev/measure.js
 */
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
execFileSync(process.execPath, [join(root, 'web/src/panels/dev/build.js')], { stdio: 'ignore' });
const port = 8011;
const server = spawn(process.execPath, [join(root, 'web/src/panels/dev/build.js'), '--serve'], { env: { ...process.env, PORT: String(port) } });
await new Promise((ok) => server.stdout.on('data', (d) => String(d).includes('http://') && ok()));
const executablePath = process.env.CHROMIUM ?? execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://localhost:${port}/?nocompact=1`);
  await page.waitForSelector('body[data-ready]');
  for (const n of [10000, 100000]) {
    const r = await page.evaluate(async (n) => {
      const { run, tracker, panels } = globalThis.dev;
      run(`big = None\nbig = [[] for _ in range(${n})]`);
      const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
      const snaps = [], updates = [], scrolls = [];
      let s;
      for (let i = 0; i < 9; i++) {
        let t = performance.now(); s = structuredClone(tracker.snapshot()); snaps.push(performance.now() - t);
        t = performance.now(); panels.update(s); updates.push(performance.now() - t);
      }
      const vp = document.querySelector('.hl-viewport');
      for (let i = 0; i < 9; i++) {
        const t = performance.now(); vp.scrollTop = (i + 1) * 2600; vp.dispatchEvent(new Event('scroll')); scrolls.push(performance.now() - t);
      }
      /* A sort by refcount: rebuild of the view order. */
      const t = performance.now(); document.querySelector('[data-sort="refcount"]').click(); const sort = performance.now() - t;
      document.querySelector('[data-sort="refcount"]').click(); document.querySelector('[data-sort="refcount"]').click();
      return { objects: s.objects.count, snapshot: med(snaps), update: med(updates), scroll: med(scrolls), sort };
    }, n);
    console.log(`${r.objects} objects: snapshot()+clone ${r.snapshot.toFixed(1)} ms · panels.update ${r.update.toFixed(1)} ms · `
      + `table scroll ${r.scroll.toFixed(2)} ms · sort by refcount ${r.sort.toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  server.kill();
}
