/*
 * main.js — the notebook page: markdown and code cells, the toolbar (Run all,
 * Stop, Restart, Open, Save, theme), the run queue, and the heap panels.
 * The runtime lives in a worker (worker.js, through client.js), so the page
 * stays responsive while a cell runs; everything a program prints is shown
 * as text (textContent), and markdown goes through DOMPurify.
 *
 * URL: notebook.html?nb=NAME opens notebooks/NAME.ipynb; without it, an empty
 * notebook.  &run=all runs every cell once the page has loaded, &run=first
 * the first code cell (the budget script times it).
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { createClient } from './client.js';
import { createEditor } from './editor.js';
import { parseNotebook, notebookTitle, outputsOf, outputText, serializeNotebook, sourceLines, joinText } from '../../wasm/nbformat.js';
import { createPanels } from './panels/index.js';
import { initTheme } from './theme.js';

const $ = (id) => document.getElementById(id);
/* GitHub-flavoured markdown, as Jupyter renders it (Jupyter uses marked too). */
const md = new Marked({ gfm: true });
const HEAP_LIMIT_TEXT = '256 MiB';

let notebook = null;  // the nbformat object being shown
let fileName = 'untitled.ipynb';
let cells = [];       // { kind: code | markdown | raw, json, el, view?, prompt?, out?, outputs, count, state }
const queue = [];
let current = null;   // the cell running now
let lastSnapshot = null;

const panels = createPanels($('panels'), { requestObject: (id) => client.object(id), compact: false });
const showSnapshot = (snapshot) => {
  lastSnapshot = snapshot;
  panels.update(snapshot);
};
const client = createClient(new URL('./worker.js', import.meta.url), {
  onReady(snapshot) { setKernel(current ? 'busy' : 'idle'); showSnapshot(snapshot); },
  onSnapshot: showSnapshot,
  onError(message) { setKernel('dead'); say(`The runtime stopped: ${message}`, true); },
}, window.heaplabWorker);

function setKernel(state) {
  document.body.dataset.kernel = state;
  $('kernel').textContent = { starting: 'starting…', idle: 'ready', busy: 'running…', dead: 'stopped — Restart' }[state];
}

/* A one-line message under the toolbar (errors in red), with an optional Restart offer. */
function say(text, isError = false, offerRestart = isError) {
  const p = $('message');
  p.replaceChildren(text);
  p.classList.toggle('error', isError);
  if (offerRestart) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'Restart';
    b.addEventListener('click', restart);
    p.append(' ', b);
  }
  p.hidden = !text;
}

/* ---- rendering ---- */

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderOutputs(c, outputs) {
  c.out.replaceChildren(...outputs.map((o) => {
    const [kind, text] = outputText(o);
    const pre = el('pre', `hl-out hl-out-${kind}`, text);
    pre.dataset.output = kind;
    return pre;
  }));
  if (outputs.some((o) => o.output_type === 'error' && o.ename === 'MemoryError'))
    c.out.append(el('p', 'hl-hint', `The heap reached its limit (${HEAP_LIMIT_TEXT}). Delete big objects, or Restart for a fresh heap.`));
}

function setPrompt(c) {
  const label = c.state === 'queued' || c.state === 'running' ? '*' : c.count ?? ' ';
  c.prompt.textContent = `[${label}]`;
  c.el.dataset.state = c.state;
}

function codeCell(json) {
  const c = { kind: 'code', json, outputs: json.outputs ?? [], count: json.execution_count ?? null, state: 'stored' };
  c.el = el('section', 'hl-cell hl-code-cell');
  c.prompt = el('div', 'hl-prompt');
  const run = el('button', 'hl-run-cell', '▶');
  run.type = 'button';
  run.title = 'Run this cell (Shift-Enter; Ctrl-Enter runs in place)';
  run.setAttribute('aria-label', 'Run cell');
  run.addEventListener('click', () => enqueue(c));
  const side = el('div', 'hl-gutter');
  side.append(c.prompt, run);
  const body = el('div', 'hl-cell-body');
  const editor = el('div', 'hl-editor');
  c.out = el('div', 'hl-outputs');
  c.out.setAttribute('aria-live', 'polite');
  body.append(editor, c.out);
  c.el.append(side, body);
  /* The editor is made when first needed (focus, a click, or soon after
   * the notebook shows: mountEditors); until then the source shows as
   * plain text, so a long notebook is on screen, and its first cell can
   * run, before dozens of editors are built. */
  const text = el('pre', 'hl-static-code', joinText(json.source));
  text.tabIndex = 0;
  text.setAttribute('aria-label', 'Code cell (press a key or click to edit)');
  editor.append(text);
  c.mount = () => {
    if (!c.view) {
      text.remove();
      c.view = createEditor(editor, joinText(json.source), {
        label: 'Code cell',
        onRun: () => enqueue(c),
        onRunAndAdvance: () => { enqueue(c); advance(c); },
        onEscape: () => c.el.focus(),
      });
    }
    return c.view;
  };
  const mountAndFocus = () => { const hadFocus = document.activeElement === text; c.mount(); if (hadFocus) c.view.focus(); };
  text.addEventListener('focus', mountAndFocus);
  text.addEventListener('mousedown', (e) => { e.preventDefault(); c.mount().focus(); });
  setPrompt(c);
  renderOutputs(c, c.outputs);
  cellActions(c);
  return c;
}

