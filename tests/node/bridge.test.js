/*
 * bridge.test.js — the JavaScript bridge (wasm/heaplab.js) against the
 * runtime itself: what a cell or a script prints is compared with the
 * native CLI or with what the same runtime reports from Python (repr,
 * sys.getrefcount, sys.getsizeof, gc.get_referents, gc.collect()), never
 * with values typed here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { load } from '../../wasm/heaplab.js';
import { NATIVE, RECURSION_CASES, ROOT, run } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'heaplab-bridge-'));
const ints = (text) => text.trim().split(/\s+/).map(Number);

test('load: every import of the module is implemented, the layout table is complete', async () => {
  const rt = await load();
  assert.deepEqual(rt.unknownImports, []);
  for (const s of ['hl_hv_object', 'hl_hv_pool', 'hl_event', 'hl_wasm_heap']) assert.ok(rt.L.structs[s].size > 0, s);
});

test('cell mode: outputs, display, errors, one namespace, execution counts', async () => {
  const rt = await load();
  let r = rt.run('x = [1, 2]\nprint("hi")\nx');
  assert.equal(r.stdout, 'hi\n');
  assert.equal(r.display, '[1, 2]');
  assert.equal(r.error, null);
  assert.equal(r.executionCount, 1);
  r = rt.run('x.append(3); x');
  assert.equal(r.display, '[1, 2, 3]');
  assert.equal(r.executionCount, 2);
  r = rt.run('   \n');
  assert.equal(r.executionCount, 2, 'a blank cell is not counted');
  r = rt.run('y = 1\nundefined_name');
  assert.equal(r.error.type, 'NameError');
  assert.equal(r.error.message, "name 'undefined_name' is not defined");
  assert.match(r.error.traceback, /Cell In \[3\], line 2/);
  assert.equal(r.executionCount, 3);
  assert.equal(rt.run('print(y, Out[2])').stdout, '1 [1, 2, 3]\n');
  assert.throws(() => rt.run('1', { mode: 'script' }), /fresh runtime/);
});

test('script mode: the same stdout, stderr and exit status as the native CLI', async () => {
  const sources = {
    'ok.py': 'import sys\nx = "Hello!"\nprint(sys.getrefcount(x), [1, 2.5, None])\n',
    'fails.py': 'def f():\n    return {}["missing"]\nprint("before")\nf()\n',
    'exits.py': 'import sys\nprint("bye")\nsys.exit(3)\n',
  };
  for (const [name, source] of Object.entries(sources)) {
    const path = join(tmp, name);
    writeFileSync(path, source);
    const rt = await load();
    const r = rt.run(source, { mode: 'script', filename: path });
    const native = run(NATIVE, [path]);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, status: r.exitStatus }, native, name);
    assert.throws(() => rt.run('print(1)', { mode: 'script', filename: path }), /shut down/);
    await rt.reset();
    assert.equal(rt.run(source, { mode: 'script', filename: path }).stdout, native.stdout, 'after reset()');
  }
});

test('script mode: a file or a -c string, with sys.argv (as python3 recorded them in tests/command-lines)', async () => {
  const dir = `${ROOT}/tests/command-lines`;
  const cases = JSON.parse(readFileSync(`${dir}/cases.json`, 'utf8'));
  const file = cases.find((c) => c.args[0] === 'argv.py' && c.args.length > 2 && c.status === 0);
  const command = cases.find((c) => c.args[0] === '-c' && c.args.length > 2 && c.status === 0 && !/[\ud800-\udfff]/.test(c.args.join('')));
  const rt = await load();
  let r = rt.run(readFileSync(`${dir}/argv.py`), { mode: 'script', filename: `${dir}/argv.py`, argv: file.args });
  assert.deepEqual([r.stdout, r.exitStatus], [file.stdout, 0], 'a file: argv[0] as typed, __file__ absolute');
  await rt.reset();
  r = rt.run(command.args[1], { mode: 'script', argv: ['-c', ...command.args.slice(2)] });
  assert.deepEqual([r.stdout, r.exitStatus], [command.stdout, 0], 'no filename: as python3 -c');
  await rt.reset();
  assert.throws(() => rt.run('1', { mode: 'script', argv: ['a\0b'] }), /without NUL/);
  assert.throws(() => rt.run('1', { mode: 'script', argv: 'x.py' }), /without NUL/);
  assert.equal(rt.run('print(1)', { mode: 'script' }).stdout, '1\n', 'a refused argv leaves the runtime usable');
});

const cells = ['a = []\nb = [a]\na.append(b)\nprint(id(a), id(b))', 'd = {"k": object()}\nprint(id(d), id(d["k"]))',
  'del a, b\nimport gc\nprint(gc.collect())', 's = "x" * 1000\nt = (1, s)\nprint(id(s), id(t))'];

test('addresses: a fresh runtime gives the same ids, and readouts between cells change none of them', async () => {
  const plain = await load();
  const first = cells.map((c) => plain.run(c).stdout);
  await plain.reset();
  assert.deepEqual(cells.map((c) => plain.run(c).stdout), first, 'after reset()');
  const watched = await load();
  const seen = cells.map((c) => {
    const r = watched.run(c).stdout;
    const h = watched.heap();
    for (const id of ints(r).slice(0, 1)) watched.object(id);
    watched.object(h.objects.id[h.objects.count >> 1]);
    watched.wouldCollect();
    watched.events();
    return r;
  });
  assert.deepEqual(seen, first);
});

test('heap(): 10,000 lists move their size class by 10,000 blocks (free list accounted for)', async () => {
  const rt = await load();
  rt.run('import sys');
  const size = +rt.run('sys.getsizeof([])').display;
  const align = rt.L.consts.ALIGNMENT;
  /* n lists, then deleted; the source keeps the same length so that the
   * cell's own bookkeeping is the same for every n. */
  const step = (n) => {
    const h0 = rt.heap();
    rt.run(`lists = [[] for _ in range(${String(n).padStart(5)})]`);
    const h1 = rt.heap();
    rt.run('del lists');
    const type = [...h1.types].find(([, name]) => name === 'list')[0];
    const lists = (h) => h.objects.type.reduce((k, t) => k + (t === type), 0);
    const moved = h0.sizeClasses.map((c, i) => h1.sizeClasses[i].blocks_in_use - c.blocks_in_use);
    return { moved, newLists: lists(h1) - lists(h0), fromFreeList: h0.freeLists.list - h1.freeLists.list };
  };
  const none = step(0), many = step(10000);
  const cls = Math.ceil(size / align) - 1;
  assert.equal(many.newLists - none.newLists, 10000, 'live lists in the object table');
  assert.equal((many.moved[cls] + many.fromFreeList) - (none.moved[cls] + none.fromFreeList), 10000,
    `blocks of the ${rt.heap().sizeClasses[cls].size}-byte class`);
  many.moved.forEach((d, i) => i === cls || assert.ok(Math.abs(d - none.moved[i]) < 100, `class ${i} moved by ${d}`));
});

