// The Tweet ID scanner compiled to WebAssembly (src/finder/assembly/finder.ts, a port of finder.ts's ScanCore
// with SIMD string skipping): the same IDs, order and stats as TweetIdScanner, 2.7 times as fast
// on one thread (scripts/bench-finder.js), and a large file is split over two threads. Used for bulk work (the CLI's `ids` and `totals`);
// the editor keeps the JavaScript scanner, whose match ranges the hovers need. Where the runtime
// has no WebAssembly SIMD, create() and scanFileWasm() return undefined and callers use
// TweetIdScanner.
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { MAX_ID_DIGITS, MIN_ID_DIGITS, SNOWFLAKE_EPOCH_MS } from '../shared/tweetId';
import { nowOf, TweetIdScanner, type FinderOptions, type ScanStats } from './finder';
import { FINDER_WASM } from './finderWasm.generated';

// The WebAssembly global of Node (and browsers), which this project's lib setting (ES2022, no DOM)
// does not declare: only what is used here.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: object;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
}

/** Bytes scanned per call into WebAssembly; the window holds this plus a small carry. */
export const WASM_WINDOW = 4 << 20;
/** Below this a second thread does not pay for its start-up (~30 ms). */
const PARALLEL_MIN_BYTES = 32 << 20;

/** What a scanner instance needs; structured-cloneable, so a worker gets the same. */
interface Setup {
  module: WebAssembly.Module;
  /** The snowflake epoch and the digits of a standalone ID (src/shared/tweetId.ts). */
  epochMs: number;
  minDigits: number;
  maxDigits: number;
}

interface Exports {
  memory: WebAssembly.Memory;
  init(windowBytes: number, epochMs: number, minDigits: number, maxDigits: number): void;
  begin(now: number, allMatches: number): void;
  chunkPtr(): number;
  chunkRoom(): number;
  feed(len: number, last: number): void;
  stat(k: number): number;
  atTopLevel(pos: number): number;
  mergeStats(duplicates: number, invalid: number, skipped: number): void;
  mergePtr(len: number): number;
  mergeText(len: number): void;
  outLength(): number;
  outPtr(): number;
  outClear(): void;
}

/**
 * Where new IDs go: one string each, or (faster) text with one ID per line, each line ending in
 * "\n"; those bytes are valid only during the call.
 */
export type IdSink = ((id: string) => void) | { lines(text: Uint8Array): void };

/** A scanner instance and where its new IDs go, as text (see IdSink). */
interface Scanner {
  x: Exports;
  sink: (text: Uint8Array) => void;
}

function textSink(sink: IdSink): (text: Uint8Array) => void {
  if (typeof sink !== 'function') return (text) => sink.lines(text);
  return (text) => {
    const ids = Buffer.from(text.buffer, text.byteOffset, text.length).toString('latin1').split('\n');
    for (let k = 0; k < ids.length - 1; k++) sink(ids[k]);
  };
}

let setupCache: Setup | null | undefined;

function setup(): Setup | null {
  if (setupCache === undefined) {
    try {
      const module = new WebAssembly.Module(Buffer.from(FINDER_WASM, 'base64'));
      setupCache = { module, epochMs: SNOWFLAKE_EPOCH_MS, minDigits: MIN_ID_DIGITS, maxDigits: MAX_ID_DIGITS };
    } catch {
      setupCache = null; // no WebAssembly SIMD here
    }
  }
  return setupCache;
}

/** A scanner instance. Self-contained (only globals), so its source text also runs in the worker. */
function instantiate(s: Setup, windowBytes: number, now: number): Exports {
  const imports = {
    env: {
      abort: () => {
        throw new Error('Tweet ID scanner (WebAssembly) aborted');
      },
    },
  };
  const x = new WebAssembly.Instance(s.module, imports).exports as unknown as Exports;
  x.init(windowBytes, s.epochMs, s.minDigits, s.maxDigits);
  x.begin(now, 0);
  return x;
}

/**
 * Scans the len bytes written at x.chunkPtr() (last: the end of the input) and hands the new IDs
 * to the sink. Self-contained, for the worker too.
 */
function feed(sc: Scanner, len: number, last: boolean): void {
  const x = sc.x;
  x.feed(len, last ? 1 : 0);
  const count = x.outLength();
  if (count === 0) return;
  sc.sink(new Uint8Array(x.memory.buffer, x.outPtr(), count));
  x.outClear();
}

/**
 * Feeds the bytes [pos, end) of an open file, read straight into the scanner's memory. Returns
 * where it stopped (end, or the end of the file). Self-contained: the worker passes its readSync
 * and feed.
 */
