/*
 * dev.js — drives web/panels-dev.html: the runtime and the tracker on the
 * main thread (the real page runs them in a worker; the panels cannot tell),
 * demo cells that produce each thing the panels show (a cycle, 10,000 lists,
 * __del__, a weakref callback, a collection), and the full and compact
 * panels side by side.  For looking at the panels, not for users.
 */
import { load } from '../../../../wasm/heaplab.js';
import { createTracker } from '../../heap/snapshot.js';
import { createPanels } from '../index.js';

const DEMOS = {
  setup: 'import gc, weakref, sys\nclass Node:\n    def __init__(self, name): self.name = name\n    def __del__(self): print("del", self.name)\n',
  cycle: 'a = []; b = [a]; a.append(b)\nx = [1, 2, 3]\ny = x\nd = {"k": x, "n": None}\nlists = [[] for _ in range(10000)]',
  garbage: 'n1 = Node("n1"); n2 = Node("n2"); n1.peer = n2; n2.peer = n1\ntmp = Node("tmp"); r = weakref.ref(tmp, lambda ref: print("callback"))\ndel tmp\ndel a, b, n1, n2\nlen(lists)',
  collect: 'gc.collect()',
};

const q = new URLSearchParams(location.search);
function run(src) {
  tracker.beginCell();
  const r = rt.run(src, { mode: 'cell' });
  $('out').textContent = [r.stdout, r.display, r.error && `${r.error.type}: ${r.error.message}`].filter(Boolean).join('\n');
  return show();
}
if (q.get('theme')) document.documentElement.dataset.theme = q.get('theme');
const $ = (id) => document.getElementById(id);
const rt = await load({ wasm: new URL('heaplab.wasm', location.href).href });
const tracker = createTracker(rt);
const requestObject = async (id) => tracker.objectDetail(id);
const panels = createPanels($('panels'), { requestObject });
const compact = createPanels($('compact'), { requestObject, compact: true });
if (q.get('nocompact')) $('compact').parentElement.hidden = true;
globalThis.dev = { rt, tracker, panels, compact, run };

function show() {
  let t = performance.now();
  const snap = structuredClone(tracker.snapshot()); // what the worker would post
  const snapMs = performance.now() - t;
  t = performance.now();
  panels.update(snap);
  compact.update(snap);
  $('stats').textContent = `${snap.objects.count} objects · snapshot ${snapMs.toFixed(1)} ms · panels update ${panels.lastUpdateMs.toFixed(1)} ms`;
  return snap;
}

for (const [name, src] of Object.entries(DEMOS)) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = name;
  b.addEventListener('click', () => { $('src').value = src; run(src); });
  $('demos').append(b, ' ');
}
$('run').addEventListener('click', () => run($('src').value));
$('theme').addEventListener('click', () => {
  const html = document.documentElement;
  html.dataset.theme = html.dataset.theme === 'dark' ? 'light' : 'dark';
});

show();
const stop = q.get('upto') ?? 'garbage';
let snap;
for (const [name, src] of Object.entries(DEMOS)) {
  $('src').value = src;
  snap = run(src);
  if (name === stop) break;
}
if (q.get('tab')) panels.show(q.get('tab'));
if (q.get('select') === 'cycle' && snap.wouldCollect.length) await panels.select(snap.wouldCollect[0]);
else if (q.get('select')) {
  const named = snap.names.find((n) => n.name === q.get('select'));
  if (named) await panels.select(named.id);
}
if (q.get('tab') && q.get('tab') !== 'objects') panels.show(q.get('tab'));
document.body.dataset.ready = '1';
