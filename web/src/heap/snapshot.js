/*
 * snapshot.js — the worker-side view of the heap that the panels draw.
 *
 *   const tracker = createTracker(rt);   // rt: a loaded bridge (wasm/heaplab.js)
 *   tracker.beginCell();                 // before a cell runs
 *   tracker.snapshot();                  // after it (or between slices of a long one)
 *   tracker.objectDetail(id, depth);     // referrers/referents graph around one object
 *   tracker.reset();                     // after rt.reset() (Restart)
 *
 * Everything here is a readout: heap(), names(), wouldCollect(), events()
 * and object() never run Python or allocate on the Python heap, so looking
 * does not change what is looked at (tests/node/snapshot.test.js checks it).
 * Results are plain objects, Maps and typed arrays, so they cross
 * postMessage by structured clone (typed arrays can also be transferred).
 *
 * The per-cell diff has two sources, because neither is complete alone:
 *  - the heap itself, before (beginCell) and now: exact for what is live,
 *    whatever the size of the cell;
 *  - the event ring (alloc/free/gc/finalize/weakref callback): tells which
 *    addresses were freed and reused within the cell, counts objects that
 *    came and went, and gives the timeline.  The ring holds HL_EVENTS_CAPACITY
 *    events; a cell that allocates more between two snapshot() calls loses
 *    the oldest (diff.eventsLost says how many), and then the counts fall
 *    back to the heap comparison.
 */

import { clip, detail } from './detail.js';

/* IPython's own names in the user namespace (DESIGN §2.4): marked
 * internal so the panels can hide them; a user's `_x` stays visible. */
const IPYTHON_NAMES = new Set(['In', 'Out', 'get_ipython', 'exit', 'quit', '_ih', '_oh', '_dh',
  '_', '__', '___', '_i', '_ii', '_iii']);
export function isInternalName(name) {
  return IPYTHON_NAMES.has(name) || /^_i?\d+$/.test(name) || /^__\w+__$/.test(name);
}

/* How many refcount changes of unnamed objects a diff lists. */
const MAX_REFCOUNT_CHANGES = 200;
/* How many timeline entries one cell keeps (allocation runs are folded,
 * so this only bounds pathological cells: thousands of __del__ calls). */
const MAX_TIMELINE = 500;

