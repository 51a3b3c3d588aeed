/*
 * cli.test.js — the `heaplab` command (wasm/cli.js, run through its own
 * first line as npm's bin link runs it) against the native CLI:
 *
 *   - scripts: the corpus cases that fail (tracebacks with absolute paths,
 *     exit status 1) and a sample of the others give the native CLI's
 *     stdout, stderr and status (addresses normalised: the two builds'
 *     heaps start at different addresses), with --audit as run-cases runs;
 *     unreadable files and bad usage as well;
 *   - command lines: -c, -, stdin and sys.argv as python3 recorded them
 *     (tests/command-lines);
 *   - notebooks: `notebook run` on the cell-mode notebooks of tests/ipython
 *     stores, cell by cell, the outputs the native `--notebook` prints;
 *     `notebook check` passes on them, fails with a diff on a changed
 *     output, honours nbval's markers, and reports a malformed file on one
 *     line.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { joinText } from '../../wasm/nbformat.js';
import { CASES, CLI, NATIVE, ROOT, run } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'heaplab-cli-'));
/* Addresses differ between the builds: hex ones, and decimal ids (7 digits
 * or more: wasm heaps start near 8 MB, native ones at 512 MB). */
const norm = (s) => s.replace(/0x[0-9a-fA-F]+/g, '0x…').replace(/\b\d{7,}\b/g, '<id>');
const same = (a, b, what) => assert.deepEqual({ ...a, stdout: norm(a.stdout), stderr: norm(a.stderr) },
  { ...b, stdout: norm(b.stdout), stderr: norm(b.stderr) }, what);

test('scripts: the native CLI\'s outputs and exit statuses', () => {
  const names = readdirSync(CASES).filter((f) => f.endsWith('.py')).sort();
  const failing = names.filter((f) => readdirSync(CASES).includes(f.slice(0, -3) + '.err'));
  const sample = [...failing, ...names.filter((_, i) => i % 12 === 0)];
  assert.ok(failing.length > 10);
  for (const name of sample) same(run(CLI, ['--audit', name], { cwd: CASES }), run(NATIVE, ['--audit', name], { cwd: CASES }), name);
});

test('scripts: output order, unreadable files, usage', () => {
  const path = join(tmp, 'mixed.py');
  writeFileSync(path, 'import sys\nfor i in range(3):\n    print(i)\nprint(undefined)\n');
  same(run(CLI, [path]), run(NATIVE, [path]), 'stdout before a traceback');
  same(run(CLI, ['no-such-file.py'], { cwd: tmp }), run(NATIVE, ['no-such-file.py'], { cwd: tmp }), 'missing file');
  const usage = run(CLI, ['--bogus']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^unknown option --bogus\nusage: heaplab/);
  const help = run(CLI, ['--help']);
  assert.deepEqual([help.status, help.stderr], [0, '']);
  assert.match(help.stdout, /^usage: heaplab/);
});

test('command lines: -c, -, stdin, arguments as python3 takes them (tests/command-lines, recorded from python3)', () => {
  /* Node passes arguments as text: a case with an argument that is not
   * UTF-8 (a lone surrogate) is the native runner's only. */
  const dir = `${ROOT}/tests/command-lines`;
  const cases = JSON.parse(readFileSync(`${dir}/cases.json`, 'utf8'));
  const text = cases.filter((c) => !c.args.some((a) => /[\ud800-\udfff]/.test(a)));
  assert.ok(text.length >= cases.length - 1 && text.length > 15);
  for (const c of text) {
    const r = run(CLI, c.args, { cwd: dir, input: c.stdin ?? '' });
    const strip = (s) => s.split(dir + '/').join('');
    const stderr = c.usage ? strip(r.stderr).split(/(?<=\n)/)[0] : strip(r.stderr);
    assert.deepEqual({ stdout: strip(r.stdout), stderr, status: r.status }, { stdout: c.stdout, stderr: c.stderr, status: c.status },
      `heaplab ${c.args.join(' ')}`);
  }
});

test('scripts: recursion through dunder methods reaches the depth the native CLI reaches', () => {
  /* Each level is several C frames, and in WebAssembly their data lives
   * partly on the engine's stack: cli.js's first line gives V8 4 MB, enough
   * for CPython's recursion limit (with V8's default 984 KiB the runtime's
   * stack guard would stop __add__ at about 600 levels instead of 999). */
  const path = join(tmp, 'dunder_recursion.py');
  writeFileSync(path, `n = 0
class A:
    def __add__(self, other):
        global n
        n += 1
        return A() + other
class G:
    def __getattr__(self, name):
        global n
        n += 1
        return getattr(self, name + "x")
for make in (lambda: A() + 1, lambda: G().a):
    n = 0
    try:
        make()
    except RecursionError as e:
        print(n, e)
`);
  const cli = run(CLI, [path]);
  same(cli, run(NATIVE, [path]), 'depths and messages');
  assert.ok(parseInt(cli.stdout, 10) > 990, cli.stdout);
});

