/*
 * site.test.js — the notebook site in headless Chromium: the index, every
 * seed notebook run with "Run all" and checked against its stored outputs,
 * the heap panels, Stop, MemoryError, .ipynb save and open, the embed demo,
 * markdown and output that try to run script, and screenshots at desktop
 * and phone size (printed paths, under build/test-output/web/).
 *
 * Stored outputs: a seed notebook's code cells' `outputs`; while a notebook
 * has none stored (never executed), the Node CLI's `notebook run` gives
 * them instead, so the test still compares the page with the Node build.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, root, outputDir, normalise, cellOutputs, settled } from './harness.js';
import { outputText, parseNotebook } from '../../wasm/nbformat.js';

let h;
before(async () => { h = await start(); });
after(async () => { await h?.close(); });

const seeds = readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();

function storedNotebook(file) {
  const nb = parseNotebook(readFileSync(join(root, 'notebooks', file), 'utf8'), file);
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  if (code.some((c) => c.execution_count != null || c.outputs?.length)) return nb;
  const refDir = join(outputDir, 'reference');
  mkdirSync(refDir, { recursive: true });
  console.log(`# ${file} has no stored outputs: comparing with the Node CLI's (notebook run)`);
  execFileSync(process.execPath, ['--stack-size=4000', join(root, 'wasm/cli.js'), 'notebook', 'run',
    join(root, 'notebooks', file), '--output', join(refDir, file)]);
  /* The CLI's kernel folder is the notebook's (an absolute path, in `_dh`);
   * the page's is a fixed '/notebooks'. */
  const text = readFileSync(join(refDir, file), 'utf8').replaceAll(JSON.stringify(join(root, 'notebooks')).slice(1, -1), '/notebooks');
  return parseNotebook(text, file);
}

const expectedOutputs = (nb) => nb.cells.filter((c) => c.cell_type === 'code')
  .map((c) => (c.outputs ?? []).map((o) => outputText(o)).map(([kind, text]) => [kind, normalise(text)]));
const actualOutputs = async (page) => (await cellOutputs(page)).map((os) => os.map(([k, t]) => [k, normalise(t)]));

/* A seed notebook by name, or the blank one without. */
async function openNotebook(page, name) {
  await page.goto(`${h.url}notebook.html${name ? `?nb=${name}` : ''}`);
  await page.waitForFunction(() => document.body.dataset.kernel === 'idle', null, { timeout: 30000 });
}

/* Types into the last code cell's editor and runs it with the key given. */
async function typeAndRun(page, text, key = 'Shift+Enter') {
  await page.locator('.hl-code-cell .cm-content').last().click();
  await page.keyboard.type(text);
  await page.keyboard.press(key);
}

