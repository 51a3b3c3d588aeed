/*
 * graph.js — the reference graph around one object (an objectDetail from
 * the worker), drawn as SVG in layers: referrers to the left (what keeps
 * it alive), the object in the middle, referents to the right (what it
 * keeps alive).  Edges on a reference cycle and the objects on it are
 * highlighted — the structure refcounting alone never frees — and objects
 * a gc.collect() would free now are marked as such.
 *
 * Layout: one column per layer (the detail's node.layer, −depth…depth),
 * nodes in a column ordered by the mean position of their neighbours in the
 * column nearer the root (one barycentre pass: enough for ≤ 60 nodes).
 * Nodes are focusable; Enter or a click re-centres the graph on them.
 * Text only ever through textContent.
 */
import { el, hex, setText, svg } from './dom.js';

const W = 144, H = 46, COL_GAP = 46, ROW_GAP = 10, PAD = 10;
let instances = 0;

export function createGraph({ onSelect }) {
  const uid = `hl-g${++instances}`;
  const root = el('section', { class: 'hl-graph', 'data-panel': 'graph', 'aria-label': 'Reference graph' });
  const title = el('p', { class: 'hl-note', 'data-field': 'graph-title', text: 'Select an object to see what refers to it and what it refers to.' });
  const legend = el('p', { class: 'hl-legend', 'aria-hidden': 'true' },
    el('span', { class: 'hl-key hl-key-root', text: 'selected' }),
    el('span', { class: 'hl-key hl-key-cycle', text: 'reference cycle' }),
    el('span', { class: 'hl-key hl-key-collect', text: 'gc.collect() would free' }));
  const holder = el('div', { class: 'hl-graph-svg' });
  root.append(el('h3', { class: 'hl-title', text: 'References' }), title, legend, holder);
  let current = null;

  function render(d) {
    current = d;
    holder.textContent = '';
    if (!d || d.missing || !d.nodes.length) {
      setText(title, d?.missing ? `${hex(d.root)} is no longer a live object.` : 'Select an object to see what refers to it and what it refers to.');
      return;
    }
    const byId = new Map(d.nodes.map((n) => [n.id, n]));
    const cycleSet = new Set(d.cycle);
    const sccOf = new Map();
    (d.cycles ?? []).forEach((c, i) => c.forEach((id) => sccOf.set(id, i)));
    const collect = new Set(d.wouldCollect);
    const rootNode = byId.get(d.root);

    /* Columns by layer, then order within a column by neighbours nearer the root. */
    const layers = [...new Set(d.nodes.map((n) => n.layer))].sort((a, b) => a - b);
    const cols = new Map(layers.map((l) => [l, []]));
    for (const n of d.nodes) cols.get(n.layer).push(n);
    const neighbours = new Map(d.nodes.map((n) => [n.id, []]));
    for (const [a, b] of d.edges) { neighbours.get(a)?.push(b); neighbours.get(b)?.push(a); }
    const pos = new Map([[d.root, 0]]);
    const order = [...layers].sort((a, b) => Math.abs(a) - Math.abs(b));
    for (const l of order) {
      if (l === 0) continue;
      const inner = l > 0 ? l - 1 : l + 1;
      const col = cols.get(l);
      const key = (n) => {
        const ps = neighbours.get(n.id).filter((m) => byId.get(m)?.layer === inner).map((m) => pos.get(m) ?? 0);
        return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Infinity;
      };
      col.sort((a, b) => key(a) - key(b));
      col.forEach((n, i) => pos.set(n.id, i));
    }
    const tallest = Math.max(...[...cols.values()].map((c) => c.length));
    const height = PAD * 2 + tallest * H + (tallest - 1) * ROW_GAP;
    const width = PAD * 2 + layers.length * W + (layers.length - 1) * COL_GAP;
    const xy = new Map();
    layers.forEach((l, ci) => {
      const col = cols.get(l);
      const colH = col.length * H + (col.length - 1) * ROW_GAP;
      col.forEach((n, i) => xy.set(n.id, { x: PAD + ci * (W + COL_GAP), y: (height - colH) / 2 + i * (H + ROW_GAP) }));
    });

    const s = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'group', 'aria-label': `References of ${rootNode.typeName} at ${hex(d.root)}` });
    /* Fit the panel, but never shrink text below ~3/4 size: scroll instead. */
    s.style.maxWidth = '100%';
    s.style.minWidth = `${Math.round(width * 0.75)}px`;
    s.style.height = 'auto';
    const defs = svg('defs');
    for (const kind of ['plain', 'cycle']) {
      const m = svg('marker', { id: `${uid}-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      m.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `hl-arrow hl-arrow-${kind}` }));
      defs.append(m);
    }
    s.append(defs);

    const edges = svg('g', { class: 'hl-edges' });
    for (const [a, b] of d.edges) {
      const p = xy.get(a), q = xy.get(b);
      if (!p || !q) continue;
      const onCycle = sccOf.has(a) && sccOf.get(a) === sccOf.get(b);
      let path;
      if (a === b) { // a self-reference: a loop above the node
        path = `M${p.x + W * 0.6},${p.y} C${p.x + W * 0.6},${p.y - 26} ${p.x + W * 0.9},${p.y - 26} ${p.x + W * 0.9},${p.y}`;
      } else if (q.x > p.x) { // forward: right edge to left edge
        const x1 = p.x + W, y1 = p.y + H / 2, x2 = q.x, y2 = q.y + H / 2, mx = (x1 + x2) / 2;
        path = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
      } else if (q.x < p.x) { // backward (closes a cycle): under the nodes
        const x1 = p.x, y1 = p.y + H * 0.75, x2 = q.x + W, y2 = q.y + H * 0.75, dy = 22 + Math.abs(p.x - q.x) / 8;
        path = `M${x1},${y1} C${x1 - 30},${y1 + dy} ${x2 + 30},${y2 + dy} ${x2},${y2}`;
      } else { // same column: an arc on the right
        const x = p.x + W, y1 = p.y + H / 2, y2 = q.y + H / 2;
        path = `M${x},${y1} C${x + 36},${y1} ${x + 36},${y2} ${x},${y2}`;
      }
      edges.append(svg('path', { d: path, class: onCycle ? 'hl-edge hl-edge-cycle' : 'hl-edge', 'marker-end': `url(#${uid}-${onCycle ? 'cycle' : 'plain'})` }));
    }
    s.append(edges);

    for (const n of d.nodes) {
      const { x, y } = xy.get(n.id);
      const cls = ['hl-node'];
      if (n.id === d.root) cls.push('hl-node-root');
      if (cycleSet.has(n.id) || sccOf.has(n.id)) cls.push('hl-node-cycle');
      if (collect.has(n.id)) cls.push('hl-node-collect');
      const label = n.name ? `${n.name}: ${n.typeName}` : n.typeName;
      const g = svg('g', { class: cls.join(' '), transform: `translate(${x},${y})`, tabindex: 0, role: 'button', 'data-node-id': n.id,
        'aria-label': `${label} at ${hex(n.id)}, refcount ${n.refcount}${collect.has(n.id) ? ', would be collected' : ''}${cycleSet.has(n.id) ? ', on a reference cycle' : ''}` });
      const tip = svg('title');
      tip.textContent = `${label} at ${hex(n.id)}\nrefcount ${n.refcount}, ${n.size} bytes\n${n.repr ?? ''}`;
      g.append(tip, svg('rect', { width: W, height: H, rx: 6 }));
      const t1 = svg('text', { x: 8, y: 17, class: 'hl-node-type' });
      t1.textContent = clipText(label, 17);
      const rc = svg('text', { x: W - 8, y: 17, class: 'hl-node-rc', 'text-anchor': 'end' });
      rc.textContent = `rc ${n.refcount > 99999 ? '∞' : n.refcount}`;
      const t2 = svg('text', { x: 8, y: 35, class: 'hl-node-repr' });
      const hidden = (n.layer >= 0 ? n.hiddenReferents : 0) + (n.layer <= 0 ? n.hiddenReferrers : 0);
      t2.textContent = clipText(n.repr ?? hex(n.id), hidden > 0 ? 16 : 20); // 11-px monospace in a 144-px box
      g.append(t1, rc, t2);
      if (hidden > 0) {
        const more = svg('text', { x: W - 8, y: 35, class: 'hl-node-more', 'text-anchor': 'end' });
        more.textContent = `+${hidden}`;
        g.append(more);
      }
      g.addEventListener('click', () => onSelect?.(n.id));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onSelect?.(n.id); } });
      s.append(g);
    }
    holder.append(s);
    const inCycle = d.cycle.length ? ` · on a reference cycle of ${d.cycle.length} object${d.cycle.length === 1 ? '' : 's'}` : '';
    const freed = collect.has(d.root) ? ' · gc.collect() would free it' : '';
    setText(title, `${rootNode.name ? rootNode.name + ' — ' : ''}${rootNode.typeName} at ${hex(d.root)}, refcount ${rootNode.refcount}: `
      + `${rootNode.referrers} referrer${rootNode.referrers === 1 ? '' : 's'}, ${rootNode.referents} referent${rootNode.referents === 1 ? '' : 's'}${inCycle}${freed}`
      + `${d.truncated ? ` (showing ${d.nodes.length} objects)` : ''}`);
  }

  function reset() { render(null); }
  return { root, render, reset, get current() { return current; } };
}

function clipText(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
