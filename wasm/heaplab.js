/*
 * heaplab.js — the JavaScript bridge to heaplab's WebAssembly runtime: one
 * ES module for browsers (fetch) and Node (file read), no generated glue.
 *
 *   const rt = await load({ heapLimit, events, capture, stackSize, cwd, wasm, write });
 *   rt.run(source, { mode: 'cell' | 'script', slice, fuel, filename, argv })  (source: text or UTF-8 bytes)
 *       → { stdout, stderr, display, error: {type, message, traceback} | null,
 *           executionCount, exitStatus, running }
 *   rt.resume(), rt.stop(), await rt.runAsync(source, options)
 *   rt.heap(), rt.object(id), rt.names(), rt.wouldCollect(), rt.events(), rt.audit()
 *   await rt.reset()
 *
 * The .wasm is a standalone module (wasm/exports.c plus the runtime) whose
 * only imports are a few WASI and Emscripten system calls of the C library
 * (stderr, abort, getcwd); they are provided here.  Every struct the bridge reads and every tag it
 * compares with comes from the module's own layout table (exports.c), read
 * at load: decoders are built from it by field name, and loading fails if a
 * name is missing or the heap view's layout version is not HEAPVIEW_VERSION.
 *
 * Readouts copy what they read out of linear memory (typed arrays for the
 * big tables, plain objects for the small ones), so a result stays valid
 * while the program runs on.  Views of memory are re-derived whenever the
 * memory has grown (growth detaches the old ArrayBuffer).
 *
 * Running: a script runs as `python3 FILE` (shutdown included: one script
 * per instance; reset() makes a fresh instance, and with it the same
 * addresses as before), or without a filename as `python3 -c SOURCE`;
 * `argv` is its sys.argv ([filename] or ['-c'] by default).  Cells share
 * one namespace.  With `slice`, run() returns after about that many
 * instructions with running: true; resume() continues, stop() makes the
 * next resume raise KeyboardInterrupt in the running code, and `fuel` ends
 * a run the same way after that many instructions in all.  The heap survives either.  A trap (a bug in the
 * runtime) marks the instance dead: every later call throws until reset().
 */

const HEAPVIEW_VERSION = 1;
const isNode = typeof process === 'object' && !!process.versions?.node;
const modules = new Map(); // compiled module per source, shared by instances

async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  const url = source ? new URL(source, import.meta.url) : new URL('../build/wasm/heaplab.wasm', import.meta.url);
  if (!modules.has(url.href)) {
    modules.set(url.href, (async () => {
      if (url.protocol === 'file:') {
        const { readFile } = await import('node:fs/promises');
        return WebAssembly.compile(await readFile(url));
      }
      const response = await fetch(url);
      if (!response.ok) throw new Error(`heaplab: cannot fetch ${url}: ${response.status}`);
      return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(response)
        : WebAssembly.compile(await response.arrayBuffer());
    })());
  }
  return modules.get(url.href);
}

/* Where output written to file descriptors goes when the runtime does not
 * capture it (the CLI) and for the C library's own messages. */
async function defaultWriter() {
  if (!isNode) {
    const dec = new TextDecoder();
    return (fd, bytes) => (fd === 2 ? console.error : console.log)(dec.decode(bytes).replace(/\n$/, ''));
  }
  return fdWriter((await import('node:fs')).writeSync);
}

/* Node: a writer to file descriptors through fs.writeSync (a non-blocking
 * pipe may take part of the bytes, or none for now). */
export function fdWriter(writeSync) {
  return (fd, bytes) => {
    for (let off = 0; off < bytes.length;) {
      try { off += writeSync(fd, bytes, off); } catch (e) { if (e.code !== 'EAGAIN') throw e; }
    }
  };
}