test('heap(): generations, pools and size classes agree with each other', async () => {
  const rt = await load();
  rt.run('data = [[i, str(i), {i: (i,)}] for i in range(3000)]');
  const h = rt.heap();
  const members = [0, 0, 0, 0];
  h.objects.generation.forEach((g) => { if (g >= 0) members[g]++; });
  assert.deepEqual(members, h.generations.map((g) => g.members));
  const { HL_POOL_USED, HL_POOL_FULL } = rt.L.consts, blocks = h.sizeClasses.map(() => 0);
  for (let i = 0; i < h.pools.count; i++)
    if (h.pools.state[i] === HL_POOL_USED || h.pools.state[i] === HL_POOL_FULL) blocks[h.pools.szidx[i]] += h.pools.ref_count[i];
  assert.deepEqual(blocks, h.sizeClasses.map((c) => c.blocks_in_use));
  assert.equal(h.pools.count, h.arenas.reduce((n, a) => n + a.ntotalpools, 0));
  assert.ok(h.objects.count > 12000 && h.types.get(h.objects.type[0]));
});

test('object(id): repr, refcount, size and references as the runtime reports them', async () => {
  const rt = await load();
  rt.run('import sys, gc\nclass Node:\n    pass\nn = Node()\n' +
    'values = [[1, "a\'b", 2.5, None, (1,), {"k": {3}}, -10**30], "tab\\tquote\\"", {1: [n]}, n, 12345678901, frozenset()]');
  for (let i = 0; i < 6; i++) {
    const r = rt.run(`v = values[${i}]\nprint(id(v), sys.getrefcount(v) - 1, sys.getsizeof(v))\nprint(repr(v))\n` +
      'print(*sorted(id(o) for o in gc.get_referents(v)))\nprint(id(values), id(globals()))');
    const [head, repr, referents, referrers] = r.stdout.split('\n');
    const [id, refcount, size] = ints(head);
    const o = rt.object(id);
    assert.equal(o.repr, repr);
    assert.equal(o.refcount, refcount);
    assert.equal(o.size, size);
    assert.deepEqual([...o.referents].sort((a, b) => a - b), referents ? ints(referents) : []);
    for (const ref of ints(referrers)) assert.ok(o.referrers.includes(ref), 'referrer ' + ref);
  }
  const none = +rt.run('id(None)').display;
  assert.equal(rt.object(none).repr, 'None');
  assert.equal(rt.object(1), null, 'not an object');
});

test('wouldCollect(): a cycle appears until it is collected', async () => {
  const rt = await load();
  const ids = ints(rt.run('class Node:\n    pass\na = Node(); b = Node()\na.other = b; b.other = a\nprint(id(a), id(b))\ndel a, b').stdout);
  const before = rt.wouldCollect();
  for (const id of ids) assert.ok(before.includes(id));
  const collected = +rt.run('import gc\ngc.collect()').display;
  assert.ok(collected >= 2);
  for (const id of ids) assert.ok(!rt.wouldCollect().includes(id));
  assert.equal(rt.audit(), null);
});

