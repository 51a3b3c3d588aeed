/*
 * snapshot.test.js — the worker-side heap snapshot (web/src/heap/snapshot.js)
 * through the real bridge: the per-cell diff, "would collect", the
 * reference graph with its cycle, the timeline of collections, finalizers
 * and weakref callbacks, and that looking never changes the heap.
 * Expected values come from the runtime itself (sys.getsizeof, id(),
 * gc.get_threshold(), gc.collect()'s return, sys.getrefcount), never from
 * numbers typed here — except the 700/10/10 that DESIGN §2 promises.
 *
 *   node --stack-size=4000 --test tests/node/snapshot.test.js
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { load } from '../../wasm/heaplab.js';
import { createTracker } from '../../web/src/heap/snapshot.js';

/* Runs a cell that must not fail; returns its stdout. */
function cell(rt, src) {
  const r = rt.run(src, { mode: 'cell' });
  assert.equal(r.error, null, `${src}\n→ ${r.error?.type}: ${r.error?.message}`);
  return r.stdout;
}
const ints = (text) => text.trim().split(/\s+/).map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

test('10,000 lists: the diff counts them and their size class moves', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  const [size] = ints(cell(rt, 'import sys\nprint(sys.getsizeof([]))'));
  /* A cell like it that makes no lists: what running any cell frees. */
  tracker.beginCell();
  cell(rt, 'base = [[] for _ in range(0)]');
  const baseline = tracker.snapshot().diff.freed.byType;
  const before = tracker.snapshot();
  tracker.beginCell();
  cell(rt, 'lists = [[] for _ in range(10000)]');
  const s = tracker.snapshot();
  const d = s.diff;
  /* 10,000 new lists plus the one holding them, all still live. */
  assert.equal(d.allocated.byType.list, 10001, JSON.stringify(d.allocated.byType));
  const listIdx = s.typeNames.indexOf('list');
  const newIds = new Set(d.allocated.ids);
  let newLists = 0;
  for (let i = 0; i < s.objects.count; i++) {
    if (s.objects.typeIdx[i] !== listIdx || !newIds.has(s.objects.id[i])) continue;
    assert.equal(s.objects.isNew[i], 1);
    if (s.objects.size[i] === size) newLists++;
  }
  assert.equal(newLists, 10000, `empty lists of sys.getsizeof([]) = ${size} bytes`);
  /* The size class holding a `size`-byte request gained the lists' blocks
   * (less those the list free list handed back); no other class moved much. */
  const cls = s.sizeClasses.findIndex((c) => c.size >= size);
  const moved = s.sizeClasses.map((c, i) => c.blocks_in_use - before.sizeClasses[i].blocks_in_use);
  const fromFreeList = before.freeLists.list - s.freeLists.list;
  assert.ok(moved[cls] + fromFreeList >= 10000 && moved[cls] + fromFreeList < 10100,
    `class ${cls} (${s.sizeClasses[cls].size} bytes) moved by ${moved[cls]} (+${fromFreeList} from the free list)`);
  moved.forEach((m, i) => i === cls || assert.ok(Math.abs(m) < 200, `class ${i} moved by ${m}`));
  /* The pool map agrees: pools of that class hold at least those blocks. */
  let inPools = 0;
  for (let p = 0; p < s.pools.count; p++) if (s.pools.szidx[p] === cls && s.pools.state[p] !== s.constants.HL_POOL_UNCARVED) inPools += s.pools.ref_count[p];
  assert.equal(inPools, s.sizeClasses[cls].blocks_in_use);
  /* The comprehension's transient ints are counted as freed, the lists not:
   * the cell frees just the lists any cell frees (the run's own). */
  assert.ok(d.freed.byType.int > 9000, JSON.stringify(d.freed.byType));
  assert.equal(d.freed.byType.list ?? 0, baseline.list ?? 0, JSON.stringify(d.freed.byType));
  /* Gen-0 collections ran during the cell (10,000 tracked allocations,
   * threshold 700): the exact counters say how many. */
  assert.ok(d.collections[0].collections >= Math.floor(10000 / s.generations[0].threshold) - 1, JSON.stringify(d.collections));
});

