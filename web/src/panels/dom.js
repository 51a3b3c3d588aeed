/*
 * dom.js — the little the panels share: an element builder that only ever
 * sets text through textContent (object reprs and names are the user's,
 * so no string from a snapshot is ever parsed as HTML), number and id
 * formatting, and the generation labels.
 */

/* el('div', { class: 'x', 'data-field': 'count' }, child, 'text', ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  return node;
}

/* Sets textContent only when it changed: updates after every cell then
 * touch only what moved. */
export function setText(node, text) {
  const s = String(text);
  if (node.textContent !== s) node.textContent = s;
}

const nf = new Intl.NumberFormat('en-US');
export const num = (n) => nf.format(n);
export const hex = (id) => '0x' + (id >>> 0).toString(16);
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/* What the generation column says: 0/1/2, "perm" (gc.freeze), or why
 * there is none. */
export function genLabel(g, C) {
  if (g === C.HL_GEN_NOT_GC) return 'not GC';
  if (g === C.HL_GEN_UNTRACKED) return 'untracked';
  if (g === C.HL_GEN_PERMANENT) return 'perm';
  return String(g);
}

/* "list 10,001, str 3, +2 more" from { type: count }, largest first. */
export function byTypeText(byType, max = 3) {
  const entries = Object.entries(byType ?? {}).filter(([, n]) => n).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries.slice(0, max).map(([t, n]) => `${t} ${num(n)}`);
  if (entries.length > max) shown.push(`+${entries.length - max} more`);
  return shown.join(', ');
}

/* The user's names by id (IPython's own left out), "a, b" when several. */
export function namesById(names) {
  const m = new Map();
  for (const { name, id, internal } of names ?? []) {
    if (internal) continue;
    m.set(id, m.has(id) ? `${m.get(id)}, ${name}` : name);
  }
  return m;
}
