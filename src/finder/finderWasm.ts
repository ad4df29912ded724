// A file's Tweet IDs, read straight into the WebAssembly scanner's memory (the scanner and the ID
// rules: src/finder/assembly/finder.ts; driven from finder.ts), a large file split over two
// threads (the second runs scanWorker.ts). Used by the CLI's `ids` and `totals`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { linesOf, nowOf, scannerModule, TweetIdScanner, type FinderOptions, type IdSink, type ScanStats } from './finder';
import type { WorkerJob, WorkerResult } from './scanWorker';
import { drain, feed, feedFile, instantiate, statsOf, type Scanner } from './wasmScanner';

export { WASM_WINDOW, type IdSink } from './finder';
/** @deprecated TweetIdScanner is the WebAssembly scanner now; this is its old name. */
export { TweetIdScanner as WasmTweetIdScanner } from './finder';

/** A streaming scanner (each new ID once, in first-seen order, with stats). */
export function createTweetIdScanner(sink: IdSink, options?: FinderOptions): TweetIdScanner {
  return new TweetIdScanner(sink, options);
}

/** Below this a second thread does not pay for its start-up (~30 ms). */
const PARALLEL_MIN_BYTES = 32 << 20;
/** Bytes read into the scanner per call when scanning a file. */
const FILE_WINDOW = 4 << 20;
/** The worker module: next to this file in out/src/finder/ (tests) and in dist/ (the bundles). */
const WORKER_FILE = path.join(__dirname, 'scanWorker.js');

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
 * TweetIdScanner's. Throws the fs error when the file cannot be read.
 */
export async function scanFileWasm(
  file: string,
  onIds: IdSink,
  /**
   * parallel: true splits any regular file over two threads, false never (tests, benchmarks).
   * onSplit: told where the file was split and whether the second thread's result was used.
   */
  options?: FinderOptions & { parallel?: boolean; onSplit?: (at: number, merged: boolean) => void },
): Promise<ScanStats> {
  const module = scannerModule();
  const now = nowOf(options);
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    const x = instantiate(module, FILE_WINDOW);
    x.begin(now, 0);
    const sc: Scanner = { x, lines: linesOf(onIds) };
    let pos = 0;
    const size = st.size;
    const parallel = st.isFile() && (options?.parallel ?? size >= PARALLEL_MIN_BYTES);
    const from = size >= 2 * HEAD_START ? Math.floor(Math.min((size + HEAD_START) / 2, size * 0.9)) : Math.floor(size / 2);
    const split = parallel && size > 0 ? findSplit(fd, size, from) : -1;
    if (split > 0) {
      let worker: Worker | undefined;
      let result: Promise<WorkerResult> | undefined;
      try {
        const job: WorkerJob = { module, file, start: split - 1, end: size, now, window: FILE_WINDOW };
        const w = new Worker(WORKER_FILE, { workerData: job });
        worker = w;
        result = new Promise<WorkerResult>((resolve) => {
          w.once('message', (m: WorkerResult) => resolve(m));
          w.once('error', (e) => resolve({ error: String(e?.message ?? e) }));
          w.once('exit', () => resolve({ error: 'worker exited' }));
        });
      } catch {
        worker = undefined;
      }
      pos = feedFile(sc, fd, 0, split);
      let merged = false;
      if (result && pos === split && x.atTopLevel(split)) {
        const m = await result;
        if (m.stats && m.text && m.length !== undefined) {
          x.mergeStats(m.stats.duplicates, m.stats.invalid, m.stats.skipped);
          const at = x.mergePtr(m.length); // may grow memory: take the buffer after
          new Uint8Array(x.memory.buffer, at, m.length).set(m.text.subarray(0, m.length));
          x.mergeText(m.length);
          drain(sc);
          merged = true;
        }
      }
      if (worker) void worker.terminate();
      options?.onSplit?.(split, merged);
      if (merged) pos = Infinity;
    }
    // Sequentially (to the end as it is now: the file may have grown).
    if (pos !== Infinity) feedFile(sc, fd, pos, Infinity);
    feed(sc, 0, true);
    return statsOf(x);
  } finally {
    fs.closeSync(fd);
  }
}
