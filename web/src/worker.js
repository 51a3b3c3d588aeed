/*
 * worker.js — the heaplab runtime in a Web Worker, so that a long or endless
 * cell never freezes the page.
 *
 * Protocol (page → worker):  {type:'run', id, source}, {type:'stop'},
 *   {type:'reset'}, {type:'object', id, objectId}
 * (worker → page):  {type:'ready', snapshot}, {type:'progress', id, snapshot,
 *   result}, {type:'result', id, result, snapshot}, {type:'object', id, detail},
 *   {type:'error', id, message}
 *
 * Cells run in slices of a few milliseconds (rt.run with `slice`, then
 * rt.resume()); after each, the heap events of the slice are taken into
 * the cell's diff before the event ring can wrap.  Between slices the worker yields to its event loop through
 * a MessageChannel (setTimeout would be clamped to 4 ms), so a 'stop' message
 * is seen at once: rt.stop() makes the next resume raise KeyboardInterrupt in
 * the cell and the heap is kept.  No SharedArrayBuffer, no special headers.
 * Runs and resets are handled one at a time, in order; 'stop' and 'object'
 * are answered between slices.
 */
import { load } from '../../wasm/heaplab.js';
import { createTracker } from './heap/snapshot.js';

const HEAP_LIMIT = 256 * 2 ** 20; // past it Python sees MemoryError
const SLICE = 250_000;            // VM instructions per slice: a few ms, fewer events than the ring holds
const PROGRESS_MS = 250;          // at most this often a snapshot during a long cell
/* The kernel's working directory (IPython's _dh, a str on the heap, so its
 * length shows in sys._debugmallocstats()): a fixed folder, the same for
 * every visitor, as `heaplab notebook run` uses for recorded outputs. */
const CWD = '/notebooks';

const post = (message) => self.postMessage(message);
let rt = null, tracker = null;
let running = null; // the id of the cell being run
let stopRequested = false;

const channel = new MessageChannel();
let wake = null;
channel.port1.onmessage = () => wake();
const yieldToEvents = () => new Promise((resolve) => { wake = resolve; channel.port2.postMessage(0); });

async function start() {
  rt = await load({ wasm: new URL('./heaplab.wasm', import.meta.url).href, heapLimit: HEAP_LIMIT, cwd: CWD });
  tracker = createTracker(rt);
  post({ type: 'ready', snapshot: tracker.snapshot() });
}

async function run(id, source) {
  running = id;
  stopRequested = false;
  try {
    tracker.beginCell();
    let r = rt.run(source, { mode: 'cell', slice: SLICE });
    let last = performance.now();
    while (r.running) {
      await yieldToEvents();
      if (stopRequested) rt.stop();
      r = rt.resume();
      tracker.drainEvents(); // before the event ring wraps
      if (r.running && performance.now() - last >= PROGRESS_MS) {
        post({ type: 'progress', id, snapshot: tracker.snapshot(), result: r });
        last = performance.now();
      }
    }
    post({ type: 'result', id, result: r, snapshot: tracker.snapshot() });
  } catch (e) {
    post({ type: 'error', id, message: e.message }); // a trap: the runtime is dead until reset
  } finally {
    running = null;
  }
}

async function reset() {
  await rt.reset();
  tracker.reset();
  post({ type: 'ready', snapshot: tracker.snapshot() });
}

/* Runs and resets wait for the start and for each other. */
let queue = start().catch((e) => post({ type: 'error', id: null, message: `the runtime could not load: ${e.message}` }));
const enqueue = (task) => { queue = queue.then(task).catch((e) => post({ type: 'error', id: null, message: e.message })); };

self.onmessage = ({ data: m }) => {
  switch (m.type) {
    case 'run': enqueue(() => run(m.id, m.source)); break;
    case 'stop': if (running !== null) stopRequested = true; break;
    case 'reset':
      if (running !== null) stopRequested = true;
      enqueue(reset);
      break;
    case 'object':
      if (!tracker) { post({ type: 'object', id: m.id, detail: null }); break; }
      try { post({ type: 'object', id: m.id, detail: tracker.objectDetail(m.objectId) }); }
      catch (e) { post({ type: 'error', id: m.id, message: e.message }); }
      break;
  }
};