test('the index lists every seed notebook by title', async () => {
  const page = await h.page();
  await page.goto(h.url);
  const links = await page.$$eval('.notebooks a', (as) => as.map((a) => [a.getAttribute('href'), a.firstChild.textContent]));
  assert.equal(links.length, seeds.length);
  for (const [href, title] of links) {
    assert.match(href, /^notebook\.html\?nb=[\w.-]+$/);
    assert.ok(title.trim().length > 3, `a title for ${href}`);
  }
  await page.click('.notebooks a >> nth=0');
  await page.waitForSelector('.hl-code-cell');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const file of seeds) {
  const name = file.replace(/\.ipynb$/, '');
  test(`Run all: ${name} gives its stored outputs`, async () => {
    const want = expectedOutputs(storedNotebook(file));
    const page = await h.page();
    await openNotebook(page, name);
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await settled(page, 120000);
    const got = await actualOutputs(page);
    assert.equal(got.length, want.length, 'code cells');
    for (let i = 0; i < want.length; i++) assert.deepEqual(got[i], want[i], `code cell ${i + 1} of ${file}`);
    const counts = await page.$$eval('.hl-code-cell .hl-prompt', (ps) => ps.map((p) => p.textContent));
    assert.ok(counts.every((c) => /^\[(\d+| )\]$/.test(c)), `execution counts: ${counts}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('panels: thresholds 700/10/10, and the cycle in "would collect" before gc.collect()', async () => {
  const page = await h.page();
  await openNotebook(page, seeds[0].replace(/\.ipynb$/, ''));
  const threshold = (g) => page.textContent(`[data-panel="generations"] [data-gen="${g}"] [data-field="threshold"]`);
  assert.deepEqual([await threshold(0), await threshold(1), await threshold(2)].map((t) => t.trim()), ['700', '10', '10']);
  /* Run the cells before the first gc.collect() one by one. */
  const sources = await page.$$eval('.hl-code-cell .cm-content', (cs) => cs.map((c) => c.textContent));
  const stop = sources.findIndex((s) => s.includes('gc.collect('));
  assert.ok(stop > 0, 'the notebook calls gc.collect()');
  for (let i = 0; i < stop; i++) await page.locator('.hl-code-cell .hl-run-cell').nth(i).click();
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-panel="would-collect"] [data-object-id]').length > 0, null, { timeout: 5000 });
  assert.ok(await page.locator('[data-panel="would-collect"] [data-object-id]').count() > 0);
  await page.locator('.hl-code-cell .hl-run-cell').nth(stop).click();
  await settled(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Stop interrupts while True: pass within 200 ms and keeps the heap', async () => {
  const page = await h.page();
  await openNotebook(page);
  await typeAndRun(page, 'kept = [1, 2, 3]');
  await typeAndRun(page, 'while True: pass');
  await page.waitForSelector('.hl-code-cell[data-state=running]');
  await page.waitForTimeout(300);
  const elapsed = await page.evaluate(() => new Promise((resolve) => {
    const cell = document.querySelectorAll('.hl-code-cell')[1];
    const t0 = performance.now();
    const seen = () => cell.querySelector('[data-output=error]')?.textContent.includes('KeyboardInterrupt');
    new MutationObserver((_, obs) => { if (seen()) { obs.disconnect(); resolve(performance.now() - t0); } })
      .observe(cell, { subtree: true, childList: true, characterData: true });
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Stop').click();
  }));
  console.log(`# Stop → KeyboardInterrupt shown in ${elapsed.toFixed(1)} ms`);
  assert.ok(elapsed < 200, `KeyboardInterrupt after ${elapsed} ms`);
  await settled(page);
  await typeAndRun(page, '1+1');
  await typeAndRun(page, 'kept', 'Control+Enter');
  await settled(page);
  const out = await cellOutputs(page);
  assert.deepEqual(out[2], [['result', '2']]);
  assert.deepEqual(out[3], [['result', '[1, 2, 3]']]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a runaway allocation ends in MemoryError and the page keeps working', async () => {
  const page = await h.page();
  await openNotebook(page);
  await page.evaluate(() => window.heaplabPage.setSource(0, 'x = []\nwhile True: x.append([0] * 1000)'));
  await page.locator('.hl-run-cell').first().click();
  await settled(page, 120000);
  const [out] = await cellOutputs(page);
  assert.equal(out.length, 1);
  assert.match(out[0][1], /MemoryError/);
  assert.match(out[0][1], /while True: x\.append\(\[0\] \* 1000\)/, 'the traceback shows the line');
  /* The same heap goes on: the next cell frees what filled it. */
  await page.evaluate(() => window.heaplabPage.setSource(0, 'n = len(x)\ndel x\nn > 1000'));
  await page.locator('.hl-code-cell .cm-content').first().click();
  await page.keyboard.press('Control+Enter');
  await settled(page);
  assert.deepEqual((await cellOutputs(page))[0], [['result', 'True']]);
  /* Restart gives a fresh heap. */
  await page.getByRole('button', { name: 'Restart', exact: true }).first().click();
  await page.waitForFunction(() => document.body.dataset.kernel === 'idle');
  await page.evaluate(() => window.heaplabPage.setSource(0, '1+1'));
  await page.locator('.hl-code-cell .cm-content').first().click();
  await page.keyboard.press('Control+Enter');
  await settled(page);
  assert.deepEqual((await cellOutputs(page))[0], [['result', '2']]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('.ipynb save (download) and open (file chooser) round trip; a bad file is one clear line', async () => {
  const page = await h.page();
  const name = seeds[2].replace(/\.ipynb$/, '');
  await openNotebook(page, name);
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await settled(page);
  const shown = await cellOutputs(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), `${name}.ipynb`);
  const saved = join(outputDir, `saved-${name}.ipynb`);
  await download.saveAs(saved);
  const nb = parseNotebook(readFileSync(saved, 'utf8'));
  assert.equal(nb.nbformat, 4);
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  assert.deepEqual(code.map((c) => c.outputs.map(outputText)), shown);
  assert.ok(code.every((c) => Number.isInteger(c.execution_count)));
  assert.ok(code.some((c) => c.outputs.some((o) => o.output_type === 'execute_result')));

  const fresh = await h.page();
  await fresh.goto(`${h.url}notebook.html`);
  const [chooser] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(saved);
  await fresh.waitForFunction((n) => document.querySelectorAll('.hl-code-cell').length === n, code.length);
  assert.deepEqual(await cellOutputs(fresh), shown);
  assert.equal(await fresh.textContent('#title'), await page.textContent('#title'));

  const bad = join(outputDir, 'not-a-notebook.ipynb');
  writeFileSync(bad, '{"cells": 3, "nbformat": 4}');
  const [chooser2] = await Promise.all([fresh.waitForEvent('filechooser'), fresh.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser2.setFiles(bad);
  await fresh.waitForSelector('#message.error:not([hidden])');
  const message = await fresh.textContent('#message');
  assert.match(message, /not-a-notebook\.ipynb is not an nbformat-4 notebook/);
  assert.ok(!message.includes('\n'));
  await fresh.locator('.hl-code-cell .hl-run-cell').first().click(); // the page still works
  await settled(fresh);
  assert.deepEqual([...page.errors, ...fresh.errors], []);
  await page.context().close();
  await fresh.context().close();
});

test('cells: markdown edited and rendered, code and text cells inserted and deleted, all saved', async () => {
  const page = await h.page();
  await openNotebook(page, seeds[4].replace(/\.ipynb$/, ''));
  const before = await page.$$eval('.hl-cell', (cs) => cs.length);
  const m = await page.$$eval('.hl-cell', (cs) => cs.findIndex((c) => c.classList.contains('hl-markdown-cell')));
  const cell = (i) => page.locator('.hl-cell').nth(i);
  /* Edit the first markdown cell: double-click, replace, Ctrl-Enter. */
  await cell(m).locator('.hl-markdown').dblclick();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('## Edited *here*\n\n<b onmouseover="window.__pwned = 1">bold</b><script>window.__pwned = 1</script>');
  await page.keyboard.press('Control+Enter');
  await cell(m).locator('h2 em').waitFor();
  assert.equal(await cell(m).locator('h2').textContent(), 'Edited here');
  assert.equal(await cell(m).locator('b').getAttribute('onmouseover'), null);
  await cell(m).locator('b').hover();
  /* Insert a code cell after it and run it; insert a text cell after that;
   * save; delete the code cell. */
  await cell(m).hover();
  await cell(m).getByRole('button', { name: '+ Code' }).click();
  await page.keyboard.type('inserted = [1, 2]\nlen(inserted)');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  assert.equal(await cell(m + 1).locator('[data-output=result]').textContent(), '2');
  await cell(m + 1).getByRole('button', { name: '+ Text' }).click();
  await page.keyboard.type('A *new* note');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await cell(m + 2).locator('.hl-markdown em').textContent(), 'new');
  assert.equal(await page.$$eval('.hl-cell', (cs) => cs.length), before + 2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  const nb = parseNotebook(readFileSync(await download.path(), 'utf8'));
  assert.equal(nb.cells.length, before + 2);
  assert.match(nb.cells[m].source.join(''), /^## Edited \*here\*/);
  assert.deepEqual([nb.cells[m + 1].cell_type, nb.cells[m + 1].source.join('')], ['code', 'inserted = [1, 2]\nlen(inserted)']);
  assert.deepEqual(nb.cells[m + 1].outputs.map(outputText), [['result', '2']]);
  assert.deepEqual([nb.cells[m + 2].cell_type, nb.cells[m + 2].source.join('')], ['markdown', 'A *new* note']);
  await cell(m + 1).hover();
  await cell(m + 1).getByRole('button', { name: 'Delete' }).click();
  assert.equal(await page.$$eval('.hl-cell', (cs) => cs.length), before + 1);
  assert.equal(await cell(m + 1).locator('.hl-markdown em').textContent(), 'new');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('command mode: Escape, then B inserts, M makes text, Y code again, D D deletes (Jupyter\'s keys)', async () => {
  const page = await h.page();
  await openNotebook(page, seeds[4].replace(/\.ipynb$/, ''));
  const count = () => page.$$eval('.hl-cell', (cs) => cs.length);
  const kinds = () => page.$$eval('.hl-cell', (cs) => cs.map((c) => (c.classList.contains('hl-code-cell') ? 'code' : 'text')));
  const n = await count();
  const before = await kinds();
  await page.locator('.hl-code-cell .cm-content').first().click();
  await page.keyboard.press('Escape');
  const focusedIndex = () => page.evaluate(() => [...document.querySelectorAll('.hl-cell')].indexOf(document.activeElement));
  const i = await focusedIndex();
  assert.ok(i >= 0, 'Escape focuses the cell');
  await page.keyboard.press('b');
  assert.equal(await count(), n + 1);
  assert.equal(await focusedIndex(), i + 1);
  await page.keyboard.press('m');
  assert.deepEqual((await kinds())[i + 1], 'text');
  await page.keyboard.press('y');
  assert.deepEqual((await kinds())[i + 1], 'code');
  await page.keyboard.press('Enter');
  await page.keyboard.type('7 * 6');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  await settled(page);
  assert.equal(await page.locator('.hl-cell').nth(i + 1).locator('[data-output=result]').textContent(), '42');
  await page.keyboard.press('d');
  assert.equal(await count(), n + 1, 'one D deletes nothing');
  await page.keyboard.press('d');
  assert.equal(await count(), n);
  assert.deepEqual(await kinds(), before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the embed demo: live cells sharing one runtime', async () => {
  const page = await h.page();
  await page.goto(`${h.url}embed-demo.html`);
  await page.waitForSelector('.heaplab-embed');
  const cells = page.locator('.heaplab-embed');
  assert.equal(await cells.count(), 3);
  await page.waitForFunction(() => document.querySelector('.heaplab-embed').dataset.state === 'done', null, { timeout: 30000 });
  assert.equal(await cells.nth(0).locator('.hl-embed-panel').count(), 0, 'data-heaplab-panel="off"');
  await cells.nth(1).getByRole('button', { name: 'Run this cell' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.heaplab-embed')[1].dataset.state === 'done');
  assert.match(await cells.nth(1).locator('[data-output=stdout]').textContent(), /references to a/); // Node from the setup cell: one runtime
  await cells.nth(2).getByRole('button', { name: 'Run this cell' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.heaplab-embed')[2].dataset.state === 'done');
  assert.ok(Number(await cells.nth(2).locator('[data-output=result]').textContent()) > 0, 'gc.collect() found the cycle');
  assert.ok(await cells.nth(2).locator('.hl-embed-panel').count() === 1);
  const shot = join(outputDir, 'embed-demo.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`# screenshot: ${shot}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('markdown and output carrying <script> and onerror= payloads run nothing', async () => {
  const payloads = ['<script>window.__pwned = "script"</script>', '<img src=x onerror="window.__pwned = \'img\'">',
    '<svg onload="window.__pwned = \'svg\'"></svg>', '<a href="javascript:window.__pwned=1">link</a>'];
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [
      { cell_type: 'markdown', metadata: {}, source: `# Payloads\n\n${payloads.join('\n\n')}\n` },
      { cell_type: 'code', metadata: {}, execution_count: 1, source: 'x = 1',
        outputs: [{ output_type: 'stream', name: 'stdout', text: payloads }] },
      { cell_type: 'code', metadata: {}, execution_count: null, outputs: [],
        source: payloads.map((p) => `print(${JSON.stringify(p)})`).join('\n') + `\n${JSON.stringify(payloads[1])}` },
    ],
  };
  const file = join(outputDir, 'payloads.ipynb');
  writeFileSync(file, JSON.stringify(nb));
  const page = await h.page();
  await page.goto(`${h.url}notebook.html`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open', exact: true }).click()]);
  await chooser.setFiles(file);
  await page.waitForSelector('.hl-markdown-cell h1');
  await page.waitForFunction(() => document.body.dataset.kernel === 'idle');
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await settled(page);
  await page.click('.hl-markdown-cell a').catch(() => {});
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('.hl-markdown-cell script, .hl-markdown-cell [onerror], .hl-markdown-cell [onload]').count(), 0);
  const out = await cellOutputs(page);
  assert.ok(out[1].some(([, text]) => text.includes(payloads[1])), 'the payload is shown as text');
  assert.equal(await page.locator('.hl-outputs img, .hl-outputs script').count(), 0);
  await page.context().close();
});

test('screenshots at 1280×800 and 375×812', async () => {
  for (const [label, viewport] of [['desktop-1280x800', { width: 1280, height: 800 }], ['phone-375x812', { width: 375, height: 812 }]]) {
    const page = await h.page({ viewport, deviceScaleFactor: 1 });
    await openNotebook(page, seeds[0].replace(/\.ipynb$/, ''));
    await page.getByRole('button', { name: 'Run all', exact: true }).click();
    await settled(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `no horizontal scrolling at ${viewport.width} px (page is ${width} px wide)`);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      const path = join(outputDir, `notebook-${label}-${theme}.png`);
      await page.screenshot({ path });
      console.log(`# screenshot: ${path}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