function feedFile(sc: Scanner, fd: number, pos: number, end: number, readSync: typeof fs.readSync, feedChunk: typeof feed): number {
  const x = sc.x;
  while (pos < end) {
    const room = new Uint8Array(x.memory.buffer, x.chunkPtr(), Math.min(x.chunkRoom(), end - pos));
    const got = readSync(fd, room, 0, room.length, pos);
    if (got === 0) break;
    feedChunk(sc, got, false);
    pos += got;
  }
  return pos;
}

function statsOf(x: Exports): ScanStats {
  return { found: x.stat(0), duplicates: x.stat(1), invalid: x.stat(2), skipped: x.stat(3) };
}

/**
 * A streaming scanner with TweetIdScanner's contract (each new ID once, in first-seen order; the
 * same stats), running in WebAssembly.
 */
export class WasmTweetIdScanner {
  private ended = false;

  private constructor(private readonly sc: Scanner) {}

  /** undefined when WebAssembly SIMD is not available. */
  static create(sink: IdSink, options?: FinderOptions): WasmTweetIdScanner | undefined {
    const s = setup();
    return s ? new WasmTweetIdScanner({ x: instantiate(s, WASM_WINDOW, nowOf(options)), sink: textSink(sink) }) : undefined;
  }

  get stats(): ScanStats {
    return statsOf(this.sc.x);
  }

  write(chunk: Uint8Array | string): void {
    if (this.ended) throw new Error('TweetIdScanner: write after end');
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const x = this.sc.x;
    for (let a = 0; a < bytes.length;) {
      const len = Math.min(x.chunkRoom(), bytes.length - a);
      new Uint8Array(x.memory.buffer, x.chunkPtr(), len).set(bytes.subarray(a, a + len));
      feed(this.sc, len, false);
      a += len;
    }
  }

  end(): void {
    if (this.ended) throw new Error('TweetIdScanner: write after end');
    feed(this.sc, 0, true);
    this.ended = true;
  }
}

/**
 * The fastest scanner this runtime has for a stream: the WebAssembly one, else TweetIdScanner
 * (same IDs, order and stats either way).
 */
export function createTweetIdScanner(sink: IdSink, options?: FinderOptions): WasmTweetIdScanner | TweetIdScanner {
  return WasmTweetIdScanner.create(sink, options) ?? new TweetIdScanner(typeof sink === 'function' ? sink : (id) => sink.lines(Buffer.from(`${id}\n`, 'latin1')), options);
}

// ---- a large file on two threads -------------------------------------------------------------
//
// The file is split after a newline past the middle (this thread has a head start while the
// worker starts). The worker scans the rest with a fresh scanner from the newline on. If this
// thread's scanner is in the start state at the split (top level, outside strings, nothing held
// back or waiting), the worker's result is the sequential one up to which IDs were already seen,
// which mergeText settles in the worker's order. Otherwise (a pretty-printed JSON array, or any
// line break inside an object or array) the worker's result is dropped and this thread scans on.
// Either way the output and stats are those of one sequential pass.

/** Work this thread gets done while a worker starts (~30 ms at ~400 MB/s). */
const HEAD_START = 12 << 20;
const SPLIT_WINDOW = 1 << 16;
/** No digit this close before the split, so nothing is held back there. */
const SPLIT_QUIET = 10;

interface WorkerJob {
  setup: Setup;
  file: string;
  start: number;
  end: number;
  now: number;
  window: number;
}

interface WorkerResult {
  /** The worker's new IDs as text (see IdSink), in its order. */
  text?: Uint8Array;
  length?: number;
  stats?: ScanStats;
  error?: string;
}

/** Runs in the worker; self-contained like instantiate and feedFile, whose source it is given. */
function workerMain(
  job: WorkerJob,
  port: { postMessage(m: WorkerResult, transfer?: ArrayBuffer[]): void },
  inst: typeof instantiate,
  feedChunk: typeof feed,
  feedBytes: typeof feedFile,
  nodeFs: typeof fs,
): void {
  try {
    let out = new Uint8Array(1 << 20);
    let length = 0;
    const x = inst(job.setup, job.window, job.now);
    const sink = (text: Uint8Array) => {
      if (length + text.length > out.length) {
        const bigger = new Uint8Array(Math.max(out.length * 2, length + text.length));
        bigger.set(out.subarray(0, length));
        out = bigger;
      }
      out.set(text, length);
      length += text.length;
    };
    const sc: Scanner = { x, sink };
    const fd = nodeFs.openSync(job.file, 'r');
    try {
      feedBytes(sc, fd, job.start, job.end, nodeFs.readSync, feedChunk);
    } finally {
      nodeFs.closeSync(fd);
    }
    feedChunk(sc, 0, true);
    const stats = { found: x.stat(0), duplicates: x.stat(1), invalid: x.stat(2), skipped: x.stat(3) };
    port.postMessage({ text: out, length, stats }, [out.buffer as ArrayBuffer]);
  } catch (e) {
    port.postMessage({ error: String((e as Error)?.message ?? e) });
  }
}

