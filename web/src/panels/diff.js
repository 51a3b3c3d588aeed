/*
 * diff.js — what the last cell did to the heap: objects it allocated that
 * are still live and objects freed (by type), the refcounts that moved
 * (named objects first: `b = a` shows up as a's refcount going 1 → 2), the
 * collections that ran and their counts, and a timeline of the events in
 * order — runs of allocations folded into one line, collections, __del__
 * calls, weakref callbacks.  Also the one-line summary of compact mode.
 */
import { byTypeText, el, hex, num, setText } from './dom.js';

const MAX_REFCOUNT_ROWS = 60;
const MAX_TIMELINE_ROWS = 200;

/* "cell 3: +10,006 objects (list 10,001, …) · −1,377 freed · 14 collections" */
export function diffLine(d) {
  if (!d) return 'No cell has run yet.';
  const colls = (d.collections ?? []).reduce((a, c) => a + c.collections, 0);
  const dels = d.timeline.filter((e) => e.kind === 'finalize').length;
  const cbs = d.timeline.filter((e) => e.kind === 'weakref_callback').length;
  const parts = [`+${num(d.allocated.count)} live new${d.allocated.count ? ` (${byTypeText(d.allocated.byType, 2)})` : ''}`,
    `−${num(d.freed.count)} freed`];
  if (colls) parts.push(`${colls} collection${colls === 1 ? '' : 's'}`);
  if (dels) parts.push(`${dels} __del__`);
  if (cbs) parts.push(`${cbs} weakref callback${cbs === 1 ? '' : 's'}`);
  return `Cell ${d.cell}: ${parts.join(' · ')}`;
}

