/*
 * notebooks.test.js — the five seed notebooks of notebooks/ against heaplab
 * and against real Jupyter:
 *
 *   - `heaplab notebook check` passes on every notebook: re-executed cell by
 *     cell through the wasm build, each gives the outputs stored in the file
 *     (written by `heaplab notebook run`);
 *   - every code cell that ../shared/seeds/ORACLE.md classes stable, error,
 *     address or no output shows what real Jupyter on CPython 3.11 showed
 *     (kept per cell in metadata.heaplab.jupyter_outputs, copied from the
 *     oracle's recordings by tests/tools/import-seed-notebooks): the same
 *     execution count, streams, displayed text and error (ename, evalue,
 *     traceback without IPython's colours).  Addresses are normalised in
 *     address cells only — hex ones, and decimal ids (6 digits or more:
 *     heaplab's small ints are static data near 150 KB of linear memory,
 *     its heap starts near 8 MB, a 64-bit CPython's near 2^47).
 * Environment cells (kernel state, allocator statistics) are not compared:
 * the notes after them in each notebook say why they differ.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { joinText } from '../../wasm/nbformat.js';
import { CLI, ROOT, run } from './helpers.js';

const DIR = `${ROOT}/notebooks`;
const BOOKS = readdirSync(DIR).filter((f) => f.endsWith('.ipynb')).sort();
const COMPARED = new Set(['stable', 'error', 'address', 'no output']);

const ansi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/* A cell's outputs as one comparable text. */
function view(outputs, address) {
  const norm = address ? (s) => s.replace(/0x[0-9a-fA-F]+/g, '0x…').replace(/\b\d{6,}\b/g, "<id>") : (s) => s;
  return outputs.map((o) => {
    if (o.output_type === 'stream') return `[${o.name}]\n${norm(joinText(o.text))}`;
    if (o.output_type === 'execute_result') return `[result]\n${norm(joinText(o.data['text/plain']))}`;
    if (o.output_type === 'error') return `[error] ${o.ename}: ${norm(o.evalue)}\n${norm(ansi(o.traceback.join('\n')))}`;
    return `[${o.output_type}]`;
  }).join('\n');
}

test('notebooks/: the five seed notebooks are there', () => {
  assert.equal(BOOKS.length, 5);
});

for (const book of BOOKS) {
  test(`${book}: notebook check passes (stored outputs = a fresh run)`, () => {
    const r = run(CLI, ['notebook', 'check', `${DIR}/${book}`]);
    const cells = JSON.parse(readFileSync(`${DIR}/${book}`, 'utf8')).cells.filter((c) => c.cell_type === 'code');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim().split('\n').at(-1), `${cells.length} passed, 0 failed`);
  });

  test(`${book}: stable, error, address and no-output cells show what real Jupyter showed`, () => {
    const cells = JSON.parse(readFileSync(`${DIR}/${book}`, 'utf8')).cells.filter((c) => c.cell_type === 'code');
    let compared = 0;
    for (const [i, cell] of cells.entries()) {
      const h = cell.metadata.heaplab;
      assert.ok(h && h.oracle_class && Array.isArray(h.jupyter_outputs), `${book} cell ${i + 1}: metadata.heaplab`);
      if (!COMPARED.has(h.oracle_class)) continue;
      const what = `${book} code cell ${i + 1} (${h.oracle_class}): ${joinText(cell.source).split('\n')[0]}`;
      assert.equal(cell.execution_count, h.jupyter_execution_count, what);
      const address = h.oracle_class === 'address';
      assert.equal(view(cell.outputs, address), view(h.jupyter_outputs, address), what);
      compared++;
    }
    assert.ok(compared > 0);
  });
}