test('events(): allocations, frees, collections, finalizers and weakref callbacks', async () => {
  const rt = await load();
  rt.run('import gc, weakref\nclass F:\n    def __del__(self):\n        pass\nclass W:\n    pass');
  rt.events();
  const [f, w, r] = ints(rt.run('f = F(); f.me = f\nw = W()\nr = weakref.ref(w, lambda ref: None)\nprint(id(f), id(w), id(r))').stdout);
  const born = rt.events();
  assert.ok(born.some((e) => e.kind === 'alloc' && e.addr === f));
  assert.ok(born.every((e, i) => i === 0 || e.seq === born[i - 1].seq + 1), 'in order, none lost');
  const collected = +rt.run('del f, w\ngc.collect()').display;
  const later = rt.events();
  assert.ok(later.some((e) => e.kind === 'free' && e.addr === w));
  assert.ok(later.some((e) => e.kind === 'weakref_callback' && e.addr === r));
  assert.ok(later.some((e) => e.kind === 'finalize' && e.addr === f));
  const done = later.filter((e) => e.kind === 'gc_done');
  assert.equal(done.at(-1).a, 2);
  assert.equal(done.at(-1).b, collected);
});

test('slices: stop() between slices raises KeyboardInterrupt and keeps the heap', async () => {
  const rt = await load();
  rt.run('data = [1, 2, 3]');
  let r = rt.run('while True:\n    data.append(0)\n    data.pop()', { slice: 5000 });
  assert.equal(r.running, true);
  r = rt.resume();
  assert.equal(r.running, true);
  assert.throws(() => rt.run('1'), /in progress/);
  rt.stop();
  r = rt.resume();
  assert.equal(r.running, false);
  assert.equal(r.error.type, 'KeyboardInterrupt');
  assert.equal(rt.run('print(data)').stdout, '[1, 2, 3]\n');
  assert.equal(rt.audit(), null);
  r = rt.run('n = 0\nwhile True:\n    n += 1', { fuel: 200000 });
  assert.equal(r.error.type, 'KeyboardInterrupt', 'fuel ran out');
  assert.ok(+rt.run('n').display > 1000);
  const pending = rt.runAsync('while True:\n    pass', { slice: 2000 });
  setTimeout(() => rt.stop(), 20);
  assert.equal((await pending).error.type, 'KeyboardInterrupt');
  assert.equal(rt.run('data').display, '[1, 2, 3]');
});

test('heap limit: MemoryError, not a trap, and the runtime goes on', async () => {
  const limit = 48 << 20;
  const reserve = Math.max(2 << 20, limit / 16); // sysmem.c: past the limit, for what runs after a MemoryError
  const rt = await load({ heapLimit: limit });
  let r = rt.run('x = [0] * (10**8)');
  assert.equal(r.error.type, 'MemoryError');
  r = rt.run('chunks = []\nwhile True:\n    chunks.append([1] * 10000)');
  assert.equal(r.error.type, 'MemoryError');
  assert.match(r.error.traceback, /----> 3     chunks\.append\(\[1\] \* 10000\)/);
  const region = rt.heap().region;
  assert.ok(region.top - region.base <= limit + reserve);
  assert.equal(rt.run('1 + 1').display, '2', 'the heap is full, yet a cell still runs');
  r = rt.run('n = len(chunks)\nchunks = None\nprint(sum(range(10)), n > 100)');
  assert.equal(r.stdout, '45 True\n');
  assert.equal(rt.audit(), null);
});

test('recursion: RecursionError with the engine\'s default stack, never a trap', () => {
  /* A child Node with V8's default stack (984 KiB), unlike this one. */
  const probe = `
    import { load } from ${JSON.stringify(ROOT + '/wasm/heaplab.js')};
    const out = [];
    for (const src of process.argv.slice(1)) {
      const rt = await load({ events: false });
      try { const r = rt.run(src); out.push(r.error ? r.error.type : 'no error'); } catch (e) { out.push(e.message); }
    }
    console.log(JSON.stringify(out));`;
  const cases = RECURSION_CASES;
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', probe, ...cases], { encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.deepEqual(JSON.parse(p.stdout), cases.map(() => 'RecursionError'));
});

test('a trap (here: an engine stack claimed larger than it is) stops the runtime until reset()', async () => {
  const rt = await load({ stackSize: 1 << 30 });
  const deep = 'class G:\n    def __getattr__(s, k):\n        return getattr(s, k + "x")\nimport sys\nsys.setrecursionlimit(10**6)\nG().a';
  assert.throws(() => rt.run(deep), /trapped/);
  assert.throws(() => rt.heap(), /reset\(\)/);
  await rt.reset();
  assert.equal(rt.run('print(1 + 1)').stdout, '2\n');
});
