/*
 * client.js — the page's side of the worker protocol (see worker.js), shared
 * by the notebook page and the embed script: one worker, promises for runs
 * and object look-ups, callbacks for snapshots.
 *
 *   const client = createClient(workerURL, { onReady(snapshot), onSnapshot(snapshot), onError(message) }, earlyWorker);
 *   await client.run(source, { onProgress(result, snapshot) }) → { result, snapshot } | throws (trap)
 *   client.stop(); await client.restart(); await client.object(objectId)
 *
 * A worker that does not answer a restart within a few seconds (or that
 * failed to load) is replaced by a fresh one, so Restart always works.
 */

/* Module workers must be same-origin; an embed script served from another
 * origin starts its worker through a same-origin blob that imports it (the
 * worker's import.meta.url is still its real URL, so it finds the .wasm). */
function spawn(url) {
  if (url.origin === location.origin) return new Worker(url, { type: 'module' });
  const blob = new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob), { type: 'module' });
}

/* earlyWorker: one the page started before this module loaded (see
 * notebook.html), with the messages it got meanwhile in .early. */
export function createClient(workerURL, handlers = {}, earlyWorker = null) {
  const url = new URL(workerURL);
  const pending = new Map(); // id → { resolve, reject, onProgress }
  let nextId = 1, worker = null, readyWaiters = [], isReady = false;

  function settleAll(message) {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  }

  function onMessage({ data: m }) {
    const p = m.id != null ? pending.get(m.id) : null;
    switch (m.type) {
      case 'ready':
        isReady = true;
        handlers.onReady?.(m.snapshot);
        readyWaiters.splice(0).forEach((w) => w.resolve(m.snapshot));
        break;
      case 'progress':
        p?.onProgress?.(m.result, m.snapshot);
        if (m.snapshot) handlers.onSnapshot?.(m.snapshot);
        break;
      case 'result':
      case 'object':
        pending.delete(m.id);
        if (m.snapshot) handlers.onSnapshot?.(m.snapshot);
        p?.resolve(m.type === 'result' ? { result: m.result, snapshot: m.snapshot } : m.detail);
        break;
      case 'error':
        if (p) { pending.delete(m.id); p.reject(new Error(m.message)); }
        else {
          readyWaiters.splice(0).forEach((w) => w.reject(new Error(m.message)));
          handlers.onError?.(m.message);
        }
        break;
    }
  }

  function boot(adopt) {
    isReady = false;
    worker = adopt ?? spawn(url);
    worker.onmessage = onMessage;
    for (const e of adopt?.early?.splice(0) ?? []) onMessage(e);
    worker.onerror = (e) => {
      e.preventDefault?.();
      const message = `the runtime's worker failed: ${e.message || 'could not load it'}`;
      settleAll(message);
      readyWaiters.splice(0).forEach((w) => w.reject(new Error(message)));
      handlers.onError?.(message);
    };
  }
  boot(earlyWorker);

  const send = (message) => worker.postMessage(message);
  const request = (message, extra = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, ...extra });
    send({ ...message, id });
  });
  const waitReady = () => new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));

  return {
    get ready() { return isReady; },
    whenReady: () => (isReady ? Promise.resolve() : waitReady()),
    run: (source, { onProgress } = {}) => request({ type: 'run', source }, { onProgress }),
    stop: () => send({ type: 'stop' }),
    object: (objectId) => request({ type: 'object', objectId }),
    async restart() {
      isReady = false;
      const ready = waitReady();
      send({ type: 'reset' });
      const late = new Promise((resolve) => setTimeout(resolve, 3000, 'late'));
      if (await Promise.race([ready.catch(() => 'late'), late]) === 'late') {
        worker.terminate();
        settleAll('the runtime was restarted');
        boot();
        return waitReady();
      }
      return ready;
    },
  };
}