test('generations: thresholds are gc.get_threshold(), i.e. 700/10/10', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  const thresholds = ints(cell(rt, 'import gc\nprint(*gc.get_threshold())'));
  assert.deepEqual(thresholds, [700, 10, 10]);
  const s = tracker.snapshot();
  assert.deepEqual(s.generations.map((g) => g.threshold), thresholds);
  const [c0, c1, c2] = ints(cell(rt, 'print(*gc.get_count())'));
  const t = tracker.snapshot();
  /* Printing allocated nothing tracked after get_count() returned, save the
   * cell's own bookkeeping: the snapshot's counts are within a few of them. */
  assert.ok(Math.abs(t.generations[0].count - c0) < 20, `${t.generations[0].count} vs ${c0}`);
  assert.equal(t.generations[1].count, c1);
  assert.equal(t.generations[2].count, c2);
  for (const g of t.generations) assert.ok(g.members >= 0 && g.collections >= 0);
});

test('a two-list cycle: in wouldCollect and in objectDetail\'s cycle until gc.collect()', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  cell(rt, 'import gc');
  tracker.beginCell();
  const [a, b] = ints(cell(rt, 'a = []; b = [a]; a.append(b); print(id(a), id(b)); del a, b'));
  const s = tracker.snapshot();
  assert.ok(s.wouldCollect.includes(a) && s.wouldCollect.includes(b), `${a} ${b} in ${s.wouldCollect}`);
  assert.ok(s.diff.allocated.ids.includes(a) && s.diff.allocated.ids.includes(b));

  const det = tracker.objectDetail(a);
  assert.equal(det.root, a);
  assert.deepEqual([...det.cycle].sort(), [a, b].sort());
  assert.ok(det.edges.some(([x, y]) => x === a && y === b) && det.edges.some(([x, y]) => x === b && y === a));
  assert.deepEqual([...det.wouldCollect].sort(), [a, b].sort());
  const nodeA = det.nodes.find((n) => n.id === a);
  const ref = rt.object(a);
  assert.deepEqual({ typeName: nodeA.typeName, refcount: nodeA.refcount, repr: nodeA.repr },
    { typeName: ref.typeName, refcount: ref.refcount, repr: ref.repr });

  tracker.beginCell();
  const [n] = ints(cell(rt, 'print(gc.collect())'));
  const t = tracker.snapshot();
  assert.ok(!t.wouldCollect.includes(a) && !t.wouldCollect.includes(b));
  assert.equal(t.wouldCollect.length, 0);
  assert.ok(t.diff.freed.byType.list >= 2);
  const full = t.diff.timeline.filter((e) => e.kind === 'collection' && e.generation === 2);
  assert.equal(full.length, 1);
  assert.equal(full[0].collected, n, 'gc_done counts what gc.collect() returned');
  assert.equal(t.diff.collections[2].collections, 1);
  assert.equal(t.diff.collections[2].collected, n);
});

test('timeline: __del__ (by refcount and in a collection) and a weakref callback', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  cell(rt, [
    'import gc, weakref',
    'class Noisy:',
    '    def __del__(self): print("del", id(self))',
    'def callback(ref): print("callback", id(ref))',
  ].join('\n'));
  tracker.beginCell();
  const out = cell(rt, [
    'x = Noisy(); w = weakref.ref(x, callback)',
    'y = Noisy(); y.me = y',
    'del x',
    'del y; gc.collect()',
  ].join('\n'));
  const printed = out.trim().split('\n').map((l) => l.split(' '));
  const tl = tracker.snapshot().diff.timeline;
  const dels = tl.filter((e) => e.kind === 'finalize');
  const cbs = tl.filter((e) => e.kind === 'weakref_callback');
  assert.deepEqual(dels.map((e) => e.id), printed.filter(([k]) => k === 'del').map(([, id]) => +id));
  assert.ok(dels.every((e) => e.typeName === 'Noisy'));
  assert.deepEqual(dels.map((e) => e.duringCollection), [false, true], 'x by refcount, y by the collector');
  assert.deepEqual(cbs.map((e) => e.weakref), printed.filter(([k]) => k === 'callback').map(([, id]) => +id));
  assert.match(cbs[0].callbackRepr, /^<function callback at 0x[0-9a-f]+>$/);
  /* Order: the finalizer of x, then the callback (x is gone), then the
   * collection holding y's finalizer. */
  const order = tl.filter((e) => e.kind !== 'objects').map((e) => e.kind);
  assert.deepEqual(order, ['finalize', 'weakref_callback', 'collection', 'finalize']);
  const coll = tl.find((e) => e.kind === 'collection');
  assert.equal(coll.generation, 2);
  assert.equal(coll.finalized, 1);
});