/* The engine's own stack (V8's default is 984 KiB; Node's --stack-size
 * changes it) bounds how deep C code can recurse: a C frame keeps most of
 * its data there and only a little in linear memory, where the runtime's
 * RecursionError check looks.  Measured over sixteen recursive paths of the
 * runtime (the cases of the bridge test 'recursion: RecursionError with the
 * engine's default stack'), a level takes at most 4.7 times more engine
 * stack than linear stack (__add__ and map(); nested containers 1.5 to 3.2),
 * so the linear stack may use an eighth of the engine's, a margin of 1.7 for
 * paths not measured (options.stackSize, in bytes, for an engine or thread
 * with another size). */
export const ENGINE_PER_C_STACK = 8, V8_DEFAULT_STACK = 984 * 1024;
function cStackBudget(stackSize) {
  if (!stackSize && isNode) {
    const flag = process.execArgv.find((a) => a.startsWith('--stack-size='));
    if (flag) stackSize = parseInt(flag.slice(13), 10) * 1024;
  }
  return Math.floor((stackSize || V8_DEFAULT_STACK) / ENGINE_PER_C_STACK);
}

export async function load(options = {}) {
  const rt = new Runtime(await compile(options.wasm), options, options.write ?? await defaultWriter());
  await rt.reset();
  return rt;
}

class Exit extends Error {
  constructor(code) { super(`heaplab: the runtime exited (status ${code})`); this.status = code; }
}

const ARRAYS = { 1: [Uint8Array, Int8Array], 2: [Uint16Array, Int16Array], 4: [Uint32Array, Int32Array] };
const EVENT_KINDS = ['ALLOC', 'FREE', 'GC_START', 'GC_DONE', 'FINALIZE', 'WEAKREF_CALLBACK'];
const OUTPUTS = ['STDOUT', 'STDERR', 'DISPLAY', 'ERROR_TYPE', 'ERROR_MESSAGE', 'TRACEBACK'];

class Runtime {
  constructor(module, options, write) {
    this.module = module;
    this.options = options;
    this.write = write;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
    this.eventsLost = 0;
  }

  /* A fresh instance: empty heap, same addresses as any other fresh one. */
  async reset() {
    this.dead = null;
    this.instance = null;
    this.state = 'idle'; // idle | running | cells | finished (a script ran)
    const wasi = {
      fd_write: (fd, iovs, n, written) => {
        const m = this.u32(), parts = [];
        let total = 0;
        for (let i = 0; i < n; i++) {
          const ptr = m[(iovs >>> 2) + 2 * i], len = m[(iovs >>> 2) + 2 * i + 1];
          parts.push(this.u8().slice(ptr, ptr + len));
          total += len;
        }
        const bytes = new Uint8Array(total);
        parts.reduce((off, p) => (bytes.set(p, off), off + p.length), 0);
        this.write(fd, bytes);
        this.u32()[written >>> 2] = total;
        return 0;
      },
      proc_exit: (code) => { throw new Exit(code); },
      fd_close: () => 0,
      fd_seek: () => 70, // ESPIPE: the standard streams are not seekable
    };
    const env = {
      __syscall_getcwd: (buf, size) => { // IPython's _dh; the CLI's notebooks: their directory
        const cwd = this.encoder.encode((this.options.cwd ?? (isNode ? process.cwd() : '/')) + '\0');
        if (cwd.length > size) return -68; // ERANGE
        this.u8().set(cwd, buf);
        return cwd.length;
      },
    };
    /* An import this bridge does not know (new C code calling the C library)
     * fails softly, as ENOSYS; tests/node/bridge.test.js lists them. */
    const imports = { wasi_snapshot_preview1: wasi, env };
    this.unknownImports = [];
    for (const { module, name, kind } of WebAssembly.Module.imports(this.module)) {
      if (kind !== 'function' || imports[module]?.[name]) continue;
      this.unknownImports.push(`${module}.${name}`);
      (imports[module] ??= {})[name] = () => -52;
    }
    const instance = await WebAssembly.instantiate(this.module, imports);
    this.x = instance.exports;
    this.memory = this.x.memory;
    this.x._initialize();
    this.readLayout();
    const limit = this.options.heapLimit ?? 0;
    if (!(limit >= 0 && limit <= 3 * 2 ** 30)) throw new RangeError('heaplab: heapLimit must be between 0 (default) and 3 GiB');
    const capture = this.options.capture ?? true, events = this.options.events ?? true;
    if (this.x.hl_wasm_init(limit, capture ? 1 : 0, events ? 1 : 0, cStackBudget(this.options.stackSize)) !== 0)
      throw new Error('heaplab: the runtime could not start (heap limit too small?)');
    this.instance = instance;
    return this;
  }