const WORKER_CODE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
(${workerMain.toString()})(workerData, parentPort, ${instantiate.toString()}, ${feed.toString()}, ${feedFile.toString()}, require('node:fs'));
`;

/** The offset just after a newline at or after `from` with no digit close before it, or -1. */
function findSplit(fd: number, size: number, from: number): number {
  const window = Buffer.allocUnsafe(Math.min(SPLIT_WINDOW, size - from));
  const got = fs.readSync(fd, window, 0, window.length, from);
  for (let k = window.indexOf(10); k >= 0 && k < got; k = window.indexOf(10, k + 1)) {
    if (k < SPLIT_QUIET) continue;
    let quiet = true;
    for (let j = k - SPLIT_QUIET; j < k; j++) if (window[j] >= 48 && window[j] <= 57) quiet = false;
    if (quiet && from + k + 1 < size) return from + k + 1;
  }
  return -1;
}

/**
 * The Tweet IDs of a file, read straight into the scanner's memory; a file of PARALLEL_MIN_BYTES
 * or more on two threads. The sink gets each new ID once, in first-seen order, and the stats are
 * TweetIdScanner's. undefined when WebAssembly SIMD is not available; throws the fs error when the
 * file cannot be read.
 */
export async function scanFileWasm(
  file: string,
  onIds: IdSink,
  /**
   * parallel: true splits any regular file over two threads, false never (tests, benchmarks).
   * onSplit: told where the file was split and whether the second thread's result was used.
   */
  options?: FinderOptions & { parallel?: boolean; onSplit?: (at: number, merged: boolean) => void },
): Promise<ScanStats | undefined> {
  const s = setup();
  if (!s) return undefined;
  const now = nowOf(options);
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    const x = instantiate(s, WASM_WINDOW, now);
    const sc: Scanner = { x, sink: textSink(onIds) };
    let pos = 0;
    const size = st.size;
    const parallel = st.isFile() && (options?.parallel ?? size >= PARALLEL_MIN_BYTES);
    const from = size >= 2 * HEAD_START ? Math.floor(Math.min((size + HEAD_START) / 2, size * 0.9)) : Math.floor(size / 2);
    const split = parallel && size > 0 ? findSplit(fd, size, from) : -1;
    if (split > 0) {
      let worker: Worker | undefined;
      let result: Promise<WorkerResult> | undefined;
      try {
        const job: WorkerJob = { setup: s, file, start: split - 1, end: size, now, window: WASM_WINDOW };
        const w = new Worker(WORKER_CODE, { eval: true, workerData: job });
        worker = w;
        result = new Promise<WorkerResult>((resolve) => {
          w.once('message', (m: WorkerResult) => resolve(m));
          w.once('error', (e) => resolve({ error: String(e?.message ?? e) }));
          w.once('exit', () => resolve({ error: 'worker exited' }));
        });
      } catch {
        worker = undefined;
      }
      pos = feedFile(sc, fd, 0, split, fs.readSync, feed);
      let merged = false;
      if (result && pos === split && x.atTopLevel(split)) {
        const m = await result;
        if (m.stats && m.text && m.length !== undefined) {
          x.mergeStats(m.stats.duplicates, m.stats.invalid, m.stats.skipped);
          const at = x.mergePtr(m.length); // may grow memory: take the buffer after
          new Uint8Array(x.memory.buffer, at, m.length).set(m.text.subarray(0, m.length));
          x.mergeText(m.length);
          const count = x.outLength();
          if (count > 0) sc.sink(new Uint8Array(x.memory.buffer, x.outPtr(), count));
          x.outClear();
          merged = true;
        }
      }
      if (worker) void worker.terminate();
      options?.onSplit?.(split, merged);
      if (merged) pos = Infinity;
    }
    // Sequentially (to the end as it is now: the file may have grown).
    if (pos !== Infinity) feedFile(sc, fd, pos, Infinity, fs.readSync, feed);
    feed(sc, 0, true);
    return statsOf(x);
  } finally {
    fs.closeSync(fd);
  }
}