/* A markdown cell: rendered (sanitised); double-click or Enter edits its
 * source in a plain editor, Shift-Enter or Ctrl-Enter renders it again. */
function markdownCell(json) {
  const c = { kind: 'markdown', json, el: el('section', 'hl-cell hl-markdown-cell') };
  c.rendered = el('div', 'hl-markdown');
  c.rendered.title = 'Double-click or Enter to edit';
  c.rendered.addEventListener('dblclick', () => editMarkdown(c));
  c.el.append(c.rendered);
  renderMarkdown(c);
  cellActions(c);
  return c;
}

function renderMarkdown(c) {
  if (c.view) {
    c.json.source = sourceLines(c.view.state.doc.toString());
    c.view.destroy();
    c.view = null;
    c.editorEl.remove();
  }
  c.rendered.innerHTML = DOMPurify.sanitize(md.parse(joinText(c.json.source)) || '<p class="hl-empty">Empty text cell: double-click to write.</p>');
  for (const a of c.rendered.querySelectorAll('a[href]')) a.rel = 'noopener noreferrer';
  c.rendered.hidden = false;
}

function editMarkdown(c) {
  if (c.view) return c.view.focus();
  c.editorEl = el('div', 'hl-editor');
  c.rendered.hidden = true;
  c.el.prepend(c.editorEl);
  c.view = createEditor(c.editorEl, joinText(c.json.source), {
    label: 'Markdown cell', language: null,
    onRun: () => { renderMarkdown(c); c.el.focus(); },
    onRunAndAdvance: () => { renderMarkdown(c); advance(c); },
    onEscape: () => { renderMarkdown(c); c.el.focus(); },
  });
  c.view.focus();
}

function rawCell(json) {
  const c = { kind: 'raw', json, el: el('section', 'hl-cell hl-raw-cell') };
  c.el.append(el('pre', '', joinText(json.source)));
  cellActions(c);
  return c;
}

/* Insert a code or text cell below, delete this one: a small bar shown when
 * the cell is pointed at or has the focus. */
function cellActions(c) {
  c.el.tabIndex = 0; // command mode (commandKey)
  c.el.setAttribute('aria-label', `${c.kind === 'code' ? 'Code' : c.kind === 'markdown' ? 'Text' : 'Raw'} cell: Enter edits, A or B inserts a cell, D D deletes`);
  const bar = el('div', 'hl-cell-actions');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Cell');
  const action = (label, title, f) => {
    const b = el('button', '', label);
    b.type = 'button';
    b.title = title;
    b.addEventListener('click', f);
    bar.append(b);
  };
  action('+ Code', 'Insert a code cell below', () => insertCell(c, 'code'));
  action('+ Text', 'Insert a markdown cell below', () => insertCell(c, 'markdown'));
  action('Delete', 'Delete this cell', () => deleteCell(c));
  c.el.append(bar);
}

const newCellJSON = (kind) => (kind === 'code'
  ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '' }
  : { cell_type: 'markdown', metadata: {}, source: '' });

function insertCell(after, kind, { edit = true, source = '' } = {}) {
  return placeCell(after ? cells.indexOf(after) + 1 : cells.length, kind, { edit, source });
}

/* A new cell of kind at position i of the notebook. */
function placeCell(i, kind, { edit = true, source = '' } = {}) {
  const json = { ...newCellJSON(kind), source };
  const c = kind === 'code' ? codeCell(json) : markdownCell(json);
  const next = cells[i];
  cells.splice(i, 0, c);
  notebook.cells.splice(next ? notebook.cells.indexOf(next.json) : notebook.cells.length, 0, json);
  if (next) next.el.before(c.el); else $('notebook').append(c.el);
  if (!edit) c.el.focus();
  else if (kind === 'code') c.mount().focus();
  else editMarkdown(c);
  return c;
}

