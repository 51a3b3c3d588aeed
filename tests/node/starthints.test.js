/*
 * starthints.test.js — the start-up hints the build adds to the module
 * (wasm/starthints.js): one hint per defined function, the functions a cold
 * start runs marked eager (fewer than half of them), and the site's copy
 * without the section but otherwise the same module.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { sections, uleb, withoutStartHints } from '../../wasm/starthints.js';
import { ROOT } from './helpers.js';

const bytes = readFileSync(`${ROOT}/build/wasm/heaplab.wasm`);

test('the module marks the functions a cold start runs, before its code section', () => {
  const all = sections(bytes);
  const hints = all.find((s) => s.name === 'compilationHints');
  assert.ok(hints, 'a compilationHints section');
  assert.ok(all.indexOf(hints) < all.findIndex((s) => s.id === 10), 'before the code section');
  const [functions] = uleb(bytes, all.find((s) => s.id === 3).body);
  const [count, at] = uleb(bytes, hints.payload);
  assert.equal(count, functions, 'one hint per defined function');
  const values = bytes.subarray(at, hints.end);
  assert.equal(values.length, count);
  assert.deepEqual([...new Set(values)].sort(), [0x00, 0x06], 'V8\'s default, or eager in Liftoff');
  const eager = values.filter((v) => v === 0x06).length;
  assert.ok(eager > 200 && eager < count / 2, `${eager} of ${count} eager`);
});

test('the site\'s copy is the same module without the hints', async () => {
  const site = withoutStartHints(bytes);
  const hints = sections(bytes).find((s) => s.name === 'compilationHints');
  assert.deepEqual(site, Buffer.concat([bytes.subarray(0, hints.start), bytes.subarray(hints.end)]));
  assert.ok(!sections(site).some((s) => s.name === 'compilationHints'));
  assert.ok(WebAssembly.validate(site));
  assert.equal(withoutStartHints(site), site, 'nothing more to strip');
});
