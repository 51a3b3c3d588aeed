/*
 * objects.js — the table of live objects: id (hex), type, refcount, size,
 * generation or why it has none; the user's named objects first and
 * labelled; sortable by any column, filterable by type, "named only".
 *
 * Virtualized: the rows are an index array into the snapshot's columns
 * (typed arrays), sorted and filtered as numbers; only the rows in view
 * (plus a few) exist as DOM, recycled on scroll, so 10,000 or 100,000
 * objects cost the same to draw.  Keyboard: the grid takes focus, arrows /
 * PageUp / PageDown / Home / End move, Enter or Space selects (roving
 * tabindex on the rows).  Rows carry data-object-id="<decimal id>".
 */
import { el, genLabel, hex, namesById, num, setText } from './dom.js';

export const ROW_HEIGHT = 26; // px; panels.css .hl-row uses the same
const OVERSCAN = 6;

const COLUMNS = [
  { key: 'name', label: 'name' },
  { key: 'id', label: 'id' },
  { key: 'type', label: 'type' },
  { key: 'refcount', label: 'refcnt', num: true },
  { key: 'size', label: 'size', num: true },
  { key: 'generation', label: 'gen' },
];

export function createObjects({ onSelect }) {
  const root = el('section', { class: 'hl-objects', 'data-panel': 'objects', 'aria-label': 'Live objects' });
  const filter = el('input', { type: 'search', class: 'hl-filter', placeholder: 'filter by type', 'aria-label': 'Filter objects by type', spellcheck: 'false' });
  const namedOnly = el('input', { type: 'checkbox', 'data-field': 'named-only' });
  const count = el('span', { class: 'hl-note', 'data-field': 'object-count', 'aria-live': 'polite' });
  const toolbar = el('div', { class: 'hl-toolbar' }, filter,
    el('label', { class: 'hl-check' }, namedOnly, ' named only'), count);
  const header = el('div', { class: 'hl-row hl-head', role: 'row', 'aria-rowindex': 1 });
  const headButtons = {};
  for (const c of COLUMNS) {
    const b = el('button', { type: 'button', class: 'hl-sort', 'data-sort': c.key, text: c.label });
    headButtons[c.key] = el('span', { role: 'columnheader', class: `hl-c hl-c-${c.key}${c.num ? ' hl-num' : ''}`, 'aria-sort': 'none' }, b);
    b.addEventListener('click', () => sortBy(c.key));
    header.append(headButtons[c.key]);
  }
  const spacer = el('div', { class: 'hl-spacer' });
  const viewport = el('div', { class: 'hl-viewport', role: 'rowgroup' }, spacer);
  const grid = el('div', { class: 'hl-grid', role: 'grid', 'aria-label': 'Live objects', 'aria-readonly': 'true' },
    el('div', { role: 'rowgroup', class: 'hl-headgroup' }, header), viewport);
  root.append(el('h3', { class: 'hl-title', text: 'Objects' }), toolbar, grid);

  let snap = null, view = new Uint32Array(0), nameOf = new Map(), collect = new Set(), nameRank = new Map();
  let sortKey = null, sortDir = 1, selected = null, focusIdx = 0, idToRow = null;
  const pool = []; // recycled row elements

  function rebuild() {
    idToRow = null;
    if (!snap) { view = new Uint32Array(0); render(); return; }
    const o = snap.objects, n = o.count, tn = snap.typeNames;
    const q = filter.value.trim().toLowerCase();
    const typeOk = new Uint8Array(tn.length);
    tn.forEach((t, i) => { typeOk[i] = !q || t.toLowerCase().includes(q) ? 1 : 0; });
    const only = namedOnly.checked;
    const out = new Uint32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!typeOk[o.typeIdx[i]]) continue;
      if (only && !nameOf.has(o.id[i])) continue;
      out[k++] = i;
    }
    view = out.subarray(0, k);
    const id = o.id, dir = sortDir;
    /* Named objects first (definition order) unless a column says otherwise. */
    const named = (i) => nameRank.get(id[i]) ?? Infinity;
    let cmp;
    switch (sortKey) {
      case 'name': cmp = (a, b) => {
        const na = nameOf.get(id[a]), nb = nameOf.get(id[b]);
        if (na !== undefined && nb !== undefined) return dir * (na < nb ? -1 : na > nb ? 1 : 0);
        return na !== undefined ? -1 : nb !== undefined ? 1 : id[a] - id[b];
      }; break;
      case 'type': {
        const rank = new Uint16Array(tn.length);
        [...tn.keys()].sort((x, y) => (tn[x] < tn[y] ? -1 : tn[x] > tn[y] ? 1 : 0)).forEach((t, r) => { rank[t] = r; });
        cmp = (a, b) => dir * (rank[o.typeIdx[a]] - rank[o.typeIdx[b]]) || id[a] - id[b];
        break;
      }
      case 'id': case 'refcount': case 'size': case 'generation': {
        const col = o[sortKey];
        cmp = (a, b) => dir * (col[a] - col[b]) || id[a] - id[b];
        break;
      }
      default: cmp = (a, b) => named(a) - named(b) || id[a] - id[b];
    }
    view.sort(cmp);
    for (const c of COLUMNS) headButtons[c.key].setAttribute('aria-sort', c.key === sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    const names = nameOf.size;
    setText(count, `${num(k)} of ${num(n)} objects${names ? ` · ${num(names)} named` : ''}`);
    grid.setAttribute('aria-rowcount', k + 1);
    if (focusIdx >= k) focusIdx = Math.max(0, k - 1);
    render();
  }

  function sortBy(key) {
    if (sortKey === key) {
      if (sortDir < 0) { sortKey = null; sortDir = 1; } else sortDir = -1; // third click: back to named-first
    } else { sortKey = key; sortDir = 1; }
    rebuild();
  }

  function rowEl() {
    const r = el('div', { class: 'hl-row', role: 'row', tabindex: -1 });
    r.cells = COLUMNS.map((c) => el('span', { role: 'gridcell', class: `hl-c hl-c-${c.key}${c.num ? ' hl-num' : ''}` }));
    r.append(...r.cells);
    return r;
  }

  function render() {
    spacer.style.height = `${view.length * ROW_HEIGHT}px`;
    const h = viewport.clientHeight || ROW_HEIGHT * 14;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(view.length, Math.ceil((viewport.scrollTop + h) / ROW_HEIGHT) + OVERSCAN);
    const need = last - first;
    while (pool.length < need) { const r = rowEl(); pool.push(r); viewport.append(r); }
    if (!snap) { for (const r of pool) r.hidden = true; return; }
    const o = snap.objects, C = snap.constants, tn = snap.typeNames;
    for (let k = 0; k < pool.length; k++) {
      const r = pool[k];
      if (k >= need) { if (!r.hidden) { r.hidden = true; r.removeAttribute('data-object-id'); } continue; }
      const v = first + k, i = view[v], id = o.id[i];
      r.hidden = false;
      r.style.transform = `translateY(${v * ROW_HEIGHT}px)`;
      r.dataset.objectId = String(id);
      r.dataset.index = String(v);
      r.setAttribute('aria-rowindex', v + 2);
      const name = nameOf.get(id);
      setText(r.cells[0], name ?? '');
      setText(r.cells[1], hex(id));
      setText(r.cells[2], tn[o.typeIdx[i]]);
      setText(r.cells[3], num(o.refcount[i]));
      setText(r.cells[4], num(o.size[i]));
      setText(r.cells[5], genLabel(o.generation[i], C));
      r.classList.toggle('hl-named', name !== undefined);
      r.classList.toggle('hl-collect', collect.has(id));
      r.classList.toggle('hl-new', o.isNew?.[i] === 1);
      const sel = id === selected;
      r.classList.toggle('hl-selected', sel);
      r.setAttribute('aria-selected', sel ? 'true' : 'false');
      r.tabIndex = v === focusIdx ? 0 : -1;
      r.title = `${tn[o.typeIdx[i]]} at ${hex(id)}${collect.has(id) ? ' — gc.collect() would free it' : ''}${o.isNew?.[i] ? ' — allocated by the last cell' : ''}`;
    }
    /* Keep the grid reachable by Tab even when the focused row is scrolled away. */
    viewport.tabIndex = pool.some((r) => !r.hidden && r.tabIndex === 0) ? -1 : 0;
  }

  function rowFor(v) { return pool.find((r) => !r.hidden && r.dataset.index === String(v)); }
  function focusRow(v, { select = false } = {}) {
    if (!view.length) return;
    focusIdx = Math.max(0, Math.min(view.length - 1, v));
    const top = focusIdx * ROW_HEIGHT, h = viewport.clientHeight || ROW_HEIGHT * 14;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > viewport.scrollTop + h) viewport.scrollTop = top + ROW_HEIGHT - h;
    render();
    rowFor(focusIdx)?.focus({ preventScroll: true });
    if (select) choose(snap.objects.id[view[focusIdx]]);
  }

  function choose(id) {
    selected = id;
    render();
    onSelect?.(id);
  }

  viewport.addEventListener('scroll', () => render(), { passive: true });
  viewport.addEventListener('click', (ev) => {
    const r = ev.target.closest?.('.hl-row[data-object-id]');
    if (!r) return;
    focusIdx = Number(r.dataset.index);
    choose(Number(r.dataset.objectId));
    r.focus({ preventScroll: true });
  });
  grid.addEventListener('keydown', (ev) => {
    if (ev.target.closest?.('.hl-head')) return;
    const page = Math.max(1, Math.floor((viewport.clientHeight || ROW_HEIGHT * 14) / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (ev.key in moves) focusRow(focusIdx + moves[ev.key]);
    else if (ev.key === 'Home') focusRow(0);
    else if (ev.key === 'End') focusRow(view.length - 1);
    else if (ev.key === 'Enter' || ev.key === ' ') focusRow(focusIdx, { select: true });
    else return;
    ev.preventDefault();
  });
  viewport.addEventListener('focus', (ev) => { if (ev.target === viewport) focusRow(focusIdx); });
  filter.addEventListener('input', () => { viewport.scrollTop = 0; focusIdx = 0; rebuild(); });
  namedOnly.addEventListener('change', () => { viewport.scrollTop = 0; focusIdx = 0; rebuild(); });
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => render()).observe(viewport);

  function update(s) {
    snap = s;
    nameOf = namesById(s.names);
    nameRank = new Map();
    let r = 0;
    for (const { id, internal } of s.names) if (!internal && !nameRank.has(id)) nameRank.set(id, r++);
    collect = new Set(s.wouldCollect);
    idToRow = null;
    rebuild();
  }

  /* Selects an object from elsewhere (the graph, "would collect"): the
   * row scrolls into view if the current filter shows it. */
  function select(id, { notify = false } = {}) {
    selected = id;
    if (snap) {
      if (!idToRow) { idToRow = new Map(); for (let v = 0; v < view.length; v++) idToRow.set(snap.objects.id[view[v]], v); }
      const v = idToRow.get(id);
      if (v !== undefined) {
        focusIdx = v;
        const top = v * ROW_HEIGHT, h = viewport.clientHeight || ROW_HEIGHT * 14;
        if (top < viewport.scrollTop || top + ROW_HEIGHT > viewport.scrollTop + h) viewport.scrollTop = Math.max(0, top - h / 2);
      }
    }
    render();
    if (notify) onSelect?.(id);
  }
  function reset() { snap = null; selected = null; focusIdx = 0; viewport.scrollTop = 0; nameOf = new Map(); collect = new Set(); view = new Uint32Array(0); setText(count, ''); render(); }
  return { root, update, reset, select, render, get selected() { return selected; } };
}
