/*
 * generations.js — the collector's three generations: gen-0's count of
 * tracked allocations against its threshold (700: a collection runs inside
 * the allocation that crosses it), gen 1/2 counting collections of the
 * generation below against 10, how many objects each holds, and how many
 * collections each has had.  The bar is what a learner watches fill up.
 *
 * Test hooks: [data-gen="0|1|2"] [data-field="count|threshold|members|collections"].
 */
import { el, num, setText } from './dom.js';

export function createGenerations() {
  const root = el('section', { class: 'hl-gens', 'data-panel': 'generations', 'aria-label': 'GC generations' });
  const rows = [];
  const head = el('div', { class: 'hl-gens-head', 'aria-hidden': 'true' },
    el('span', { text: '' }), el('span', { text: 'count / threshold' }), el('span', { text: 'objects' }),
    el('span', { text: 'collections' }));
  root.append(el('h3', { class: 'hl-title', text: 'Generations' }), head);
  for (let g = 0; g < 3; g++) {
    const f = {};
    const field = (name, cls) => (f[name] = el('span', { 'data-field': name, class: cls }));
    const fill = el('span', { class: 'hl-bar-fill' });
    const bar = el('span', { class: 'hl-bar', role: 'meter', 'aria-valuemin': 0, 'aria-label': `generation ${g} count versus threshold` }, fill);
    const row = el('div', { class: 'hl-gen', 'data-gen': g },
      el('span', { class: 'hl-gen-name', text: `gen ${g}` }),
      el('span', { class: 'hl-gen-bar' }, bar,
        el('span', { class: 'hl-gen-ratio' }, field('count', 'hl-num'), el('span', { class: 'hl-dim', text: ' / ' }), field('threshold', 'hl-num'))),
      el('span', { class: 'hl-gen-stats' },
        el('span', { class: 'hl-num' }, field('members'), el('span', { class: 'hl-unit', text: ' objects' })),
        el('span', { class: 'hl-num' }, field('collections'), el('span', { class: 'hl-unit', text: ' collections' }))));
    rows.push({ row, f, fill, bar });
    root.append(row);
  }
  const extra = el('p', { class: 'hl-note', 'data-field': 'gc-totals' });
  root.append(extra);

  function update(s) {
    let collected = 0, uncollectable = 0;
    s.generations.slice(0, 3).forEach((g, i) => {
      const { f, fill, bar, row } = rows[i];
      setText(f.count, num(g.count));
      setText(f.threshold, String(g.threshold));
      setText(f.members, num(g.members));
      setText(f.collections, num(g.collections));
      const ratio = g.threshold ? Math.min(1, g.count / g.threshold) : 0;
      fill.style.width = `${(ratio * 100).toFixed(1)}%`;
      row.classList.toggle('hl-hot', ratio >= 0.9);
      bar.setAttribute('aria-valuemax', g.threshold);
      bar.setAttribute('aria-valuenow', g.count);
      collected += g.collected ?? 0;
      uncollectable += g.uncollectable ?? 0;
    });
    const perm = s.permanent?.members ? ` · ${num(s.permanent.members)} frozen` : '';
    setText(extra, `collected so far: ${num(collected)} · uncollectable: ${num(uncollectable)}${perm}`);
  }
  function reset() {
    for (const { f, fill } of rows) { for (const k in f) setText(f[k], ''); fill.style.width = '0'; }
    setText(extra, '');
  }
  return { root, update, reset };
}
