#!/usr/bin/env node
/*
 * budget.js — prints the wasm build's budget figures (`make budget`):
 *
 *   size        .wasm + bridge, gzipped (level 9)      budget 150 KiB
 *   cold start  process spawn → first byte of output of `heaplab print1.py`
 *               (cli.js run as installed, and run by `node`), against the
 *               same for a Node script printing 1      budget Node + 10 ms
 *   heap()      one readout with 100,000 live lists    budget 10 ms
 *
 * Timings are medians over several runs on this machine; they are printed,
 * never asserted by a test (a loaded machine would fail it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { load } from './heaplab.js';

const here = new URL('.', import.meta.url);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];

/* Milliseconds from spawn to the first byte on stdout. */
function firstOutput(args, command = process.execPath) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let t;
    child.stdout.once('data', () => { t = performance.now() - t0; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && t !== undefined ? resolve(t) : reject(new Error(`${args.join(' ')}: status ${code}`))));
  });
}

const wasmBytes = readFileSync(new URL('../build/wasm/heaplab.wasm', here));
const bridge = readFileSync(new URL('heaplab.js', here));
const gz = (b) => gzipSync(b, { level: 9 }).length;
const size = gz(wasmBytes) + gz(bridge);
const kib = (n) => (n / 1024).toFixed(1) + ' KiB';
console.log(`size        ${kib(size)} gzipped (.wasm ${kib(gz(wasmBytes))} of ${kib(wasmBytes.length)}, bridge ${kib(gz(bridge))})  budget 150 KiB: ${size <= 150 * 1024 ? 'ok' : 'OVER'}`);

const dir = mkdtempSync(join(tmpdir(), 'heaplab-budget-'));
try {
  writeFileSync(join(dir, 'print1.py'), 'print(1)\n');
  writeFileSync(join(dir, 'print1.mjs'), 'process.stdout.write("1\\n");\n');
  /* The command as installed runs through cli.js's first line, which gives
   * V8 a 4 MB stack (CPython's recursion depth through dunder methods); any
   * V8 flag on Node's command line costs Node part of its own start-up
   * (its built-in code cache no longer applies), so the same script is also
   * timed with `node cli.js` (V8's default stack). */
  const cli = new URL('cli.js', here).pathname, runs = 15, node = [], installed = [], plain = [];
  for (let i = 0; i < runs; i++) {
    node.push(await firstOutput([join(dir, 'print1.mjs')]));
    installed.push(await firstOutput([join(dir, 'print1.py')], cli));
    plain.push(await firstOutput([cli, join(dir, 'print1.py')]));
  }
  const [n, h, p] = [median(node), median(installed), median(plain)];
  const verdict = (d) => `budget +10 ms: ${d <= 10 ? 'ok' : 'OVER'}`;
  console.log(`cold start  heaplab print1.py: ${h.toFixed(1)} ms to first output (Node alone ${n.toFixed(1)} ms: +${(h - n).toFixed(1)} ms)  ${verdict(h - n)}`);
  console.log(`            node wasm/cli.js print1.py: ${p.toFixed(1)} ms (+${(p - n).toFixed(1)} ms)  ${verdict(p - n)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const rt = await load({ events: false });
/* Tracked objects (lists): the costlier case, each needs its generation. */
rt.run('objs = [[] for _ in range(100000)]', { mode: 'cell' });
const times = [];
let count;
for (let i = 0; i < 11; i++) {
  const t0 = performance.now();
  count = rt.heap().objects.count;
  times.push(performance.now() - t0);
}
const t = median(times);
console.log(`heap()      ${t.toFixed(1)} ms for ${count} live objects  budget 10 ms: ${t <= 10 ? 'ok' : 'OVER'}`);
