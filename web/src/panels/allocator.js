/*
 * allocator.js — pymalloc as sys._debugmallocstats() describes it, drawn:
 * the size classes (blocks in use / available, pools per class) and a map
 * of the arenas, one row of cells per 1 MiB arena, one cell per 16 KiB
 * pool, coloured by the pool's size class and shaded by how full it is;
 * uncarved pools (never used yet) are outlines, empty ones faint.
 *
 * The map is a canvas (a few hundred cells redraw in well under a
 * millisecond); its colours come from the panel's CSS variables so the
 * theme applies.  The canvas is focusable: arrow keys move a cursor from
 * pool to pool and the readout under the map (aria-live) says what it is,
 * the same readout the mouse gets.
 */
import { bytes, el, num, setText } from './dom.js';

/* A hue per size class, spread by the golden angle so neighbours differ. */
export const classHue = (szidx) => (szidx * 137.508 + 200) % 360;

export function createAllocator() {
  const root = el('section', { class: 'hl-alloc', 'data-panel': 'allocator', 'aria-label': 'Allocator: size classes and pools' });
  const summary = el('p', { class: 'hl-note', 'data-field': 'alloc-summary' });
  const canvas = el('canvas', { class: 'hl-poolmap', tabindex: 0, role: 'img', 'aria-label': 'Map of arenas and pools' });
  const readout = el('p', { class: 'hl-readout', 'aria-live': 'polite', text: 'Point at a pool, or focus the map and use the arrow keys.' });
  const tbody = el('tbody');
  const table = el('table', { class: 'hl-sizes' },
    el('caption', { class: 'hl-sr', text: 'Size classes' }),
    el('thead', {}, el('tr', {},
      ...['class', 'size', 'pools', 'in use', 'available', ''].map((h) => el('th', { scope: 'col', text: h })))),
    tbody);
  root.append(el('h3', { class: 'hl-title', text: 'Arenas and pools' }), summary,
    el('div', { class: 'hl-poolmap-wrap' }, canvas),
    el('p', { class: 'hl-map-legend', 'aria-hidden': 'true' },
      el('span', { class: 'hl-lg-low', text: 'few blocks used' }), el('span', { class: 'hl-lg-high', text: 'full' }),
      el('span', { class: 'hl-lg-empty', text: 'empty' }), el('span', { class: 'hl-lg-uncarved', text: 'not carved yet' }),
      el('span', { class: 'hl-dim', text: 'hue = size class' })),
    readout,
    el('h3', { class: 'hl-title', text: 'Size classes' }), el('div', { class: 'hl-scroll-x' }, table));

  let snap = null, cells = [], cursor = -1, layout = null; // cells: placed pools of the last draw
  const classRows = [];

  /* Pools in map order: each arena's pools by address, wrapped into rows
   * of perRow cells (an arena is 64 pools of 16 KiB less the alignment). */
  function placePools(s, perRow) {
    const P = s.pools, poolSize = s.constants.POOL_SIZE;
    const arenas = new Map(s.arenas.map((a, i) => [a.index ?? i, { ...a, n: i }]));
    let row = 0;
    for (const a of arenas.values()) { a.row = row; row += Math.ceil((a.ntotalpools || 64) / perRow); }
    const out = [];
    for (let p = 0; p < P.count; p++) {
      const a = arenas.get(P.arena[p]);
      if (!a) continue;
      const k = Math.round((P.address[p] - a.first_pool) / poolSize);
      out.push({ p, k, arena: a, row: a.row + Math.floor(k / perRow), col: k % perRow });
    }
    return { cells: out, rows: row };
  }

  /* Cells as large as is readable, the map no taller than ~280 px: 16
   * pools a row for one or two arenas, 64 (an arena a row) for many. */
  function geometry(s, width) {
    const gap = 2, arenaGap = 6;
    for (const perRow of [16, 32, 64]) {
      const cell = Math.min(26, Math.floor(width / perRow) - gap);
      const rows = s.arenas.reduce((n, a) => n + Math.ceil((a.ntotalpools || 64) / perRow), 0);
      const h = rows * (cell + gap) + s.arenas.length * arenaGap;
      if ((h <= 280 && cell >= 8) || perRow === 64) return { perRow, cell: Math.max(4, cell), gap, arenaGap };
    }
  }

  function draw() {
    if (!snap) return;
    const s = snap, P = s.pools, C = s.constants;
    const width = canvas.clientWidth || canvas.parentElement?.clientWidth || 600;
    const g = geometry(s, width);
    const placed = placePools(s, g.perRow);
    cells = placed.cells;
    if (cursor >= cells.length) cursor = -1;
    const { cell, gap, arenaGap } = g;
    const yOf = (c) => gap + c.row * (cell + gap) + c.arena.n * arenaGap;
    const h = Math.max(1, placed.rows) * (cell + gap) + s.arenas.length * arenaGap + gap;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.style.height = `${h}px`;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, h);
    const css = getComputedStyle(canvas);
    const dark = css.getPropertyValue('--hl-dark').trim() === '1';
    const line = css.getPropertyValue('--hl-line').trim() || '#999';
    const focus = css.getPropertyValue('--hl-focus').trim() || '#06c';
    layout = { ...g, yOf };
    for (const c of cells) {
      const x = c.col * (cell + gap), y = yOf(c);
      const state = P.state[c.p];
      if (state === C.HL_POOL_UNCARVED) {
        ctx.strokeStyle = line; ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
        continue;
      }
      const fill = P.nblocks[c.p] ? P.ref_count[c.p] / P.nblocks[c.p] : 0;
      const hue = classHue(P.szidx[c.p]);
      if (state === C.HL_POOL_EMPTY) {
        ctx.fillStyle = dark ? 'hsl(0 0% 22%)' : 'hsl(0 0% 90%)';
      } else {
        /* Fuller is deeper: light tint for a nearly empty pool, saturated for a full one. */
        const l = dark ? 24 + 36 * fill : 86 - 46 * fill;
        ctx.fillStyle = `hsl(${hue.toFixed(0)} ${dark ? 55 : 65}% ${l.toFixed(0)}%)`;
      }
      ctx.fillRect(x, y, cell, cell);
      if (state === C.HL_POOL_FULL && cell >= 8) {
        ctx.strokeStyle = `hsl(${hue.toFixed(0)} 70% ${dark ? 78 : 22}%)`; ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
      }
    }
    if (cursor >= 0 && cells[cursor]) {
      const c = cells[cursor];
      ctx.strokeStyle = focus; ctx.lineWidth = 2;
      ctx.strokeRect(c.col * (cell + gap) - 1, yOf(c) - 1, cell + 2, cell + 2);
    }
  }

  const STATE = ['empty', 'used', 'full', 'not carved yet'];
  function describe(i) {
    const c = cells[i];
    if (!c) return;
    const s = snap, P = s.pools, st = P.state[c.p];
    const where = `arena ${c.arena.index ?? c.arena.n}, pool ${c.k}`;
    if (st === s.constants.HL_POOL_UNCARVED) return setText(readout, `${where}: not carved yet`);
    const size = s.sizeClasses[P.szidx[c.p]]?.size;
    const cls = st === s.constants.HL_POOL_EMPTY ? 'no size class (empty)' : `size class ${P.szidx[c.p]} (${size} B blocks)`;
    setText(readout, `${where}: ${cls}, ${num(P.ref_count[c.p])} / ${num(P.nblocks[c.p])} blocks in use, ${STATE[st] ?? st}`);
  }

  function hit(ev) {
    if (!layout) return -1;
    const r = canvas.getBoundingClientRect();
    const x = ev.clientX - r.left, y = ev.clientY - r.top, step = layout.cell + layout.gap;
    return cells.findIndex((c) => x >= c.col * step && x < c.col * step + layout.cell
      && y >= layout.yOf(c) && y < layout.yOf(c) + layout.cell);
  }
  canvas.addEventListener('mousemove', (ev) => { const i = hit(ev); if (i >= 0) describe(i); });
  canvas.addEventListener('click', (ev) => { const i = hit(ev); if (i >= 0) { cursor = i; describe(i); draw(); } });
  canvas.addEventListener('keydown', (ev) => {
    if (!cells.length || !layout) return;
    const cur = cells[Math.max(0, cursor)];
    const find = (row, col) => cells.findIndex((c) => c.row === row && c.col === col);
    const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    let next;
    if (ev.key in moves) next = find(cur.row + moves[ev.key][0], cur.col + moves[ev.key][1]);
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = cells.length - 1;
    else return;
    ev.preventDefault();
    if (cursor < 0) next = 0;
    if (next >= 0) { cursor = next; describe(cursor); draw(); }
  });
  canvas.addEventListener('focus', () => { if (cursor < 0 && cells.length) { cursor = 0; describe(0); draw(); } });

  /* Redraw on resize and on theme changes (the colours are the theme's). */
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => draw()).observe(canvas);
  globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => draw());
  if (typeof MutationObserver === 'function')
    new MutationObserver(() => draw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  function updateClasses(s) {
    const maxBlocks = Math.max(1, ...s.sizeClasses.map((c) => c.blocks_in_use + c.avail_blocks));
    s.sizeClasses.forEach((c, i) => {
      let r = classRows[i];
      if (!r) {
        const bar = el('span', { class: 'hl-bar' }, el('span', { class: 'hl-bar-fill' }));
        r = classRows[i] = { tr: el('tr', { 'data-szidx': i }), cells: [], bar };
        for (let k = 0; k < 5; k++) r.cells.push(el('td', { class: k ? 'hl-num' : '' }));
        r.cells[0].append(el('span', { class: 'hl-swatch', style: `--hue:${classHue(i).toFixed(0)}` }));
        r.label = el('span');
        r.cells[0].append(r.label);
        r.tr.append(...r.cells, el('td', { class: 'hl-bar-cell' }, bar));
        tbody.append(r.tr);
      }
      setText(r.label, String(i));
      setText(r.cells[1], `${c.size} B`);
      setText(r.cells[2], num(c.num_pools));
      setText(r.cells[3], num(c.blocks_in_use));
      setText(r.cells[4], num(c.avail_blocks));
      const total = c.blocks_in_use + c.avail_blocks;
      r.bar.style.width = `${(100 * Math.sqrt(total / maxBlocks)).toFixed(1)}%`;
      r.bar.firstChild.style.width = total ? `${(100 * c.blocks_in_use / total).toFixed(1)}%` : '0';
      r.tr.classList.toggle('hl-idle', !c.num_pools);
    });
  }

  function update(s) {
    snap = s;
    const P = s.pools, C = s.constants;
    let used = 0, full = 0, empty = 0, uncarved = 0;
    for (let p = 0; p < P.count; p++) {
      const st = P.state[p];
      if (st === C.HL_POOL_USED) used++; else if (st === C.HL_POOL_FULL) full++;
      else if (st === C.HL_POOL_EMPTY) empty++; else uncarved++;
    }
    const blocks = s.sizeClasses.reduce((a, c) => a + c.blocks_in_use, 0);
    const large = s.region?.blocksInUse ? ` · ${num(s.region.blocksInUse)} large blocks (${bytes(s.region.bytesInUse)}) from the system allocator` : '';
    setText(summary, `${s.arenas.length} arena${s.arenas.length === 1 ? '' : 's'} · ${full} full, ${used} used, ${empty} empty, ${uncarved} uncarved pools · ${num(blocks)} blocks in use${large}`);
    updateClasses(s);
    draw();
    if (cursor >= 0) describe(cursor);
  }
  function reset() { snap = null; cells = []; cursor = -1; tbody.textContent = ''; classRows.length = 0; setText(summary, ''); draw(); }
  return { root, update, reset, draw };
}
