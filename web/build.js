/*
 * build.js — builds the static site into build/site (or the folder given as
 * the first argument): esbuild bundles the page, the worker and the embed
 * script (minified, no CDN at run time), and the site gets the .wasm (less
 * the start-up hints only Node reads: wasm/starthints.js), the
 * notebooks, and an index listing them by title.  Every URL inside is
 * relative, so the folder works from any static host or sub-path.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNotebook, notebookTitle } from '../wasm/nbformat.js';
import { withoutStartHints } from '../wasm/starthints.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'build/site'));
const web = join(root, 'web');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'notebooks'), { recursive: true });

/* CSS imported from JavaScript (the panels', the embed's) is its text,
 * minified: those modules add it to the document themselves, so that one
 * script carries its styles, which is what an embed needs. */
const cssAsText = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { outputFiles } = await build({ entryPoints: [path], bundle: true, minify: true, write: false, outdir: out, logLevel: 'silent' });
      return { loader: 'text', contents: outputFiles[0].text };
    });
  },
};
const common = {
  bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser',
  legalComments: 'none', logLevel: 'warning',
  external: ['node:*'],           // the bridge's Node-only paths, never taken in a browser
};
await build({
  ...common,
  entryPoints: { main: join(web, 'src/main.js'), worker: join(web, 'src/worker.js'), 'heaplab-embed': join(web, 'src/embed.js') },
  outdir: out,
  splitting: false, // the worker and the embed must each be one file
  plugins: [cssAsText],
});
await build({ ...common, entryPoints: { site: join(web, 'src/site.css') }, outdir: out });

writeFileSync(join(out, 'heaplab.wasm'), withoutStartHints(readFileSync(join(root, 'build/wasm/heaplab.wasm'))));
/* A classic script in <head>, minified like the rest. */
await build({ ...common, format: 'iife', entryPoints: { 'theme-boot': join(web, 'theme-boot.js') }, outdir: out });
for (const page of ['notebook.html', 'embed-demo.html']) copyFileSync(join(web, page), join(out, page));

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const items = [];
for (const file of readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort()) {
  const text = readFileSync(join(root, 'notebooks', file), 'utf8');
  copyFileSync(join(root, 'notebooks', file), join(out, 'notebooks', file));
  const nb = parseNotebook(text, file);
  const name = file.replace(/\.ipynb$/, '');
  const code = nb.cells.filter((c) => c.cell_type === 'code').length;
  items.push(`    <li><a href="notebook.html?nb=${encodeURIComponent(name)}">${escape(notebookTitle(nb, name))}` +
    `<span class="meta">${code} code cells · ${escape(file)}</span></a></li>`);
}
writeFileSync(join(out, 'index.html'), readFileSync(join(web, 'index.html'), 'utf8').replace('<!-- NOTEBOOKS -->', items.join('\n')));
console.log(`site: ${out} (${items.length} notebooks)`);
