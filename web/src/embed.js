/*
 * embed.js — built as heaplab-embed.js: one
 *   <script type="module" src=".../heaplab-embed.js"></script>
 * turns every <pre data-heaplab> of a page into a live cell (editor, Run,
 * output, a compact heap panel).  All cells of the page share one runtime,
 * in one worker; the worker and the .wasm are found next to this script
 * (import.meta.url), so the page needs no configuration and no special
 * headers.  Attributes on the <pre>:
 *   data-heaplab-panel="off"   no heap panel under this cell
 *   data-heaplab-autorun       run the cell when the page loads (setup code)
 */
import themeCSS from './theme.css'; // text (web/build.js)
import { followSystem } from './theme.js';
import cellCSS from './cell.css';
import embedCSS from './embed.css';
import { createClient } from './client.js';
import { createEditor } from './editor.js';
import { outputsOf, outputText } from '../../wasm/nbformat.js';
import { createPanels } from './panels/index.js';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function setup() {
  const blocks = [...document.querySelectorAll('pre[data-heaplab]')];
  if (!blocks.length) return;
  const style = el('style', '', `${themeCSS}\n${cellCSS}\n${embedCSS}`);
  style.dataset.heaplab = '';
  document.head.append(style);
  const client = createClient(new URL('./worker.js', import.meta.url), {
    onError: (message) => console.error(`heaplab: ${message}`),
  });
  let chain = Promise.resolve(); // runs in page order, one at a time
  let runningCell = null;

  /* After a trap: a fresh runtime for every cell of the page (they share
   * it), their counts and outputs cleared, setup cells run again. */
  const restartOffer = () => {
    const b = el('button', 'hl-run-cell', 'Restart');
    b.type = 'button';
    b.title = 'A fresh runtime for the cells of this page';
    b.addEventListener('click', () => {
      chain = chain.then(async () => {
        await client.restart();
        for (const c of cells) c.reset();
        for (const c of cells) if (c.autorun) c.run();
      });
    });
    const p = el('p', 'hl-hint', 'Start again: ');
    p.append(b);
    return p;
  };

  const cells = blocks.map((pre) => {
    const c = { state: 'idle', count: null };
    const root = el('div', 'heaplab-embed hl-theme');
    followSystem(root);
    const cell = el('div', 'hl-cell hl-code-cell');
    const prompt = el('div', 'hl-prompt', '[ ]');
    const button = el('button', 'hl-run-cell', 'Run');
    button.type = 'button';
    const gutter = el('div', 'hl-gutter');
    gutter.append(prompt, button);
    const body = el('div', 'hl-cell-body');
    const editor = el('div', 'hl-editor');
    const out = el('div', 'hl-outputs');
    out.setAttribute('aria-live', 'polite');
    body.append(editor, out);
    cell.append(gutter, body);
    root.append(cell);
    const panelRoot = pre.dataset.heaplabPanel === 'off' ? null : el('div', 'hl-embed-panel');
    if (panelRoot) root.append(panelRoot);
    pre.replaceWith(root);

    const panels = panelRoot && createPanels(panelRoot, { requestObject: (id) => client.object(id), compact: true });
    const show = (outputs) => out.replaceChildren(...outputs.map((o) => {
      const [kind, text] = outputText(o);
      const p = el('pre', `hl-out hl-out-${kind}`, text);
      p.dataset.output = kind;
      return p;
    }));
    const setState = (state) => {
      c.state = state;
      root.dataset.state = state;
      prompt.textContent = `[${state === 'queued' || state === 'running' ? '*' : c.count ?? ' '}]`;
      button.textContent = state === 'running' ? 'Stop' : 'Run';
      button.setAttribute('aria-label', state === 'running' ? 'Stop this cell' : 'Run this cell');
    };

    c.run = () => {
      if (c.state === 'queued' || c.state === 'running') return chain;
      setState('queued');
      chain = chain.then(async () => {
        setState('running');
        runningCell = c;
        try {
          const { result, snapshot } = await client.run(c.view.state.doc.toString(), {
            onProgress: (r, snap) => { show(outputsOf(r)); panels?.update(snap); },
          });
          c.count = result.executionCount;
          show(outputsOf(result));
          panels?.update(snapshot);
          setState(result.error ? 'error' : 'done');
        } catch (e) {
          show([{ output_type: 'error', traceback: [`The runtime stopped: ${e.message}.`] }]);
          out.append(restartOffer());
          setState('error');
        } finally {
          runningCell = null;
        }
      });
      return chain;
    };
    button.addEventListener('click', () => (c.state === 'running' && runningCell === c ? client.stop() : c.run()));
    c.view = createEditor(editor, pre.textContent.replace(/\n$/, ''), {
      label: 'Python code cell',
      onRun: () => c.run(),
      onRunAndAdvance: () => {
        c.run();
        const next = cells[cells.indexOf(c) + 1];
        next?.view.focus();
      },
    });
    c.reset = () => { c.count = null; show([]); panels?.reset(); setState('idle'); };
    c.autorun = pre.hasAttribute('data-heaplab-autorun');
    setState('idle');
    if (c.autorun) c.run();
    return c;
  });
  window.heaplabEmbed = { cells: cells.length, client };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup, { once: true });
else setup();
