/*
 * index.js — the heap panels of the notebook page and the embed, drawn
 * from the snapshots the worker's tracker (web/src/heap/snapshot.js) makes.
 *
 *   const panels = createPanels(rootElement, { requestObject, compact });
 *   panels.update(snapshot);   // after every cell (and during long ones)
 *   panels.reset();            // on Restart
 *
 * requestObject(id) → Promise<objectDetail> asks the worker for the
 * reference graph around one object; it is called when a row, a graph node
 * or a "would collect" entry is selected, and again after each update for
 * the selected object (its refcount or references may have moved).
 *
 * Layout: generations and "would collect" always in view (what a learner
 * watches while running cells), then a tab strip — Objects (table and
 * graph), Last cell (the diff and timeline), Allocator (size classes and
 * the pool map) — which stays usable on a 375-px phone.  Compact mode
 * (course pages): generations, "would collect" and one line of diff.
 * Themes: CSS variables in panels.css (the page's theme variables when it
 * has them), following prefers-color-scheme unless <html data-theme="dark|light">
 * says otherwise.  The CSS comes in as text (esbuild's text loader, as the
 * site's build configures it) and is injected once per document, so the
 * same bundle serves the notebook page and the embed.
 */
import panelsCSS from './panels.css';
import { createAllocator } from './allocator.js';
import { createDiff, createDiffLine } from './diff.js';
import { el } from './dom.js';
import { createGenerations } from './generations.js';
import { createGraph } from './graph.js';
import { createObjects } from './objects.js';
import { createWouldCollect } from './wouldcollect.js';

let instances = 0;

function injectCSS(doc) {
  if (typeof panelsCSS !== 'string' || doc.querySelector('style[data-heaplab-panels]')) return;
  const style = doc.createElement('style');
  style.dataset.heaplabPanels = '';
  style.textContent = panelsCSS;
  doc.head.append(style);
}

export function createPanels(root, { requestObject, compact = false } = {}) {
  injectCSS(root.ownerDocument ?? document);
  const uid = `hl-p${++instances}`;
  const box = el('div', { class: `hl-panels${compact ? ' hl-compact' : ''}`, 'data-heaplab-panels': compact ? 'compact' : 'full' });
  root.append(box);
  let snap = null, request = 0, lastUpdateMs = 0;

  /* Selecting an object anywhere: the table marks it, the graph asks the
   * worker for its neighbourhood; only the latest answer is drawn. */
  async function select(id, { showTab = true } = {}) {
    if (!objects) return;
    objects.select(id);
    if (showTab) showPanel('objects');
    const mine = ++request;
    if (!requestObject) return;
    try {
      const detail = await requestObject(id);
      if (mine === request) graph.render(detail);
    } catch (err) {
      if (mine === request) graph.render({ root: id, missing: true, nodes: [], edges: [], cycle: [], wouldCollect: [], error: String(err) });
    }
  }

  const generations = createGenerations();
  const wouldCollect = createWouldCollect({ onSelect: (id) => select(id) });
  let objects = null, graph = null, diff, allocator = null, showPanel = () => {};
  const parts = [generations, wouldCollect];

  if (compact) {
    diff = createDiffLine();
    box.append(el('div', { class: 'hl-overview' }, generations.root, wouldCollect.root), diff.root);
    parts.push(diff);
  } else {
    graph = createGraph({ onSelect: (id) => select(id, { showTab: false }) });
    objects = createObjects({ onSelect: (id) => select(id, { showTab: false }) });
    diff = createDiff({ onSelect: (id) => select(id) });
    allocator = createAllocator();
    parts.push(objects, diff, allocator);
    const tabs = [
      { key: 'objects', label: 'Objects', body: [objects.root, graph.root] },
      { key: 'diff', label: 'Last cell', body: [diff.root] },
      { key: 'allocator', label: 'Allocator', body: [allocator.root] },
    ];
    const strip = el('div', { class: 'hl-tabs', role: 'tablist', 'aria-label': 'Heap panels' });
    const buttons = new Map(), bodies = new Map();
    for (const t of tabs) {
      const b = el('button', { type: 'button', role: 'tab', id: `${uid}-tab-${t.key}`, 'aria-controls': `${uid}-panel-${t.key}`,
        'data-tab': t.key, text: t.label, onclick: () => showPanel(t.key, true) });
      const body = el('div', { role: 'tabpanel', id: `${uid}-panel-${t.key}`, 'aria-labelledby': b.id, class: 'hl-tabpanel', 'data-tabpanel': t.key }, ...t.body);
      buttons.set(t.key, b);
      bodies.set(t.key, body);
      strip.append(b);
    }
    /* Tabs as WAI-ARIA describes them: arrows move between tabs, the
     * selected one alone is in the Tab order. */
    strip.addEventListener('keydown', (ev) => {
      const keys = [...buttons.keys()], i = keys.indexOf(ev.target.dataset?.tab);
      if (i < 0) return;
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: keys.length - 1 }[ev.key];
      if (next === undefined) return;
      ev.preventDefault();
      showPanel(keys[(next + keys.length) % keys.length], true);
    });
    showPanel = (key, focus = false) => {
      for (const [k, b] of buttons) {
        const on = k === key;
        b.setAttribute('aria-selected', on ? 'true' : 'false');
        b.tabIndex = on ? 0 : -1;
        bodies.get(k).hidden = !on;
      }
      if (focus) buttons.get(key).focus();
      if (key === 'objects') objects.render(); // its viewport had no height while hidden
      if (key === 'allocator') allocator.draw();
    };
    box.append(el('div', { class: 'hl-overview' }, generations.root, wouldCollect.root), strip, ...bodies.values());
    showPanel('objects');
  }

  function update(snapshot) {
    const t0 = performance.now();
    snap = snapshot;
    for (const p of parts) p.update(snapshot);
    lastUpdateMs = performance.now() - t0;
    /* The selected object's neighbourhood may have changed with the heap. */
    if (objects?.selected != null && requestObject) {
      const id = objects.selected, mine = ++request;
      Promise.resolve(requestObject(id)).then((d) => { if (mine === request) graph.render(d); }, () => {});
    }
  }

  function reset() {
    snap = null;
    request++;
    for (const p of parts) p.reset();
    graph?.reset();
  }

  return {
    update, reset,
    select: (id) => select(id),
    show: (key) => showPanel(key),
    get snapshot() { return snap; },
    get lastUpdateMs() { return lastUpdateMs; },
  };
}
