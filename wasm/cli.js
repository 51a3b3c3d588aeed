#!/usr/bin/env -S node --stack-size=4000
/*
 * cli.js — the `heaplab` command of the npm package: the wasm build run
 * from Node.
 *
 *   heaplab [--audit] FILE.py                  like `python3 FILE.py` (and
 *                                              the native build/heaplab)
 *   heaplab notebook run NB.ipynb [--output OUT.ipynb]
 *   heaplab notebook check NB.ipynb...
 *
 * Script mode does not capture output: the runtime writes to file
 * descriptors 1 and 2 as the program prints (through the bridge's WASI
 * fd_write, synchronously), so interleaving and partial output before a
 * crash are those of the native CLI.  The file name is made absolute the
 * way CPython does (the current directory joined to it, not normalised),
 * because tracebacks show it.  The exit status is the script's (1 for an
 * uncaught exception, SystemExit's code, 130 for KeyboardInterrupt), 2 for
 * a file that cannot be read, and with --audit 3 if the heap audit after
 * the run fails.  The notebook commands live in notebook.js, loaded only
 * when used so that running a script starts as fast as possible.
 *
 * The first line gives V8 a 4 MB stack instead of its default 984 KB (the
 * main thread's stack is 8 MB on Linux and macOS): the bridge sizes the
 * runtime's C recursion budget from it, and with 4 MB recursion through
 * dunder methods reaches CPython's default recursion limit as in CPython.
 * That flag costs Node about 6 ms of its own start-up (with any V8 flag on
 * its command line Node cannot use its built-in code cache), which is why
 * the flags below are set at run time; the stack size cannot be.
 */
import { readFileSync, writeSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { fdWriter, load } from './heaplab.js';

/* V8's WebAssembly compiler, tuned for a start-up measured in milliseconds
 * (this process only; set before the module is compiled):
 *   compilation hints   compile the functions the build marked as run by a
 *                       cold start (starthints.js) eagerly, as one batch,
 *                       instead of one by one at their first calls
 *   lazy validation     a function never called is never validated
 *   tiering budget      11 times V8's default before a hot function is
 *                       recompiled by the optimizing tier: on a small
 *                       machine those compiles slow a short run down, and a
 *                       long one still gets them (tests/bench times alike)
 * The flags are those of V8 11 to 13 (Node 20 to 24); another V8 would
 * report a flag it does not know on stderr, so it gets none. */
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13)
  for (const flag of ['--experimental-wasm-compilation-hints', '--wasm-lazy-validation', '--wasm-tiering-budget=20000000'])
    setFlagsFromString(flag);

const USAGE = 'usage: heaplab [--audit] FILE.py | heaplab notebook run NB.ipynb [--output OUT.ipynb] | ' +
  'heaplab notebook check NB.ipynb...';
const ERRNO = { ENOENT: [2, 'No such file or directory'], EACCES: [13, 'Permission denied'], EISDIR: [21, 'Is a directory'] };

function fail(message, status = 2) {
  process.stderr.write(message + '\n');
  process.exitCode = status;
}

async function runScript(path, audit) {
  const full = isAbsolute(path) ? path : process.cwd() + '/' + path;
  let source;
  try {
    source = readFileSync(full); // bytes: the parser decodes them as python3 does
  } catch (e) {
    const [errno, text] = ERRNO[e.code] ?? [Math.abs(e.errno ?? 0), e.message];
    return fail(`heaplab: can't open file '${full}': [Errno ${errno}] ${text}`);
  }
  /* The module's bytes and a writer from the fs already imported: the
   * bridge would import node:fs itself for each (a cold start's worth). */
  const wasm = readFileSync(new URL('../build/wasm/heaplab.wasm', import.meta.url));
  const out = fdWriter(writeSync);
  const write = (fd, bytes) => {
    try {
      out(fd, bytes);
    } catch (e) {
      /* The reader went away (`| head`; a socket reports it as a reset):
       * end as SIGPIPE would end a C program. */
      if (e.code === 'EPIPE' || e.code === 'ECONNRESET') process.exit(141);
      throw e;
    }
  };
  const rt = await load({ capture: false, events: false, wasm, write });
  const result = rt.run(source, { mode: 'script', filename: full });
  let status = result.exitStatus;
  if (audit) {
    const report = rt.audit();
    if (report !== null) {
      process.stderr.write('heaplab: heap audit failed:\n' + report);
      status = 3;
    }
  }
  process.exitCode = status;
}

async function main(args) {
  if (args[0] === 'notebook') {
    const { notebookCommand } = await import('./notebook.js');
    const error = await notebookCommand(args.slice(1));
    if (typeof error === 'string') return fail(error);
    process.exitCode = error;
    return;
  }
  const audit = args[0] === '--audit';
  if (args.length === 1 + audit && !args[+audit].startsWith('-')) return runScript(args[+audit], audit);
  fail(USAGE);
}

main(process.argv.slice(2)).catch((e) => fail(e.message.startsWith('heaplab: ') ? e.message : `heaplab: ${e.message}`, 1));
