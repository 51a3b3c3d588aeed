/*
 * reporter.js — node:test reporter for `make test`: one dot per passing
 * test, each failure with its message, and a last line in the style of the
 * other runners ("== Node tests (wasm): N passed, M failed").  Subtests
 * (the corpus cases) count one each; a parent counts only if it has none.
 */
export default async function* reporter(source) {
  let passed = 0, failed = 0, column = 0;
  const parents = new Set();
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    if (data.nesting > 0) parents.add(`${data.file}:${data.nesting - 1}`);
    if (type === 'test:pass') {
      if (parents.has(`${data.file}:${data.nesting}`)) { parents.delete(`${data.file}:${data.nesting}`); continue; }
      passed++;
      yield (++column % 80 === 0 ? '.\n' : '.');
    } else {
      const error = data.details?.error;
      if (parents.delete(`${data.file}:${data.nesting}`) && error?.failureType === 'subtestsFailed') continue;
      failed++;
      const message = String(error?.cause?.message ?? error?.message ?? error).split('\n').slice(0, 30).join('\n    ');
      yield `\nFAIL ${String(data.file).replace(/^.*\//, '')}: ${data.name}\n    ${message}\n`;
      column = 0;
    }
  }
  yield `\n== Node tests (wasm): ${passed} passed, ${failed} failed\n`;
}