test('scripts: a reader that goes away (| head) ends the run quietly, as SIGPIPE would', async () => {
  const path = join(tmp, 'many.py');
  writeFileSync(path, 'for i in range(10**6):\n    print(i)\n');
  const child = spawn(CLI, [path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(status, 141, stderr);
  assert.equal(stderr, '');
});

/* The native --notebook JSON (traceback as one string) of a notebook. */
const nativeCells = (path, cwd) => JSON.parse(run(NATIVE, ['--notebook', path], { cwd }).stdout);
const asNative = (cell) => ({
  execution_count: cell.execution_count,
  outputs: cell.outputs.map((o) => {
    if (o.output_type === 'stream') return { output_type: 'stream', name: o.name, text: joinText(o.text) };
    if (o.output_type === 'execute_result')
      return { output_type: 'execute_result', execution_count: o.execution_count, data: { 'text/plain': joinText(o.data['text/plain']) } };
    return { output_type: 'error', ename: o.ename, evalue: o.evalue, traceback: [o.traceback.join('\n')] };
  }),
});

test('notebook run: every code cell\'s outputs as the native CLI runs them', () => {
  const dir = `${ROOT}/tests/ipython`;
  const books = readdirSync(dir).filter((f) => f.endsWith('.ipynb'));
  assert.ok(books.length > 0);
  for (const book of books) {
    const out = join(tmp, book);
    const r = run(CLI, ['notebook', 'run', book, '--output', out], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const cells = JSON.parse(readFileSync(out, 'utf8')).cells.filter((c) => c.cell_type === 'code');
    const want = nativeCells(book, dir);
    assert.equal(cells.length, want.length);
    cells.forEach((c, i) => assert.equal(norm(JSON.stringify(asNative(c))), norm(JSON.stringify(want[i])), `${book} cell ${i + 1}`));
    const check = run(CLI, ['notebook', 'check', out], { cwd: dir });
    assert.equal(check.status, 0, check.stdout);
    assert.equal(check.stdout.trim().split('\n').at(-1), `${cells.length} passed, 0 failed`);
  }
});

test('notebook check: a changed output fails with a diff; nbval markers; addresses; in place', () => {
  const nb = {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# title' },
      { cell_type: 'code', metadata: {}, source: ['x = [1, 2]\n', 'print(len(x))'], outputs: [], execution_count: null },
      { cell_type: 'code', metadata: {}, source: 'x', outputs: [], execution_count: null },
      { cell_type: 'code', metadata: {}, source: 'object()', outputs: [], execution_count: null },
      { cell_type: 'code', metadata: { tags: ['nbval-ignore-output'] }, source: 'id(x)', outputs: [], execution_count: null },
      { cell_type: 'code', metadata: {}, source: '1 / 0', outputs: [], execution_count: null },
    ],
    metadata: {}, nbformat: 4, nbformat_minor: 5,
  };
  const path = join(tmp, 'small.ipynb');
  writeFileSync(path, JSON.stringify(nb));
  assert.equal(run(CLI, ['notebook', 'run', path]).status, 0);
  const done = JSON.parse(readFileSync(path, 'utf8'));
  assert.deepEqual(done.cells.slice(1).map((c) => c.execution_count), [1, 2, 3, 4, 5]);
  assert.deepEqual(done.cells[5].outputs[0].ename, 'ZeroDivisionError');
  assert.equal(run(CLI, ['notebook', 'check', path]).stdout, '5 passed, 0 failed\n');

  const changed = structuredClone(done);
  changed.cells[1].outputs[0].text = ['3\n'];
  const shown = changed.cells[3].outputs[0].data['text/plain'];
  changed.cells[3].outputs[0].data['text/plain'] = shown.map((l) => l.replace(/0x[0-9a-f]+/, '0xdeadbeef'));
  assert.notDeepEqual(changed.cells[3].outputs[0].data['text/plain'], shown);
  changed.cells[4].outputs[0].data['text/plain'] = ['12'];
  changed.cells[5].source = '# NBVAL_SKIP\n1 / 0';
  const other = join(tmp, 'changed.ipynb');
  writeFileSync(other, JSON.stringify(changed));
  const r = run(CLI, ['notebook', 'check', other]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /cell 2 \(In \[1\]\): x = \[1, 2\]\n--- stored\n\+\+\+ heaplab\n@@ .* @@\n \[stdout\]\n-3\n\+2\n/);
  assert.equal(r.stdout.trim().split('\n').at(-1), '3 passed, 1 failed');
});

test('notebooks that are not notebooks: one line, status 2', () => {
  const cases = { 'json.ipynb': '{"cells": [', 'v3.ipynb': '{"nbformat": 3, "cells": []}', 'cells.ipynb': '{"nbformat": 4, "cells": {}}',
    'source.ipynb': '{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}' };
  for (const [name, text] of Object.entries(cases)) {
    writeFileSync(join(tmp, name), text);
    for (const cmd of ['run', 'check']) {
      const r = run(CLI, ['notebook', cmd, join(tmp, name)]);
      assert.equal(r.status, 2, name);
      assert.match(r.stderr, /^heaplab: .*\n$/, name);
      assert.equal(r.stdout, '');
    }
  }
  assert.equal(readFileSync(join(tmp, 'v3.ipynb'), 'utf8'), cases['v3.ipynb'], 'run left it untouched');
  assert.equal(run(CLI, ['notebook', 'check', join(tmp, 'missing.ipynb')]).status, 2);
});
