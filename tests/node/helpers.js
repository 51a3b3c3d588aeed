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
