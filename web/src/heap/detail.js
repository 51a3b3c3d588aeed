/*
 * detail.js — the neighbourhood of one object, for the reference graph:
 * its referents (what it points to) and referrers (what points to it) up
 * to a depth, each direction followed on its own, so that a hub such as
 * None, reached as a referent, does not drag in its hundred referrers.
 *
 * Every node is read with rt.object(id), a readout (no Python runs).  The
 * node count is capped: a list of 10,000 items shows its first referents
 * and says how many more there are.  Edges are all the references among
 * the nodes shown (so a cycle closes even if it was reached from both
 * sides); the cycle through the root is its strongly connected component
 * in that subgraph (Tarjan), which is what gc's trial deletion cannot
 * break by refcounts alone.
 */

export const MAX_NODES = 60;
const MAX_REPR = 200;

export function clip(s, n) { return s === null || s.length <= n ? s : s.slice(0, n - 1) + '…'; }

export function detail(rt, rootId, depth, { names = [], maxNodes = MAX_NODES } = {}) {
  rootId >>>= 0;
  const root = rt.object(rootId);
  if (!root) return { root: rootId, missing: true, nodes: [], edges: [], cycle: [], cycles: [], wouldCollect: [], truncated: false };
  const nameOf = new Map();
  for (const { name, id, internal } of names) {
    if (internal) continue;
    nameOf.set(id, nameOf.has(id) ? `${nameOf.get(id)}, ${name}` : name);
  }

  const objs = new Map([[rootId, root]]);  // id → object() readout
  const layer = new Map([[rootId, 0]]);     // referrers < 0 < referents
  let truncated = false;

  /* Breadth first in one direction; the cap is shared, referents first
   * at each depth so both sides get a share of it. */
  let fronts = { referents: [rootId], referrers: [rootId] };
  for (let d = 1; d <= depth; d++) {
    for (const dir of ['referents', 'referrers']) {
      const next = [];
      for (const id of fronts[dir]) {
        for (const to of objs.get(id)[dir]) {
          if (objs.has(to)) continue;
          if (objs.size >= maxNodes) { truncated = true; break; }
          const o = rt.object(to);
          if (!o) continue;
          objs.set(to, o);
          layer.set(to, dir === 'referents' ? d : -d);
          next.push(to);
        }
      }
      fronts[dir] = next;
    }
  }

  const edges = [], seen = new Set();
  const adj = new Map();
  const addEdge = (a, b) => {
    const k = `${a}>${b}`;
    if (seen.has(k) || !objs.has(a) || !objs.has(b)) return;
    seen.add(k);
    edges.push([a, b]);
    (adj.get(a) ?? adj.set(a, []).get(a)).push(b);
  };
  for (const [id, o] of objs) {
    for (const r of o.referents) addEdge(id, r);
    for (const r of o.referrers) addEdge(r, id);
  }

  const sccs = stronglyConnected([...objs.keys()], adj);
  const cycles = sccs.filter((c) => c.length > 1 || (adj.get(c[0]) ?? []).includes(c[0]));
  const cycle = cycles.find((c) => c.includes(rootId)) ?? [];

  const collectable = new Set(rt.wouldCollect());
  const nodes = [];
  for (const [id, o] of objs) {
    const shownOut = o.referents.filter((r) => objs.has(r)).length;
    const shownIn = o.referrers.filter((r) => objs.has(r)).length;
    const node = {
      id, typeName: o.typeName, repr: clip(o.repr, MAX_REPR), refcount: o.refcount, size: o.size,
      generation: o.generation, layer: layer.get(id),
      referents: o.referents.length, referrers: o.referrers.length,
      hiddenReferents: o.referents.length - shownOut, hiddenReferrers: o.referrers.length - shownIn,
    };
    const name = nameOf.get(id) ?? (isGlobals(o) ? 'globals()' : null);
    if (name) node.name = name;
    nodes.push(node);
  }
  return {
    root: rootId, nodes, edges, cycle, cycles,
    wouldCollect: nodes.filter((n) => collectable.has(n.id)).map((n) => n.id),
    truncated,
  };
}

/* The __main__ namespace: the dict every name hangs from.  Recognised by
 * its first key (module dicts start with __name__) — good enough for a label. */
function isGlobals(o) {
  return o.typeName === 'dict' && o.repr.startsWith("{'__name__': '__main__'");
}

/* Tarjan's algorithm, iterative (no recursion: a 60-node chain is fine
 * either way, but the worker's stack is not ours to spend). */
function stronglyConnected(ids, adj) {
  const index = new Map(), low = new Map(), onStack = new Set(), stack = [], out = [];
  let counter = 0;
  for (const start of ids) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter); low.set(start, counter); counter++;
    stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const succ = adj.get(v) ?? [];
      if (i < succ.length) {
        top[1]++;
        const w = succ[i];
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter); counter++;
          stack.push(w); onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u), low.get(v)));
      }
      if (low.get(v) === index.get(v)) {
        const comp = [];
        let w;
        do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}
