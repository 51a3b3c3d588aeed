#!/usr/bin/env node
/*
 * starthints.js — a build step: marks the functions a cold start runs so
 * that V8 compiles them up front instead of one at a time.
 *
 *   node wasm/starthints.js MODULE.wasm INSTRUMENTED.wasm
 *
 * Why.  V8 compiles a module's functions lazily: each on its first call,
 * on the main thread, one at a time.  Starting the runtime and running a
 * first script calls about 450 of its ~2,100 functions, and compiling them
 * that way costs more than half of `heaplab FILE.py`'s start-up.  V8 can
 * instead compile a chosen set eagerly, as one batch spread over its
 * background threads while WebAssembly.compile is pending, when the module
 * carries a "compilationHints" custom section (one byte per function) and
 * the engine runs with --experimental-wasm-compilation-hints; the Node CLI
 * (cli.js) turns that on.  Every other engine skips the section.
 *
 * How.  INSTRUMENTED.wasm is MODULE.wasm after binaryen's
 * `wasm-split --instrument`: the same functions in the same order, each
 * noting when it first runs, and an export __write_profile that writes
 * those notes (an 8-byte module hash, then a 32-bit timestamp per defined
 * function, 0 = never called).  This script loads it through the bridge as
 * the CLI does, runs START_SCRIPT (a short program of the kind a course
 * page starts with, not the budget's print(1)), reads the profile and
 * writes MODULE.wasm back with the section inserted before the code
 * section (where V8 expects it).  Marked functions: eager, Liftoff; the
 * rest: V8's default (lazy, tiering up when hot).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { load } from './heaplab.js';

const START_SCRIPT = `\
import gc, sys

class Node:
    def __init__(self, name):
        self.name = name
        self.children = []

def build(n):
    return [Node(str(i)) for i in range(n)]

nodes = build(10)
index = {node.name: node for node in nodes}
nodes[0].children.append(nodes[1])
print(len(nodes), sys.getrefcount(nodes[0]), f"{len(index)} names", gc.isenabled())
`;

/* Compilation hint byte: strategy in bits 0-1 (0 default, 2 eager),
 * baseline tier in bits 2-3 (1 = Liftoff), top tier in bits 4-5 (0 =
 * default: dynamic tier-up still applies). */
const HINT_DEFAULT = 0x00, HINT_EAGER_LIFTOFF = 0x02 | (1 << 2);

export function uleb(bytes, pos) {
  let value = 0, shift = 0, b;
  do { b = bytes[pos++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [value, pos];
}

export function encodeUleb(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

/* Sections of a module: {id, start (of the id byte), body, end}, and for a
 * custom section its name and where its payload starts. */
export function sections(bytes) {
  const out = [];
  for (let pos = 8; pos < bytes.length;) {
    const [size, body] = uleb(bytes, pos + 1);
    const section = { id: bytes[pos], start: pos, body, end: body + size };
    if (section.id === 0) {
      const [len, at] = uleb(bytes, body);
      section.name = new TextDecoder().decode(bytes.subarray(at, at + len));
      section.payload = at + len;
    }
    out.push(section);
    pos = section.end;
  }
  return out;
}

async function profile(instrumented) {
  const rt = await load({ wasm: instrumented, capture: false, events: false, write: () => {} });
  const result = rt.run(START_SCRIPT, { mode: 'script', filename: '/start.py' });
  if (result.exitStatus !== 0) throw new Error(`the start-up script failed (status ${result.exitStatus})`);
  const room = 1 << 20, ptr = rt.x.hl_wasm_source(room); // the source buffer is free now
  const size = rt.x.__write_profile(ptr, room);
  const view = new DataView(rt.memory.buffer, ptr, size);
  return Array.from({ length: (size - 8) / 4 }, (_, i) => view.getUint32(8 + 4 * i, true) !== 0);
}

const HINTS = 'compilationHints';

/* The module without its hints (the site's copy: browsers compile as they
 * see fit, and the page would only download the section). */
export function withoutStartHints(bytes) {
  const hints = sections(bytes).find((s) => s.name === HINTS);
  return hints ? Buffer.concat([bytes.subarray(0, hints.start), bytes.subarray(hints.end)]) : bytes;
}

async function main(modulePath, instrumentedPath) {
  const bytes = readFileSync(modulePath), all = sections(bytes);
  if (all.some((s) => s.name === HINTS)) throw new Error(`${modulePath} already has compilation hints`);
  const called = await profile(readFileSync(instrumentedPath));
  const count = uleb(bytes, all.find((s) => s.id === 3).body)[0]; // the function section's count
  if (called.length !== count)
    throw new Error(`profile has ${called.length} functions, ${modulePath} ${count}: not the same module`);
  const name = new TextEncoder().encode(HINTS);
  const payload = [...encodeUleb(name.length), ...name, ...encodeUleb(count),
    ...called.map((c) => (c ? HINT_EAGER_LIFTOFF : HINT_DEFAULT))];
  const section = Uint8Array.from([0, ...encodeUleb(payload.length), ...payload]);
  const code = all.find((s) => s.id === 10);
  writeFileSync(modulePath, Buffer.concat([bytes.subarray(0, code.start), section, bytes.subarray(code.start)]));
  console.log(`  HINTS ${called.filter(Boolean).length} of ${count} functions compiled eagerly`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args.length !== 2) {
    console.error('usage: node wasm/starthints.js MODULE.wasm INSTRUMENTED.wasm');
    process.exit(2);
  }
  await main(...args);
}