export function createTracker(rt) {
  const typeNames = new Map(); // type address → name, kept across snapshots (freed objects' types)
  let cell = null;             // the state of the cell since beginCell()
  let cellNumber = 0;
  let regionBase = 0;         // the heap region's first address: below it, static objects

  function learnTypes(types) {
    for (const [addr, name] of types) typeNames.set(addr, name);
  }

  /* The name of the type at addr, for events whose objects are gone. */
  function typeName(addr) {
    let name = typeNames.get(addr);
    if (name !== undefined) return name;
    /* Events name types by address; a type no live object has any more
     * is either static (below the region: never freed) or a class that
     * may be gone, whose address is only read if it is still a live object. */
    if ((addr && addr < regionBase) || rt.object(addr)) name = rt.typeName(addr);
    else name = '?';
    typeNames.set(addr, name);
    return name;
  }
  function namesNow() {
    return rt.names().map(({ name, id }) => ({ name, id, internal: isInternalName(name) }));
  }

  /* Index of a heap's objects by id (ids are addresses, unique while live). */
  function indexById(objects) {
    const m = new Map();
    const ids = objects.id;
    for (let i = 0; i < objects.count; i++) m.set(ids[i], i);
    return m;
  }

  function beginCell() {
    rt.events(); // what happened before the cell is not the cell's
    const lostBefore = rt.eventsLost ?? 0;
    const h = rt.heap();
    regionBase = h.region.base;
    learnTypes(h.types);
    cellNumber++;
    cell = {
      number: cellNumber,
      lostBefore,
      before: { id: h.objects.id, type: h.objects.type, refcount: h.objects.refcount, count: h.objects.count },
      beforeIndex: indexById(h.objects),
      generations: h.generations.map((g) => ({ ...g })),
      allocatedIds: new Set(),   // addresses that saw an alloc event in this cell
      allocByType: new Map(),    // type addr → allocs seen (transient ones too)
      freeByType: new Map(),     // type addr → frees seen
      allocType: new Map(),      // addr → type of objects allocated in the cell (names finalized objects)
      timeline: [],
      run: null,                 // the open summary of consecutive allocs/frees
      gc: null,                  // the open collection (between gc_start and gc_done)
      gcStack: [],
      dropped: 0,
    };
  }

  function bump(map, key, n = 1) { map.set(key, (map.get(key) ?? 0) + n); }

  function push(entry) {
    const c = cell;
    if (c.timeline.length >= MAX_TIMELINE) { c.dropped++; return; }
    c.timeline.push(entry);
  }

  /* Folds one batch of events into the cell: allocations and frees become
   * runs {kind: 'objects', allocated, freed, byType}; collections, finalizers
   * and weakref callbacks are entries of their own. */
  function absorb(events) {
    const c = cell;
    for (const e of events) {
      switch (e.kind) {
        case 'alloc':
        case 'free': {
          const alloc = e.kind === 'alloc';
          if (alloc) { c.allocatedIds.add(e.addr); c.allocType.set(e.addr, e.a); bump(c.allocByType, e.a); }
          else bump(c.freeByType, e.a);
          const target = c.gc ?? null;
          if (target) { if (!alloc) target.freedSeen++; break; }
          if (!c.run) { c.run = { kind: 'objects', seq: e.seq, allocated: 0, freed: 0, byTypeAddr: new Map() }; push(c.run); }
          c.run[alloc ? 'allocated' : 'freed']++;
          const t = c.run.byTypeAddr.get(e.a) ?? [0, 0];
          t[alloc ? 0 : 1]++;
          c.run.byTypeAddr.set(e.a, t);
          break;
        }
        case 'gc_start': {
          c.run = null;
          const g = { kind: 'collection', seq: e.seq, generation: e.a, collected: null, freedSeen: 0, finalized: 0, callbacks: 0 };
          if (c.gc) c.gcStack.push(c.gc); // a collection from a finalizer's allocation
          c.gc = g;
          push(g);
          break;
        }
        case 'gc_done': {
          if (c.gc) { c.gc.collected = e.b; c.gc.doneSeq = e.seq; }
          else push({ kind: 'collection', seq: e.seq, generation: e.a, collected: e.b, freedSeen: 0, finalized: 0, callbacks: 0 });
          c.gc = c.gcStack.pop() ?? null;
          c.run = null;
          break;
        }
        case 'finalize': {
          c.run = null;
          if (c.gc) c.gc.finalized++;
          push({ kind: 'finalize', seq: e.seq, id: e.addr, typeAddr: e.a, duringCollection: !!c.gc });
          break;
        }
        case 'weakref_callback': {
          c.run = null;
          if (c.gc) c.gc.callbacks++;
          push({ kind: 'weakref_callback', seq: e.seq, weakref: e.addr, callback: e.a, duringCollection: !!c.gc });
          break;
        }
        default: break;
      }
    }
  }

  function byTypeNames(map) {
    const out = {};
    for (const [addr, n] of map) { const k = typeName(addr); out[k] = (out[k] ?? 0) + n; }
    return out;
  }

  /* The timeline as the panels get it: type names instead of addresses,
   * reprs of the callbacks still alive (a readout: no Python runs). */
  function timelineOut() {
    return cell.timeline.map((t) => {
      if (t.kind === 'objects') {
        const byType = {};
        for (const [addr, [a, f]] of t.byTypeAddr) {
          const k = typeName(addr), v = byType[k] ?? (byType[k] = { allocated: 0, freed: 0 });
          v.allocated += a; v.freed += f;
        }
        return { kind: 'objects', seq: t.seq, allocated: t.allocated, freed: t.freed, byType };
      }
      if (t.kind === 'collection') {
        const { kind, seq, generation, collected, freedSeen, finalized, callbacks } = t;
        return { kind, seq, generation, collected, freed: freedSeen, finalized, callbacks };
      }
      if (t.kind === 'lost') return { kind: 'lost', seq: t.seq, count: t.count };
      if (t.kind === 'finalize') {
        return { kind: t.kind, seq: t.seq, id: t.id, typeName: typeName(t.typeAddr), duringCollection: t.duringCollection };
      }
      const cb = t.callbackRepr === undefined ? (t.callbackRepr = clip(rt.object(t.callback)?.repr ?? null, 80)) : t.callbackRepr;
      return { kind: t.kind, seq: t.seq, weakref: t.weakref, callback: t.callback, callbackRepr: cb, duringCollection: t.duringCollection };
    });
  }

  /* The diff of the cell so far against the heap at beginCell(). */
  function diff(h, typeIdx, tnames, names) {
    const c = cell, o = h.objects, n = o.count;
    const lost = (rt.eventsLost ?? 0) - c.lostBefore;
    const bi = c.beforeIndex, bType = c.before.type, bRef = c.before.refcount;
    const isNew = new Uint8Array(n);
    const kept = new Uint8Array(c.before.count); // before-objects still live (same address, same type, not reused)
    const newIds = [];
    const newByType = new Uint32Array(tnames.length);
    const changed = []; // [index now, before refcount]
    const realloc = c.allocatedIds;
    for (let i = 0; i < n; i++) {
      const id = o.id[i], j = bi.get(id);
      if (j === undefined || bType[j] !== o.type[i] || realloc.has(id)) {
        isNew[i] = 1; newIds.push(id); newByType[typeIdx[i]]++;
      } else {
        kept[j] = 1;
        if (bRef[j] !== o.refcount[i]) changed.push(i, bRef[j]);
      }
    }
    const allocated = {};
    for (let t = 0; t < tnames.length; t++) if (newByType[t]) allocated[tnames[t]] = (allocated[tnames[t]] ?? 0) + newByType[t];

    /* Objects that were live before and are not now: exact, from the heaps. */
    const goneByType = new Map();
    let gone = 0;
    for (let j = 0; j < c.before.count; j++) if (!kept[j]) { bump(goneByType, bType[j]); gone++; }
    /* Every free of the cell (transient objects too) when no event was
     * lost; otherwise at least the pre-existing objects that are gone. */
    const freedEvents = byTypeNames(c.freeByType);
    const freedBefore = byTypeNames(goneByType);
    const freed = lost ? maxMerge(freedEvents, freedBefore) : freedEvents;

    /* Refcount changes of objects that existed before: named ones first. */
    const nameOf = new Map();
    for (const { name, id, internal } of names) if (!internal && !nameOf.has(id)) nameOf.set(id, name);
    const rows = [];
    for (let k = 0; k < changed.length; k += 2) {
      const i = changed[k];
      rows.push({ id: o.id[i], name: nameOf.get(o.id[i]) ?? null, typeName: tnames[typeIdx[i]], before: changed[k + 1], after: o.refcount[i] });
    }
    const named = rows.filter((r) => r.name !== null);
    const others = rows.filter((r) => r.name === null)
      .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || a.id - b.id);
    return {
      cell: c.number,
      allocated: { count: newIds.length, byType: allocated, ids: Uint32Array.from(newIds) },
      allocatedTotal: { count: sum(c.allocByType), byType: byTypeNames(c.allocByType) },
      freed: { count: Object.values(freed).reduce((a, b) => a + b, 0), byType: freed },
      freedPreexisting: { count: gone, byType: freedBefore },
      refcounts: named.concat(others.slice(0, MAX_REFCOUNT_CHANGES)),
      refcountChanges: rows.length,
      collections: c.generations.slice(0, h.constants.NUM_GENERATIONS ?? 3).map((g, i) => ({
        generation: i,
        collections: h.generations[i].collections - g.collections,
        collected: h.generations[i].collected - g.collected,
        uncollectable: h.generations[i].uncollectable - g.uncollectable,
      })),
      timeline: timelineOut(),
      timelineDropped: c.dropped,
      eventsLost: lost,
      isNew,
    };
  }

  /* Takes the events recorded since the last call into the cell's diff
   * and timeline.  Cheap: a worker calls it between slices of a long cell,
   * so that the ring does not overwrite events before they are read. */
  function drainEvents() {
    const lostBefore = rt.eventsLost ?? 0;
    const events = rt.events();
    if (!cell) return;
    const lost = (rt.eventsLost ?? 0) - lostBefore;
    /* The ring overwrote the oldest events of this batch: say so where
     * they were, so the timeline does not pretend to be complete. */
    if (lost) { cell.run = null; push({ kind: 'lost', seq: events[0]?.seq ?? 0, count: lost }); }
    absorb(events);
  }

  function snapshot() {
    drainEvents();
    const h = rt.heap();
    regionBase = h.region.base;
    learnTypes(h.types);
    /* Type names as a small table plus one index per object: cheap to
     * clone, and lets the table filter and sort by type without strings. */
    const tnames = [], tindex = new Map();
    for (const [addr, name] of h.types) { tindex.set(addr, tnames.length); tnames.push(name); }
    const o = h.objects, n = o.count, typeIdx = new Uint16Array(n);
    let last = -1, lastIdx = 0;
    for (let i = 0; i < n; i++) {
      const t = o.type[i];
      if (t !== last) {
        last = t;
        lastIdx = tindex.get(t);
        if (lastIdx === undefined) { lastIdx = tnames.length; tindex.set(t, lastIdx); tnames.push(typeName(t)); }
      }
      typeIdx[i] = lastIdx;
    }
    const names = namesNow();
    const wouldCollect = Uint32Array.from(rt.wouldCollect());
    const d = cell ? diff(h, typeIdx, tnames, names) : null;
    const C = h.constants;
    return {
      cell: cell?.number ?? 0,
      generations: h.generations.slice(0, C.NUM_GENERATIONS ?? 3),
      permanent: h.generations[C.NUM_GENERATIONS ?? 3] ?? null,
      sizeClasses: h.sizeClasses,
      arenas: h.arenas,
      pools: h.pools,
      objects: { ...o, typeIdx, isNew: d ? d.isNew : new Uint8Array(n) },
      typeNames: tnames,
      names,
      wouldCollect,
      diff: d ? (delete d.isNew, d) : null,
      freeLists: h.freeLists,
      region: h.region,
      constants: pick(C, ['HL_GEN_NOT_GC', 'HL_GEN_UNTRACKED', 'HL_GEN_PERMANENT', 'HL_POOL_EMPTY', 'HL_POOL_USED',
        'HL_POOL_FULL', 'HL_POOL_UNCARVED', 'HL_HVF_FINALIZED', 'HL_HVF_LARGE', 'POOL_SIZE', 'ARENA_SIZE', 'ALIGNMENT',
        'SMALL_REQUEST_THRESHOLD', 'NUM_GENERATIONS']),
    };
  }

  function objectDetail(objectId, depth = 2) {
    return detail(rt, objectId, depth, { names: namesNow() });
  }

  function reset() {
    cell = null;
    cellNumber = 0;
    typeNames.clear();
    rt.events();
  }

  return { beginCell, drainEvents, snapshot, objectDetail, reset };
}

function sum(map) { let s = 0; for (const v of map.values()) s += v; return s; }
function maxMerge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}
function pick(obj, keys) { const out = {}; for (const k of keys) if (k in obj) out[k] = obj[k]; return out; }
