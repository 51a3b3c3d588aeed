/*
 * build.js — builds the panels' development page into build/panels-dev
 * (esbuild, the same loaders as the site: CSS as text) and, with --serve,
 * serves it on http://localhost:8010/ (or PORT).  With --shots it also
 * takes screenshots with headless Chromium into build/panels-dev/shots/.
 *   node web/src/panels/dev/build.js [--serve] [--shots]
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const out = join(root, 'build/panels-dev');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'web/src/panels/dev/dev.js')], outfile: join(out, 'dev.js'),
  bundle: true, format: 'esm', target: 'es2022', platform: 'browser', external: ['node:*'],
  loader: { '.css': 'text' }, logLevel: 'warning',
});
copyFileSync(join(root, 'web/panels-dev.html'), join(out, 'index.html'));
copyFileSync(join(root, 'build/wasm/heaplab.wasm'), join(out, 'heaplab.wasm'));
console.log(`panels dev page: ${out}`);

const args = process.argv.slice(2);
if (args.includes('--serve') || args.includes('--shots')) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const path = join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(out) || !existsSync(path)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  const port = Number(process.env.PORT ?? 8010);
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  console.log(`http://localhost:${port}/`);
  if (args.includes('--shots')) {
    mkdirSync(join(out, 'shots'), { recursive: true });
    const shots = {
      'desktop-objects': ['1280,1500', '?select=cycle'],
      'desktop-dark-objects': ['1280,1500', '?select=cycle&theme=dark'],
      'desktop-diff': ['1280,1300', '?tab=diff'],
      'desktop-allocator': ['1280,1100', '?tab=allocator&theme=dark'],
      'phone-objects': ['375,1800', '?select=x&nocompact=1'],
      'phone-diff': ['375,1800', '?tab=diff&theme=dark&nocompact=1'],
      'phone-allocator': ['375,1500', '?tab=allocator&nocompact=1'],
    };
    for (const [name, [size, query]] of Object.entries(shots)) {
      /* Asynchronous: this process serves the page Chromium loads. */
      await promisify(execFile)(process.env.CHROMIUM ?? 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
        '--disable-background-networking', `--window-size=${size}`, '--virtual-time-budget=4000',
        `--screenshot=${join(out, 'shots', name + '.png')}`, `http://localhost:${port}/${query}`], { timeout: 60000 });
      console.log(join('build/panels-dev/shots', name + '.png'));
    }
    server.close();
  }
}
