/*
 * corpus.test.js — the differential corpus (tests/cases, recorded from
 * CPython 3.11) and the robustness scripts (tests/robustness) through the
 * wasm build, held to what tests/tools/run-cases and run-robustness ask of
 * the native build.
 *
 * Each case runs as a script in a fresh runtime (the bridge, output
 * captured), with its absolute path as the file name as `heaplab --audit
 * NAME.py` in tests/cases gives it; then the heap audit.  stdout and stderr
 * must equal NAME.out and NAME.err after run-cases' normalisation, and the
 * exit status must be 1 with a .err file, else 0 (3 if the audit fails).
 * Each robustness script must print "alive" last, exit 0 and pass the
 * audit: in WebAssembly, recursion past the engine's stack must still end
 * in RecursionError, and a full heap in MemoryError, never a trap.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { load } from '../../wasm/heaplab.js';
import { CASES, ROOT, expected, normalise } from './helpers.js';

async function runScript(path) {
  const rt = await load({ events: false });
  /* As run-cases runs a case: `heaplab NAME.py` in tests/cases. */
  const r = rt.run(readFileSync(path), { mode: 'script', filename: path, argv: [path.split('/').at(-1)] });
  const report = rt.audit();
  return { stdout: r.stdout, stderr: r.stderr + (report ? 'heaplab: heap audit failed:\n' + report : ''), status: report ? 3 : r.exitStatus };
}

test('corpus: tests/cases through the wasm build, as run-cases checks the native one', async (t) => {
  const names = readdirSync(CASES).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();
  assert.ok(names.length > 300, 'the corpus is there');
  for (const name of names) {
    await t.test(name, async () => {
      const got = await runScript(`${CASES}/${name}.py`);
      const want = expected(name);
      assert.equal(normalise(got.stdout), want.stdout, 'stdout');
      assert.equal(normalise(got.stderr), want.stderr, 'stderr');
      assert.equal(got.status, want.status, 'exit status');
    });
  }
});

test('robustness: tests/robustness through the wasm build', async (t) => {
  const dir = `${ROOT}/tests/robustness`;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    await t.test(name, async () => {
      const got = await runScript(`${dir}/${name}`);
      assert.equal(got.stdout.trimEnd().split('\n').at(-1), 'alive', got.stdout + got.stderr);
      assert.equal(got.status, 0, got.stderr);
    });
  }
});