  /* ---- memory and the layout table ---- */

  view(Type) {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer;
      this.views = new Map();
    }
    let v = this.views.get(Type);
    if (!v) this.views.set(Type, v = new Type(this.buffer));
    return v;
  }
  u8() { return this.view(Uint8Array); }
  u32() { return this.view(Uint32Array); }

  cstr(ptr, len) {
    const m = this.u8();
    if (len === undefined) { len = 0; while (m[ptr + len]) len++; }
    return this.decoder.decode(m.subarray(ptr, ptr + len));
  }

  readLayout() {
    const L = { consts: {}, structs: {} }, m32 = this.u32(), at = this.x.hl_wasm_layout() >>> 2;
    const [names, length, values, count] = m32.subarray(at, at + 4);
    /* One run of NUL-terminated ASCII names, then one word per name. */
    const keys = String.fromCharCode.apply(null, this.u8().subarray(names, names + length)).split('\0');
    for (let i = 0; i < count; i++) {
      const key = keys[i], value = m32[(values >>> 2) + i], dot = key.indexOf('.');
      if (dot < 0) { L.consts[key] = value | 0; continue; }
      const s = key.slice(0, dot), f = key.slice(dot + 1);
      if (s === 'sizeof') { (L.structs[f] ??= { fields: {} }).size = value; continue; }
      (L.structs[s] ??= { fields: {} }).fields[f] = { off: value & 0xffff, size: (value >>> 16) & 0xff, signed: value >>> 24 };
    }
    const need = (ok, what) => { if (!ok) throw new Error(`heaplab: the .wasm does not describe ${what}: rebuild it`); };
    need(L.consts.HL_HEAPVIEW_VERSION === HEAPVIEW_VERSION, `heap view layout version ${HEAPVIEW_VERSION}`);
    for (const c of [...EVENT_KINDS.map((k) => 'HL_EV_' + k), ...OUTPUTS.map((k) => 'HL_OUT_' + k),
      'HL_SESSION_DONE', 'HL_SESSION_SUSPENDED']) need(c in L.consts, c);
    const fields = {
      hl_wasm_heap: 'sizeclasses nsizeclasses generations ngenerations arenas narenas pools npools objects nobjects',
      hl_wasm_object: 'address type size refcnt generation flags repr repr_len referents nreferents referrers nreferrers',
      hl_wasm_list: 'items count lost', hl_hv_object: 'address type refcnt size generation',
      hl_hv_sizeclass: 'size blocks_in_use', hl_hv_generation: 'count threshold', hl_hv_pool: 'address szidx state',
      hl_hv_arena: 'address', hl_event: 'kind seq addr a b',
    };
    for (const [s, fs] of Object.entries(fields))
      for (const f of fs.split(' ')) need(L.structs[s]?.fields[f] && L.structs[s].size, `${s}.${f}`);
    this.L = L;
    this.eventNames = Object.fromEntries(EVENT_KINDS.map((k) => [L.consts['HL_EV_' + k], k.toLowerCase()]));
  }

  /* One record as a plain object. */
  record(struct, ptr) {
    const out = {};
    for (const [name, f] of Object.entries(this.L.structs[struct].fields))
      out[name] = this.view(ARRAYS[f.size][f.signed])[(ptr + f.off) / f.size];
    return out;
  }

  /* n records written as columns by exports.c (one array per field, in
   * the table's order, each 4-byte aligned): one typed array per field. */
  columns(struct, ptr, n, rename = {}) {
    const out = { count: n };
    for (const [name, f] of Object.entries(this.L.structs[struct].fields)) {
      const Type = ARRAYS[f.size][f.signed];
      out[rename[name] ?? name] = new Type(this.memory.buffer, ptr, n).slice();
      ptr += (n * f.size + 3) & ~3;
    }
    return out;
  }

  rows(struct, ptr, n) {
    return Array.from({ length: n }, (_, i) => this.record(struct, ptr + i * this.L.structs[struct].size));
  }

  /* Calls into the runtime; a trap kills this instance. */
  call(name, ...args) {
    if (this.dead) throw new Error(`heaplab: the runtime stopped (${this.dead.message}); reset() it`);
    if (!this.instance) throw new Error('heaplab: the runtime is not loaded');
    try {
      return this.x[name](...args);
    } catch (e) {
      this.dead = e;
      throw new Error(`heaplab: the runtime ${e instanceof Exit ? 'exited' : 'trapped'} (${e.message}); reset() it`, { cause: e });
    }
  }

  /* ---- running ---- */

  run(source, { mode = 'cell', slice = 0, fuel = 0, filename, argv = [filename ?? '-c'] } = {}) {
    if (mode !== 'cell' && mode !== 'script') throw new TypeError(`heaplab: mode must be 'cell' or 'script', not ${mode}`);
    if (this.state === 'running') throw new Error('heaplab: a run is in progress (resume() or stop() it)');
    if (this.state === 'finished') throw new Error('heaplab: this runtime ran a script and has shut down; reset() it');
    if (this.state === 'cells' && mode === 'script') throw new Error('heaplab: a script needs a fresh runtime; reset() it');
    const src = ArrayBuffer.isView(source) ? source : this.encoder.encode(source);
    const command = mode === 'script' && filename === undefined;
    if (mode === 'script' && !(Array.isArray(argv) && [filename ?? '', ...argv].every((a) => typeof a === 'string' && !a.includes('\0'))))
      throw new TypeError('heaplab: filename and argv must be strings without NUL characters');
    const name = this.encoder.encode([filename ?? '', ...(mode === 'script' ? argv : [])].join('\0') + '\0');
    const ptr = this.call('hl_wasm_source', src.length + name.length);
    if (!ptr) throw new Error('heaplab: no memory for the source');
    this.u8().set(src, ptr);
    this.u8().set(name, ptr + src.length);
    this.mode = mode;
    this.call('hl_wasm_set_limits', slice >>> 0, fuel);
    return this.finish(this.call('hl_wasm_start', command ? 2 : mode === 'script' ? 0 : 1, src.length, ptr + src.length,
      mode === 'script' ? argv.length : 0));
  }

  resume() {
    if (this.state !== 'running') throw new Error('heaplab: nothing to resume');
    return this.finish(this.call('hl_session_resume'));
  }

  /* Ends the suspended run with KeyboardInterrupt at the next resume(). */
  stop() {
    if (this.state === 'running') this.call('hl_session_interrupt');
  }

  /* Runs in slices, yielding to the event loop between them so that stop()
   * (a Stop button, a worker message) can end the run. */
  async runAsync(source, options = {}) {
    let r = this.run(source, { slice: 100000, ...options });
    while (r.running) {
      await new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
      r = this.resume();
    }
    return r;
  }

  finish(status) {
    const C = this.L.consts;
    const running = status === C.HL_SESSION_SUSPENDED;
    if (status !== C.HL_SESSION_DONE && !running) throw new Error('heaplab: the runtime refused the run');
    this.state = running ? 'running' : this.mode === 'script' ? 'finished' : 'cells';
    const out = (k) => this.cstr(this.call('hl_wasm_output', C['HL_OUT_' + k]), this.call('hl_wasm_output_len'));
    const type = out('ERROR_TYPE');
    return {
      stdout: out('STDOUT'), stderr: out('STDERR'), display: out('DISPLAY'),
      error: type ? { type, message: out('ERROR_MESSAGE'), traceback: out('TRACEBACK') } : null,
      executionCount: this.call('hl_session_execution_count'),
      exitStatus: this.state === 'finished' ? this.call('hl_session_exit_status') : null,
      running,
    };
  }

  /* The heap audit of `heaplab --audit`: null if every refcount matches
   * the references found, else the report. */
  audit() {
    const text = this.call('hl_wasm_audit');
    const len = this.call('hl_wasm_output_len');
    return len ? this.cstr(text, len) : null;
  }

  /* ---- readouts ---- */

  typeName(addr) { return this.cstr(this.call('hl_wasm_type_name', addr)); }

  heap() {
    const p = this.call('hl_wasm_heap_read');
    if (!p) throw new Error('heaplab: no memory for the heap readout');
    const h = this.record('hl_wasm_heap', p);
    const objects = this.columns('hl_hv_object', h.objects, h.nobjects, { address: 'id', refcnt: 'refcount' });
    const types = new Map();
    for (const t of this.u32().slice(h.types >>> 2, (h.types >>> 2) + h.ntypes)) types.set(t, this.typeName(t));
    return {
      sizeClasses: this.rows('hl_hv_sizeclass', h.sizeclasses, h.nsizeclasses),
      generations: this.rows('hl_hv_generation', h.generations, h.ngenerations),
      arenas: this.rows('hl_hv_arena', h.arenas, h.narenas),
      pools: this.columns('hl_hv_pool', h.pools, h.npools),
      objects, types,
      freeLists: { float: h.free_floats, list: h.free_lists, dict: h.free_dicts },
      region: { base: h.region_base, limit: h.region_limit, top: h.region_top,
        bytesInUse: h.raw_bytes_in_use, blocksInUse: h.raw_blocks_in_use },
      constants: this.L.consts,
    };
  }

  /* One object, or null if id is not a live object. */
  object(id) {
    const p = this.call('hl_wasm_object_read', id >>> 0);
    if (!p) return null;
    const o = this.record('hl_wasm_object', p);
    const list = (ptr, n) => Array.from(this.u32().subarray(ptr >>> 2, (ptr >>> 2) + n));
    return {
      id: o.address, type: o.type, typeName: this.typeName(o.type), refcount: o.refcnt, size: o.size,
      generation: o.generation, flags: o.flags, repr: this.cstr(o.repr, o.repr_len),
      referents: list(o.referents, o.nreferents), referrers: list(o.referrers, o.nreferrers),
    };
  }

  /* The names bound in __main__ (the cells' namespace, or the running
   * script's globals), in definition order: [{ name, id }]. */
  names() {
    const text = this.call('hl_wasm_names');
    const s = this.cstr(text, this.call('hl_wasm_output_len'));
    return s.split('\n').filter(Boolean).map((line) => {
      const sp = line.indexOf(' ');
      return { name: line.slice(sp + 1), id: Number(line.slice(0, sp)) };
    });
  }

  referents(id) { return this.object(id)?.referents ?? []; }
  referrers(id) { return this.object(id)?.referrers ?? []; }

  /* The ids a full collection would free now. */
  wouldCollect() {
    const p = this.call('hl_wasm_would_collect');
    if (!p) throw new Error('heaplab: the heap is inconsistent or out of memory');
    const l = this.record('hl_wasm_list', p);
    return Array.from(this.u32().subarray(l.items >>> 2, (l.items >>> 2) + l.count));
  }

  /* Heap events since the last call, oldest first: {kind, seq, addr, a, b}
   * with kind alloc/free (addr = object, a = type), gc_start (a =
   * generation), gc_done (a = generation, b = objects freed), finalize
   * (addr = object), weakref_callback (addr = weakref, a = callback).
   * this.eventsLost counts those the ring buffer overwrote unread. */
  events() {
    const p = this.call('hl_wasm_events');
    if (!p) throw new Error('heaplab: no memory for the events readout');
    const l = this.record('hl_wasm_list', p);
    this.eventsLost += l.lost;
    const c = this.columns('hl_event', l.items, l.count);
    return Array.from({ length: l.count }, (_, i) =>
      ({ kind: this.eventNames[c.kind[i]], seq: c.seq[i], addr: c.addr[i], a: c.a[i], b: c.b[i] }));
  }
}
