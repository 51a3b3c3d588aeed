/*
 * helpers.js — what the Node tests share: the repository's paths, the
 * native CLI as the reference, spawning the wasm CLI, and the corpus
 * runner's normalisation (tests/tools/run-cases), reproduced exactly so
 * that the wasm build is held to the same comparison as the native one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const CASES = `${ROOT}/tests/cases`;
export const CLI = `${ROOT}/wasm/cli.js`;
export const NATIVE = `${ROOT}/build/heaplab`;

export const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

/* run-cases: the absolute path of tests/cases taken out, 0x... addresses
 * replaced. */
export function normalise(text) {
  return text.split(CASES + '/').join('').replace(/0x[0-9a-fA-F]+/g, '0x…');
}

/* What run-cases expects of case NAME: stdout, stderr, exit status. */
export function expected(name) {
  const err = read(`${CASES}/${name}.err`);
  return { stdout: normalise(read(`${CASES}/${name}.out`) ?? ''), stderr: err === null ? '' : normalise(err), status: err === null ? 0 : 1 };
}

/* Runs a command (the wasm CLI through its shebang, or the native CLI). */
export function run(command, args, options = {}) {
  const p = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (p.error) throw p.error;
  return { stdout: p.stdout, stderr: p.stderr, status: p.status };
}

/* Recursion through C, each path once: nested containers (hash, ==,
 * repr), dunder methods, __getattr__, property, map(), sorted(), iter(),
 * generators, `in`, __call__.  With the recursion limit out of the way the
 * runtime's stack guard must stop each with RecursionError before the
 * engine's own stack overflows (bridge.test.js);
 * tests/tools/engine-stack-ratio measures how close each comes. */
export const RECURSION_CASES = [
  'x = ()\nfor i in range(10**6):\n    x = (x,)\nhash(x)',
  'l = []\nfor i in range(10**6):\n    l = [l]\nl == l[0]',
  'l = []\nfor i in range(10**5):\n    l = [l]\nrepr(l)',
  'd = {}\nfor i in range(10**5):\n    d = {1: d}\nrepr(d)',
  'class A:\n    def __add__(s, o):\n        return A() + o\nA() + 1',
  'class A:\n    def __init__(self, n):\n        A(n + 1)\nA(0)',
  'class S:\n    def __str__(s):\n        return str(S())\nstr(S())',
  'class G:\n    def __getattr__(s, k):\n        return getattr(s, k + "x")\nG().a',
  'class G:\n    def __getattr__(s, k):\n        return s.x\nG().a',
  'class P:\n    @property\n    def p(s):\n        return s.p\nP().p',
  'def f(x):\n    return list(map(f, [x]))\nf(0)',
  'class K:\n    def __lt__(s, o):\n        return sorted([K(), K()])\nsorted([K(), K()])',
  'class I:\n    def __iter__(s):\n        return iter(I())\niter(I())',
  'def g():\n    yield from g()\nlist(g())',
  'class C:\n    def __contains__(s, x):\n        return x in C()\n1 in C()',
  'class F:\n    def __call__(s):\n        return F()()\nF()()',
].map((src) => 'import sys\nsys.setrecursionlimit(10**6)\n' + src);
