#!/usr/bin/env node
/*
 * onesegment.js — a build step: the module's initial memory as one data
 * segment.
 *
 *   node wasm/onesegment.js MODULE.wasm
 *
 * Why.  binaryen's optimizer cuts the static data into a segment per run of
 * nonzero bytes (about 900: the type objects, method tables and strings of
 * the runtime, with zeros between), which makes the file smallest before
 * compression.  The module is downloaded gzipped, though, and there the
 * segments' headers cost more than the zeros between them, which gzip
 * shrinks to almost nothing: one segment spanning them all is 15 KB larger
 * raw and about 3 KiB smaller gzipped.  Memory starts out zero-filled, so
 * the module means the same.
 *
 * How.  Every segment must be active, in memory 0, at a constant address
 * (what the C toolchain emits; anything else is refused).  The bytes from
 * the lowest address to the highest end become one segment at the lowest
 * address, and the data-count section (bulk memory) says 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeUleb, sections, uleb } from './starthints.js';

function sleb(bytes, pos) {
  let value = 0, shift = 0, b;
  do { b = bytes[pos++]; value |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return [shift < 32 && b & 0x40 ? value | (-1 << shift) : value, pos];
}

function encodeSleb(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

function section(id, payload) {
  return Buffer.concat([Buffer.from([id, ...encodeUleb(payload.length)]), payload]);
}

function main(path) {
  const bytes = readFileSync(path), all = sections(bytes);
  const data = all.find((s) => s.id === 11);
  if (!data) return;
  let [count, pos] = uleb(bytes, data.body);
  const segments = [];
  for (let i = 0; i < count; i++) {
    let kind, address, size;
    [kind, pos] = uleb(bytes, pos);
    if (kind !== 0 || bytes[pos] !== 0x41) // active in memory 0, at i32.const
      throw new Error(`${path}: data segment ${i} is not at a constant address in memory 0`);
    [address, pos] = sleb(bytes, pos + 1);
    if (bytes[pos++] !== 0x0b) throw new Error(`${path}: data segment ${i}: unexpected offset expression`);
    [size, pos] = uleb(bytes, pos);
    segments.push({ address: address >>> 0, bytes: bytes.subarray(pos, pos + size) });
    pos += size;
  }
  const low = Math.min(...segments.map((s) => s.address));
  const high = Math.max(...segments.map((s) => s.address + s.bytes.length));
  const memory = Buffer.alloc(high - low);
  for (const s of segments) memory.set(s.bytes, s.address - low);
  const one = Buffer.concat([Buffer.from([1, 0, 0x41, ...encodeSleb(low | 0), 0x0b, ...encodeUleb(memory.length)]), memory]);
  const out = [bytes.subarray(0, 8)];
  for (const s of all) {
    if (s.id === 11) out.push(section(11, one));
    else if (s.id === 12) out.push(section(12, Buffer.from([1])));
    else out.push(bytes.subarray(s.start, s.end));
  }
  writeFileSync(path, Buffer.concat(out));
}

if (process.argv.length !== 3) {
  console.error('usage: node wasm/onesegment.js MODULE.wasm');
  process.exit(2);
}
main(process.argv[2]);