function deleteCell(c, { quiet = false } = {}) {
  if (c.state === 'queued' || c.state === 'running') return say('A cell that is running or queued cannot be deleted (Stop it first).', true, false);
  const i = cells.indexOf(c);
  cells.splice(i, 1);
  notebook.cells.splice(notebook.cells.indexOf(c.json), 1);
  c.view?.destroy();
  c.el.remove();
  if (quiet) return;
  const near = cells[i] ?? cells[i - 1];
  if (near) near.el.focus();
  else insertCell(null, 'code');
}

/* ---- command mode: Jupyter's keys on a focused cell (Escape leaves an
 * editor for it): Enter edits, Shift/Ctrl-Enter runs, A/B insert above or
 * below, D D deletes, M and Y turn it into text or code, arrows and J/K
 * move between cells. ---- */

let lastD = -Infinity; // when D was pressed last: D D deletes
function commandKey(e) {
  const c = cells.find((x) => x.el === e.target);
  if (!c || e.altKey || e.metaKey) return;
  const i = cells.indexOf(c), key = e.key;
  if (key !== 'd') lastD = -Infinity;
  const go = (j) => { const t = cells[Math.max(0, Math.min(cells.length - 1, j))]; t.el.focus(); t.el.scrollIntoView({ block: 'nearest' }); };
  const source = () => cellSource(c);
  let handled = true;
  if (key === 'Enter' && (e.shiftKey || e.ctrlKey)) {
    if (c.kind === 'code') enqueue(c);
    if (e.shiftKey) { if (cells[i + 1]) go(i + 1); else insertCell(c, 'code'); }
  } else if (key === 'Enter') {
    if (c.kind === 'code') c.mount().focus(); else if (c.kind === 'markdown') editMarkdown(c);
  } else if (e.ctrlKey) handled = false;
  else if (key === 'ArrowUp' || key === 'k') go(i - 1);
  else if (key === 'ArrowDown' || key === 'j') go(i + 1);
  else if (key === 'a' || key === 'b') placeCell(key === 'a' ? i : i + 1, 'code', { edit: false });
  else if (key === 'd') {
    if (e.timeStamp - lastD < 800) { lastD = -Infinity; deleteCell(c); } else lastD = e.timeStamp;
    return e.preventDefault();
  } else if ((key === 'm' && c.kind !== 'markdown') || (key === 'y' && c.kind !== 'code')) {
    if (c.state === 'queued' || c.state === 'running') return;
    const text = source();
    deleteCell(c, { quiet: true });
    placeCell(i, key === 'm' ? 'markdown' : 'code', { edit: false, source: text });
  } else handled = false;
  if (handled) e.preventDefault();
}

/* Shift-Enter: focus the next code cell; at the end, add an empty one (as Jupyter does). */
function advance(c) {
  const next = cells.slice(cells.indexOf(c) + 1).find((x) => x.kind === 'code');
  if (next) { next.mount().focus(); next.el.scrollIntoView({ block: 'nearest' }); return; }
  insertCell(cells.at(-1), 'code');
}

function showNotebook(nb, name) {
  notebook = nb;
  fileName = name;
  const title = notebookTitle(nb, name.replace(/\.ipynb$/, ''));
  $('title').textContent = title;
  document.title = `${title} — heaplab`;
  queue.length = 0;
  for (const c of cells) c.view?.destroy();
  cells = nb.cells.map((json) => (json.cell_type === 'code' ? codeCell(json)
    : json.cell_type === 'markdown' ? markdownCell(json) : rawCell(json)));
  $('notebook').replaceChildren(...cells.map((c) => c.el));
  mountEditors(cells);
}

/* Builds the code cells' editors a few at a time, yielding between
 * batches so that the worker's messages (the first result) are not kept
 * waiting behind them. */