test('refcount changes: named objects first, before and after as sys.getrefcount says', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  const [r0] = ints(cell(rt, 'import sys\nx = []\nprint(sys.getrefcount(x) - 1)'));
  tracker.beginCell();
  const [r1] = ints(cell(rt, 'y = x\nz = [x, x]\nprint(sys.getrefcount(x) - 1)'));
  const d = tracker.snapshot().diff;
  assert.equal(d.refcounts[0].name, 'x');
  assert.deepEqual([d.refcounts[0].before, d.refcounts[0].after], [r0, r1]);
  assert.equal(d.refcounts[0].typeName, 'list');
});

test('names: user names in order, IPython\'s own marked internal', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  cell(rt, 'zeta = 1\nalpha = [zeta]\n_private = 2\nalpha');
  const s = tracker.snapshot();
  const user = s.names.filter((n) => !n.internal).map((n) => n.name);
  assert.deepEqual(user, ['zeta', 'alpha', '_private']);
  for (const name of ['In', 'Out', 'get_ipython', 'exit', 'quit', '_', '_i1', '_1', '__name__', '_ih'])
    assert.ok(s.names.some((n) => n.name === name && n.internal), name);
});

test('snapshot() and objectDetail() change nothing; the snapshot structured-clones', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  cell(rt, 'import gc\nclass K: pass\nk = K(); k.self = k\ndata = {i: [i] for i in range(500)}\ndel k');
  tracker.beginCell();
  cell(rt, 'more = [data, data]');
  rt.events();
  const h0 = rt.heap();
  let s;
  for (let i = 0; i < 3; i++) s = tracker.snapshot();
  for (const id of s.wouldCollect) tracker.objectDetail(id, 3);
  tracker.objectDetail(rt.names().find((n) => n.name === 'data').id, 2);
  const h1 = rt.heap();
  assert.deepEqual(h1.objects.id, h0.objects.id);
  assert.deepEqual(h1.objects.refcount, h0.objects.refcount);
  assert.deepEqual(h1.sizeClasses, h0.sizeClasses);
  assert.deepEqual(h1.generations, h0.generations);
  assert.deepEqual(rt.events(), [], 'no allocation, free or collection happened while looking');
  const clone = structuredClone(s);
  assert.deepEqual(clone, s);
  const det = tracker.objectDetail(s.wouldCollect[0]);
  assert.deepEqual(structuredClone(det), det);
  assert.ok(det.nodes.length <= 60);
});

test('timing: snapshot() with 10,000 and 100,000 objects (printed, not asserted)', async () => {
  const rt = await load();
  const tracker = createTracker(rt);
  for (const n of [10000, 100000]) {
    cell(rt, `big = None\nbig = [[] for _ in range(${n})]`);
    tracker.beginCell();
    cell(rt, 'big.append(1)');
    const times = [], heapTimes = [];
    let s;
    for (let i = 0; i < 7; i++) {
      let t = performance.now();
      rt.heap();
      heapTimes.push(performance.now() - t);
      t = performance.now();
      s = tracker.snapshot();
      times.push(performance.now() - t);
    }
    console.log(`snapshot() of ${s.objects.count} objects: median ${median(times).toFixed(1)} ms `
      + `(heap() alone ${median(heapTimes).toFixed(1)} ms)`);
  }
});