export function createDiff({ onSelect }) {
  const root = el('section', { class: 'hl-diff', 'data-panel': 'diff', 'aria-label': 'What the last cell changed' });
  const line = el('p', { class: 'hl-diff-line', 'data-field': 'diff-line' });
  const allocTable = typeTable('allocated (still live)', 'allocated');
  const freedTable = typeTable('freed', 'freed');
  const colls = el('p', { class: 'hl-note', 'data-field': 'collections' });
  const rcBody = el('tbody');
  const rcTable = el('table', { class: 'hl-rc', 'data-field': 'refcounts' },
    el('caption', { text: 'Refcounts that changed' }),
    el('thead', {}, el('tr', {}, ...['object', 'type', 'before', 'after', 'Δ'].map((h) => el('th', { scope: 'col', text: h })))),
    rcBody);
  const rcMore = el('p', { class: 'hl-note' });
  const timeline = el('ol', { class: 'hl-timeline', 'data-field': 'timeline', 'aria-label': 'Timeline of heap events in the cell' });
  root.append(el('h3', { class: 'hl-title', text: 'Last cell' }), line,
    el('div', { class: 'hl-diff-types' }, allocTable.root, freedTable.root), colls,
    el('div', { class: 'hl-scroll-x' }, rcTable), rcMore,
    el('h3', { class: 'hl-title', text: 'Timeline' }), timeline);

  function typeTable(caption, field) {
    const body = el('tbody');
    const t = el('table', { class: 'hl-bytype', 'data-field': field }, el('caption', { text: caption }), body);
    return {
      root: t,
      fill(byType, total) {
        body.textContent = '';
        const rows = Object.entries(byType ?? {}).filter(([, n]) => n).sort((a, b) => b[1] - a[1]);
        for (const [t, n] of rows.slice(0, 12))
          body.append(el('tr', { 'data-type': t }, el('td', { text: t }), el('td', { class: 'hl-num', text: num(n) })));
        if (rows.length > 12) body.append(el('tr', {}, el('td', { class: 'hl-dim', text: `${rows.length - 12} more types` }), el('td', { class: 'hl-num hl-dim', text: num(rows.slice(12).reduce((a, [, n]) => a + n, 0)) })));
        if (!rows.length) body.append(el('tr', {}, el('td', { class: 'hl-dim', text: 'none' }), el('td')));
        body.append(el('tr', { class: 'hl-total' }, el('td', { text: 'total' }), el('td', { class: 'hl-num', text: num(total) })));
      },
    };
  }

  function objButton(id, text) {
    return el('button', { type: 'button', class: 'hl-link', 'data-ref-id': id, text, onclick: () => onSelect?.(id) });
  }

  function event(e) {
    switch (e.kind) {
      case 'objects': {
        const by = {};
        for (const [t, v] of Object.entries(e.byType)) by[t] = v.allocated + v.freed;
        return el('li', { class: 'hl-ev hl-ev-objects' },
          el('span', { class: 'hl-ev-kind', text: 'objects' }),
          `+${num(e.allocated)} allocated, −${num(e.freed)} freed`, el('span', { class: 'hl-dim', text: ` (${byTypeText(by, 3)})` }));
      }
      case 'collection':
        return el('li', { class: 'hl-ev hl-ev-gc' },
          el('span', { class: 'hl-ev-kind', text: `gen ${e.generation} collection` }),
          `${e.collected === null ? 'running…' : `${num(e.collected)} unreachable collected`}`,
          el('span', { class: 'hl-dim', text: ` · ${num(e.freed)} objects freed${e.finalized ? ` · ${e.finalized} finalized` : ''}${e.callbacks ? ` · ${e.callbacks} weakref callback${e.callbacks === 1 ? '' : 's'}` : ''}` }));
      case 'finalize':
        return el('li', { class: `hl-ev hl-ev-del${e.duringCollection ? ' hl-in-gc' : ''}` },
          el('span', { class: 'hl-ev-kind', text: '__del__' }), `${e.typeName} at `, objButton(e.id, hex(e.id)),
          el('span', { class: 'hl-dim', text: e.duringCollection ? ' (by the collector)' : ' (refcount reached 0)' }));
      case 'weakref_callback':
        return el('li', { class: `hl-ev hl-ev-weakref${e.duringCollection ? ' hl-in-gc' : ''}` },
          el('span', { class: 'hl-ev-kind', text: 'weakref callback' }), `${e.callbackRepr ?? `callback at ${hex(e.callback)} (freed since)`} for weakref `, objButton(e.weakref, hex(e.weakref)));
      case 'lost':
        return el('li', { class: 'hl-ev hl-ev-lost' }, el('span', { class: 'hl-ev-kind', text: 'not recorded' }),
          `${num(e.count)} earlier events (the event buffer overflowed; the counts above are exact)`);
      default:
        return el('li', { class: 'hl-ev', text: e.kind });
    }
  }

  function update(s) {
    const d = s.diff;
    setText(line, diffLine(d));
    if (!d) { allocTable.fill({}, 0); freedTable.fill({}, 0); rcBody.textContent = ''; timeline.textContent = ''; setText(colls, ''); setText(rcMore, ''); return; }
    allocTable.fill(d.allocated.byType, d.allocated.count);
    freedTable.fill(d.freed.byType, d.freed.count);
    const cs = (d.collections ?? []).filter((c) => c.collections);
    setText(colls, cs.length ? `Collections: ${cs.map((c) => `gen ${c.generation} ×${c.collections} (${num(c.collected)} collected${c.uncollectable ? `, ${c.uncollectable} uncollectable` : ''})`).join(' · ')}` : 'No collection ran.');
    rcBody.textContent = '';
    for (const r of d.refcounts.slice(0, MAX_REFCOUNT_ROWS)) {
      const delta = r.after - r.before;
      rcBody.append(el('tr', { class: r.name ? 'hl-named' : '', 'data-ref-id': r.id },
        el('td', {}, objButton(r.id, r.name ?? hex(r.id))), el('td', { text: r.typeName }),
        el('td', { class: 'hl-num', text: num(r.before) }), el('td', { class: 'hl-num', text: num(r.after) }),
        el('td', { class: `hl-num ${delta > 0 ? 'hl-up' : 'hl-down'}`, text: delta > 0 ? `+${num(delta)}` : `−${num(-delta)}` })));
    }
    if (!d.refcounts.length) rcBody.append(el('tr', {}, el('td', { class: 'hl-dim', colspan: 5, text: 'no refcount of an older object changed' })));
    const hidden = d.refcountChanges - Math.min(d.refcounts.length, MAX_REFCOUNT_ROWS);
    setText(rcMore, hidden > 0 ? `${num(hidden)} more refcount changes not listed` : '');
    timeline.textContent = '';
    for (const e of d.timeline.slice(0, MAX_TIMELINE_ROWS)) timeline.append(event(e));
    const dropped = d.timeline.length - Math.min(d.timeline.length, MAX_TIMELINE_ROWS) + (d.timelineDropped ?? 0);
    if (dropped > 0) timeline.append(el('li', { class: 'hl-ev hl-dim', text: `… ${num(dropped)} more events` }));
    if (!d.timeline.length) timeline.append(el('li', { class: 'hl-ev hl-dim', text: 'no events' }));
  }
  function reset() { update({ diff: null }); }
  return { root, update, reset };
}

/* The compact mode's one line. */
export function createDiffLine() {
  const root = el('p', { class: 'hl-diff-line', 'data-panel': 'diff', 'data-field': 'diff-line', 'aria-live': 'polite' });
  return { root, update: (s) => setText(root, diffLine(s.diff)), reset: () => setText(root, '') };
}
