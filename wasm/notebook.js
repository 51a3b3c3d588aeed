/*
 * notebook.js — `heaplab notebook run` and `heaplab notebook check`.
 *
 * run executes every code cell of an nbformat-4 notebook in cell mode, one
 * runtime for the whole notebook as one kernel would, and stores the
 * outputs as Jupyter does: a stdout and a stderr stream, an execute_result
 * (text/plain, with the execution count) for a displayed value, an error
 * (ename, evalue, traceback as a list: the rule, the header, one entry per
 * frame, the exception line).  The kernel's working directory is the
 * same '/notebooks' wherever the file is (see execute).  A cell of only white space is not run and
 * keeps execution_count null, as in IPython.  The notebook is written back
 * in nbformat's own layout (keys sorted, one-space indent, text as lists of
 * lines), in place unless --output names another file.
 *
 * check re-executes each notebook and compares every code cell's new
 * outputs with the stored ones the way nbval does: streams of one name
 * joined, text/plain of results, ename and evalue of errors (tracebacks
 * and execution counts are not compared), memory addresses (0x…)
 * normalised.  Cells tagged nbval-skip (or starting with a `# NBVAL_SKIP`
 * line) are not run; nbval-ignore-output (`# NBVAL_IGNORE_OUTPUT`) cells
 * run but always pass.  Each mismatch is printed with a unified diff; the
 * last line is "N passed, M failed", the status 1 if anything failed.
 *
 * A file that is not a notebook is reported on one line (status 2).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { load } from './heaplab.js';
import { joinText as join, outputsOf, parseNotebook, serializeNotebook } from './nbformat.js';

class NotebookError extends Error {}

/* The notebook at path, checked (nbformat.js); a NotebookError if not. */
function readNotebook(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NotebookError(`heaplab: ${path}: cannot read the file (${e.code})`);
  }
  try {
    return parseNotebook(text, path);
  } catch (e) {
    throw new NotebookError(`heaplab: ${e.message}`);
  }
}

const marker = (cell, tag, comment) =>
  (cell.metadata?.tags ?? []).includes(tag) || join(cell.source).split('\n', 1)[0].trim() === comment;

/* Runs the code cells; stores their outputs, or hands them to onCell. */
async function execute(nb, path, { skip = () => false, onCell } = {}) {
  /* A kernel starts in the notebook's folder, which IPython's _dh shows;
   * heaplab's is the same '/notebooks' wherever the file is (as on the
   * page, web/src/worker.js), so stored outputs hold no machine's path and
   * check the same on every machine. */
  const rt = await load({ events: false, cwd: '/notebooks' });
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code' || skip(cell)) continue;
    const source = join(cell.source);
    const r = rt.run(source, { mode: 'cell' });
    const outputs = outputsOf(r);
    const count = source.trim() === '' ? null : r.executionCount;
    if (onCell) onCell(i, cell, outputs, count);
    else Object.assign(cell, { outputs, execution_count: count });
  }
}


/* What nbval compares, as text for a diff. */
function summary(outputs) {
  const streams = {}, rest = [];
  for (const o of outputs ?? []) {
    if (o.output_type === 'stream') streams[o.name] = (streams[o.name] ?? '') + join(o.text);
    else if (o.output_type === 'execute_result' || o.output_type === 'display_data')
      rest.push(`[${o.output_type === 'execute_result' ? 'Out' : 'display'}]\n${join(o.data?.['text/plain'])}\n`);
    else if (o.output_type === 'error') rest.push(`[error]\n${o.ename}: ${o.evalue}\n`);
  }
  const text = Object.keys(streams).sort().map((k) => `[${k}]\n${streams[k]}${streams[k].endsWith('\n') ? '' : '\n'}`).join('') + rest.join('');
  return text.replace(/0x[0-9a-fA-F]+/g, '0x…');
}

async function check(paths) {
  let passed = 0, failed = 0;
  for (const path of paths) {
    const nb = readNotebook(path);
    const skip = (cell) => marker(cell, 'nbval-skip', '# NBVAL_SKIP');
    await execute(nb, path, { skip, onCell: (i, cell, outputs, count) => {
      const want = summary(cell.outputs), got = summary(outputs);
      if (want === got || marker(cell, 'nbval-ignore-output', '# NBVAL_IGNORE_OUTPUT')) return passed++;
      failed++;
      const first = join(cell.source).split('\n', 1)[0];
      process.stdout.write(`${path}: cell ${i + 1} (In [${count}]): ${first}\n` +
        createTwoFilesPatch('stored', 'heaplab', want, got, undefined, undefined, { context: 2 }).split('\n').slice(1).join('\n'));
    } });
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed ? 1 : 0;
}

/* Returns the exit status, or a message for a usage error or a malformed notebook. */
export async function notebookCommand(args) {
  try {
    if (args[0] === 'run' && (args.length === 2 || (args.length === 4 && args[2] === '--output'))) {
      const nb = readNotebook(args[1]);
      await execute(nb, args[1]);
      writeFileSync(args[3] ?? args[1], serializeNotebook(nb));
      return 0;
    }
    if (args[0] === 'check' && args.length >= 2) return await check(args.slice(1));
  } catch (e) {
    if (e instanceof NotebookError) return e.message;
    throw e;
  }
  return 'usage: heaplab notebook run NB.ipynb [--output OUT.ipynb] | heaplab notebook check NB.ipynb...';
}
