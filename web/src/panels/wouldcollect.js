/*
 * wouldcollect.js — the objects a full gc.collect() would free right now:
 * unreachable, kept alive only by references among themselves (a cycle
 * and what hangs from it).  The worker computes the set without running
 * a collection (rt.wouldCollect()); here it is listed, each entry
 * selectable, and the table and graph highlight the same ids.
 *
 * Test hook: [data-panel="would-collect"] [data-object-id].
 */
import { el, genLabel, hex, namesById, num, setText } from './dom.js';

const MAX_SHOWN = 100;

export function createWouldCollect({ onSelect }) {
  const root = el('section', { class: 'hl-wc', 'data-panel': 'would-collect', 'aria-label': 'Objects gc.collect() would free' });
  const note = el('p', { class: 'hl-note', 'data-field': 'would-collect-count' });
  const list = el('ul', { class: 'hl-wc-list' });
  root.append(el('h3', { class: 'hl-title', text: 'gc.collect() would free' }), note, list);

  function update(s) {
    const ids = s.wouldCollect ?? [];
    list.textContent = '';
    if (!ids.length) {
      setText(note, 'Nothing: every object is reachable.');
      root.classList.remove('hl-has');
      return;
    }
    root.classList.add('hl-has');
    setText(note, `${num(ids.length)} object${ids.length === 1 ? '' : 's'} unreachable, kept alive only by reference cycles.`);
    const want = new Map();
    for (let k = 0; k < Math.min(ids.length, MAX_SHOWN); k++) want.set(ids[k], -1);
    const o = s.objects;
    for (let i = 0; i < o.count; i++) if (want.has(o.id[i])) want.set(o.id[i], i);
    const nameOf = namesById(s.names);
    for (const [id, i] of want) {
      const type = i >= 0 ? s.typeNames[o.typeIdx[i]] : '?';
      const detail = i >= 0 ? ` · refcount ${num(o.refcount[i])} · ${num(o.size[i])} B · gen ${genLabel(o.generation[i], s.constants)}` : '';
      const b = el('button', { type: 'button', class: 'hl-wc-item', 'data-object-id': id,
        'aria-label': `${type} at ${hex(id)}${nameOf.has(id) ? ` named ${nameOf.get(id)}` : ''}`, onclick: () => onSelect?.(id) },
      el('span', { class: 'hl-wc-type', text: type }), el('span', { class: 'hl-mono', text: ` ${hex(id)}` }),
      nameOf.has(id) ? el('span', { class: 'hl-wc-name', text: ` ${nameOf.get(id)}` }) : null,
      el('span', { class: 'hl-dim', text: detail }));
      list.append(el('li', {}, b));
    }
    if (ids.length > MAX_SHOWN) list.append(el('li', { class: 'hl-dim', text: `… and ${num(ids.length - MAX_SHOWN)} more` }));
  }
  function reset() { list.textContent = ''; setText(note, ''); root.classList.remove('hl-has'); }
  return { root, update, reset };
}
