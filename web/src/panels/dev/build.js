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
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../../serve.js';

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
  const { url, close } = await serve(out, Number(process.env.PORT ?? 8010));
  console.log(url);
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
        `--screenshot=${join(out, 'shots', name + '.png')}`, `${url}${query}`], { timeout: 60000 });
      console.log(join('build/panels-dev/shots', name + '.png'));
    }
    await close();
  }
}
