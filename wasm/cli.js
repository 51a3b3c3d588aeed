#!/usr/bin/env -S node --stack-size=4000
/*
 * cli.js — the `heaplab` command of the npm package: the wasm build run
 * from Node.
 *
 *   heaplab [--audit] FILE.py [ARG...]         like `python3 FILE.py` (and
 *                                              the native build/heaplab)
 *   heaplab [--audit] -c CMD [ARG...]          like `python3 -c CMD`
 *   heaplab [--audit] [-] [ARG...]             the program on stdin
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

const USAGE = 'usage: heaplab [--audit] [-c CMD | FILE.py | -] [ARG...] | ' +
  'heaplab notebook run NB.ipynb [--output OUT.ipynb] | heaplab notebook check NB.ipynb...';
const ERRNO = { ENOENT: [2, 'No such file or directory'], EACCES: [13, 'Permission denied'], EISDIR: [21, 'Is a directory'] };

function fail(message, status = 2) {
  process.stderr.write(message + '\n');
  process.exitCode = status;
}

/* Runs a program (the text of a file, stdin's, or a -c string) as python3
 * runs it; filename undefined for a -c string. */
async function runProgram(source, filename, argv, audit) {
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
  const result = rt.run(source, { mode: 'script', filename, argv });
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

function readProgram(path) {
  const full = isAbsolute(path) ? path : process.cwd() + '/' + path;
  try {
    return [readFileSync(full), full]; // bytes: the parser decodes them as python3 does
  } catch (e) {
    const [errno, text] = ERRNO[e.code] ?? [Math.abs(e.errno ?? 0), e.message];
    fail(`heaplab: can't open file '${full}': [Errno ${errno}] ${text}`);
    return [];
  }
}

/* The command line, read as python3 reads its own (and as the native CLI
 * does): the first of -c CMD (or -cCMD), - or FILE ends the options, and
 * what follows is the program's (sys.argv[1:]); with none of them the
 * program is read from stdin unless that is a terminal. */
async function main(args) {
  if (args[0] === 'notebook') {
    const { notebookCommand } = await import('./notebook.js');
    const error = await notebookCommand(args.slice(1));
    if (typeof error === 'string') return fail(error);
    process.exitCode = error;
    return;
  }
  const audit = args[0] === '--audit';
  const [arg, ...rest] = args.slice(+audit);
  if (arg === '-h' || arg === '--help') return void process.stdout.write(USAGE + '\n');
  if (arg?.startsWith('-c')) {
    const command = arg.length > 2 ? arg.slice(2) : rest.shift();
    if (command === undefined) return fail('Argument expected for the -c option\n' + USAGE);
    return runProgram(command, undefined, ['-c', ...rest], audit);
  }
  if (arg !== undefined && arg !== '-' && arg.startsWith('-'))
    return fail(`${arg.startsWith('--') ? 'unknown option ' : 'Unknown option: '}${arg}\n` + USAGE);
  if (arg === undefined || arg === '-') {
    if (arg === undefined && (await import('node:tty')).isatty(0))
      return fail('heaplab has no interactive mode: give it a program (FILE.py, -c CMD or -)\n' + USAGE);
    return runProgram(readFileSync(0), '<stdin>', [arg ?? '', ...rest], audit);
  }
  const [source, full] = readProgram(arg);
  if (source) return runProgram(source, full, [arg, ...rest], audit);
}

main(process.argv.slice(2)).catch((e) => fail(e.message.startsWith('heaplab: ') ? e.message : `heaplab: ${e.message}`, 1));