let mounting = 0;
function mountEditors(list) {
  const generation = ++mounting;
  const todo = list.filter((c) => c.kind === 'code');
  const step = () => {
    if (generation !== mounting) return; // another notebook is showing
    const t0 = performance.now();
    while (todo.length && performance.now() - t0 < 8) todo.shift().mount();
    if (todo.length) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/* A cell's source: its editor's text, or the stored one if it has none yet. */
const cellSource = (c) => (c.view ? c.view.state.doc.toString() : joinText(c.json.source));

/* ---- running ---- */

function enqueue(c) {
  if (c.state === 'queued' || c.state === 'running') return;
  c.state = 'queued';
  setPrompt(c);
  queue.push(c);
  pump();
}

function clearQueue() {
  for (const c of queue.splice(0)) { c.state = 'idle'; setPrompt(c); }
}

async function pump() {
  if (current || !queue.length) return;
  const c = current = queue.shift();
  c.state = 'running';
  setPrompt(c);
  setKernel(client.ready ? 'busy' : 'starting');
  const source = cellSource(c);
  try {
    const { result } = await client.run(source, { onProgress: (r) => renderOutputs(c, outputsOf(r)) });
    if (!document.body.dataset.firstResult) document.body.dataset.firstResult = performance.now().toFixed(1);
    c.outputs = outputsOf(result);
    c.count = source.trim() === '' ? null : result.executionCount;
    c.state = result.error ? 'error' : 'done';
    if (result.error?.type === 'KeyboardInterrupt') clearQueue();
  } catch (e) {
    c.outputs = [{ output_type: 'error', ename: 'RuntimeError', evalue: e.message, traceback: [`The runtime stopped: ${e.message}`] }];
    c.state = 'error';
    clearQueue();
    setKernel('dead');
    say(`The runtime stopped (${e.message}).`, true);
  }
  renderOutputs(c, c.outputs);
  setPrompt(c);
  current = null;
  if (document.body.dataset.kernel !== 'dead') setKernel(queue.length ? 'busy' : 'idle');
  pump();
}

function runAll() {
  for (const c of cells) if (c.kind === 'code') enqueue(c);
}

function stop() {
  clearQueue();
  client.stop();
}

async function restart() {
  clearQueue();
  say('');
  setKernel('starting');
  panels.reset();
  try { await client.restart(); } catch (e) { setKernel('dead'); say(`The runtime could not restart: ${e.message}`, true, false); }
}

/* ---- files ---- */

function save() {
  for (const c of cells) {
    if (c.kind === 'markdown' && c.view) c.json.source = sourceLines(c.view.state.doc.toString());
    if (c.kind !== 'code') continue;
    Object.assign(c.json, { source: sourceLines(cellSource(c)), outputs: c.outputs, execution_count: c.count });
  }
  const url = URL.createObjectURL(new Blob([serializeNotebook(notebook)], { type: 'application/x-ipynb+json' }));
  const a = el('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function open(file) {
  try {
    const nb = parseNotebook(await file.text(), file.name);
    showNotebook(nb, file.name);
    say('');
    history.replaceState(null, '', location.pathname);
    await restart(); // a notebook gets a fresh kernel, as in Jupyter
  } catch (e) {
    say(e.message, true, false);
  }
}

const emptyNotebook = () => ({
  cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '' }],
  metadata: { kernelspec: { display_name: 'heaplab (Python 3.11 subset)', language: 'python', name: 'heaplab' },
    language_info: { name: 'python', version: '3.11' } },
  nbformat: 4, nbformat_minor: 5,
});

async function start() {
  initTheme($('theme'));
  /* The worker may have said 'ready' already (it starts before this
   * module: notebook.html), while createClient replayed its messages. */
  setKernel(client.ready ? 'idle' : 'starting');
  $('notebook').addEventListener('keydown', commandKey);
  $('run-all').addEventListener('click', runAll);
  $('stop').addEventListener('click', stop);
  $('restart').addEventListener('click', restart);
  $('save').addEventListener('click', save);
  $('open-button').addEventListener('click', () => $('open').click());
  $('open').addEventListener('change', (e) => { if (e.target.files[0]) open(e.target.files[0]); e.target.value = ''; });
  const params = new URLSearchParams(location.search);
  const name = params.get('nb');
  if (name && /^[\w.-]+$/.test(name)) {
    try {
      const response = await fetch(`notebooks/${name}.ipynb`);
      if (!response.ok) throw new Error(`notebooks/${name}.ipynb: ${response.status} ${response.statusText}`);
      showNotebook(parseNotebook(await response.text(), `${name}.ipynb`), `${name}.ipynb`);
    } catch (e) {
      showNotebook(emptyNotebook(), 'untitled.ipynb');
      say(`Could not open the notebook: ${e.message}`, true, false);
    }
  } else {
    showNotebook(emptyNotebook(), 'untitled.ipynb');
  }
  if (params.get('run') === 'all') runAll();
  if (params.get('run') === 'first') { const c = cells.find((x) => x.kind === 'code'); if (c) enqueue(c); }
}

/* For the browser tests and the budget script. */
window.heaplabPage = {
  panels,
  get snapshot() { return lastSnapshot; },
  setSource(index, text) {
    const view = cells.filter((c) => c.kind === 'code')[index].mount();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  },
};

start();
