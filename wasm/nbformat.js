/*
 * nbformat.js — .ipynb in and out (nbformat 4), and a run's result as
 * Jupyter's outputs: one module for the Node CLI (notebook.js) and the page
 * (web/src), so that a notebook saved from the page and one written by
 * `heaplab notebook run` store the same outputs.  No Node or DOM APIs.
 */

export const joinText = (text) => (Array.isArray(text) ? text.join('') : text ?? '');
const lines = (text) => text.split(/(?<=\n)/).filter((l) => l !== '');

/* A parsed, checked notebook, or an Error with a one-line message. */
export function parseNotebook(text, name = 'the file') {
  let nb;
  try { nb = JSON.parse(text); } catch (e) {
    throw new Error(`${name} is not a notebook: invalid JSON (${e.message})`);
  }
  const bad = (why) => { throw new Error(`${name} is not an nbformat-4 notebook: ${why}`); };
  const isText = (t) => typeof t === 'string' || (Array.isArray(t) && t.every((l) => typeof l === 'string'));
  if (typeof nb !== 'object' || nb === null || Array.isArray(nb)) bad('the top level is not an object');
  if (nb.nbformat !== 4) bad(`nbformat is ${JSON.stringify(nb.nbformat)}, not 4`);
  if (!Array.isArray(nb.cells)) bad('"cells" is not a list');
  nb.cells.forEach((cell, i) => {
    if (typeof cell !== 'object' || cell === null || typeof cell.cell_type !== 'string') bad(`cell ${i + 1} has no cell_type`);
    if (!isText(cell.source)) bad(`cell ${i + 1}'s source is not text`);
    if (cell.cell_type === 'code' && cell.outputs !== undefined && !Array.isArray(cell.outputs)) bad(`cell ${i + 1}'s outputs are not a list`);
  });
  return nb;
}

/* The title: the first markdown heading, else the first code cell's
 * opening comment, else the file name. */
export function notebookTitle(nb, fallback) {
  const cells = nb.cells ?? [];
  for (const cell of cells) {
    if (cell.cell_type !== 'markdown') continue;
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(joinText(cell.source));
    if (m) return m[1].replace(/[*_`]/g, '');
  }
  const code = cells.find((c) => c.cell_type === 'code');
  const comment = code && /^\s*#\s*(.+?)[\s:;,.-]*$/.exec(joinText(code.source).split('\n', 1)[0]);
  return comment ? comment[1] : fallback;
}

/* IPython's traceback list from the runtime's text (see wasm/notebook.js). */
function tracebackList(text) {
  const ls = text.split('\n');
  if (ls.length > 3 && /^-+$/.test(ls[0])) {
    const parts = ls.slice(2).join('\n').split('\n\n');
    return [ls[0], ls[1], ...parts.slice(0, -1).map((p) => p + '\n'), parts.at(-1)];
  }
  const last = text.replace(/\n$/, '').lastIndexOf('\n');
  return last < 0 ? [text] : [text.slice(0, last), text.slice(last + 1)];
}

/* A run's result as nbformat outputs. */
export function outputsOf(r) {
  const outputs = [];
  for (const name of ['stdout', 'stderr'])
    if (r[name]) outputs.push({ name, output_type: 'stream', text: lines(r[name]) });
  if (r.display)
    outputs.push({ data: { 'text/plain': lines(r.display) }, execution_count: r.executionCount, metadata: {}, output_type: 'execute_result' });
  if (r.error)
    outputs.push({ ename: r.error.type, evalue: r.error.message, output_type: 'error', traceback: tracebackList(r.error.traceback) });
  return outputs;
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g; // real Jupyter's tracebacks are coloured

/* What the page shows of an output: [kind, text], kind being stdout, stderr,
 * result or error.  Rich outputs show their text/plain. */
export function outputText(o) {
  switch (o.output_type) {
    case 'stream': return [o.name === 'stderr' ? 'stderr' : 'stdout', joinText(o.text)];
    case 'execute_result': case 'display_data': return ['result', joinText(o.data?.['text/plain'])];
    case 'error': return ['error', (o.traceback ?? [`${o.ename}: ${o.evalue}`]).join('\n').replace(ANSI, '')];
    default: return ['stdout', ''];
  }
}

/* nbformat's JSON layout: sorted keys, indent 1, a final newline. */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
}
export const serializeNotebook = (nb) => JSON.stringify(sorted(nb), null, 1) + '\n';
export const sourceLines = lines;
