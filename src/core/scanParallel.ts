// Tweet IDs of a large file on two cores, with exactly the output and stats of one sequential
// TweetIdScanner pass.
//
// The file is split after a newline near the middle. A worker thread scans the second half with a
// fresh scanner (the start state: top level, outside strings) while this thread scans the first.
// If this thread's scanner is in that same start state at the split, the worker's result is the
// sequential one up to the set of IDs already seen, which mergeTail settles (first-half IDs first,
// then the second half's new ones; repeats count as duplicates). Otherwise (a pretty-printed JSON
// array, a string spanning the split, an ID waiting on its object…) the worker's result is thrown
// away and this thread scans on sequentially.
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { finderCore, nowOf, type FinderOptions, type ScanCoreType } from './finder';

/** Below this, a worker's start-up (~30–50 ms) does not pay off. */
export const PARALLEL_MIN_BYTES = 8 << 20;
const READ_CHUNK = 8 << 20;
/** Where to look for the split: the first suitable newline at or after this fraction. */
const SPLIT_AT = 0.5;
const SPLIT_WINDOW = 1 << 16;
/** No digit this close before the split, so nothing is held back there (LOOKAHEAD + 1). */
const SPLIT_QUIET = 10;

export type ScanStats = { found: number; duplicates: number; invalid: number; skipped: number };

interface WorkerJob {
  file: string;
  start: number;
  end: number;
  now: number;
}

interface WorkerResult {
  ids?: string;
  count?: number;
  stats?: ScanStats;
  error?: string;
}

/** Runs in the worker (its source text is the worker's code, next to finderCore's). */
function workerMain(F: ReturnType<typeof finderCore>, job: WorkerJob, port: { postMessage(m: WorkerResult): void }): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const nodeFs = require('node:fs') as typeof fs;
  try {
    const ids: string[] = [];
    const scanner = new F.ScanCore((id: string, _s: number, _e: number, isNew: boolean) => {
      if (isNew) ids.push(id);
    }, job.now, false);
    const fd = nodeFs.openSync(job.file, 'r');
    try {
      const chunk = 8 << 20;
      for (let pos = job.start; pos < job.end; ) {
        const buf = Buffer.allocUnsafe(Math.min(chunk, job.end - pos));
        let got = 0;
        while (got < buf.length) {
          const r = nodeFs.readSync(fd, buf, got, buf.length - got, pos + got);
          if (r === 0) break;
          got += r;
        }
        if (got === 0) break;
        scanner.feed(got === buf.length ? buf : buf.subarray(0, got), false);
        pos += got;
      }
    } finally {
      nodeFs.closeSync(fd);
    }
    scanner.feed(F.EMPTY, true);
    port.postMessage({ ids: ids.join('\n'), count: ids.length, stats: { ...scanner.stats } });
  } catch (e) {
    port.postMessage({ error: String((e as Error)?.message ?? e) });
  }
}

const WORKER_CODE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
(${workerMain.toString()})((${finderCore.toString()})(), workerData, parentPort);
`;

function readAt(fd: number, buf: Buffer, pos: number): number {
  let got = 0;
  while (got < buf.length) {
    const r = fs.readSync(fd, buf, got, buf.length - got, pos + got);
    if (r === 0) break;
    got += r;
  }
  return got;
}

/** The offset just after a newline near the middle with no digit close before it, or -1. */
function findSplit(fd: number, size: number): number {
  const from = Math.floor(size * SPLIT_AT);
  const window = Buffer.allocUnsafe(Math.min(SPLIT_WINDOW, size - from));
  const got = readAt(fd, window, from);
  for (let k = window.indexOf(10); k >= 0 && k < got; k = window.indexOf(10, k + 1)) {
    if (k < SPLIT_QUIET) continue;
    let quiet = true;
    for (let j = k - SPLIT_QUIET; j < k; j++) if (window[j] >= 48 && window[j] <= 57) quiet = false;
    if (quiet && from + k + 1 < size) return from + k + 1;
  }
  return -1;
}

/**
 * Scans a regular file of at least PARALLEL_MIN_BYTES on two threads; onId gets each new ID once,
 * in first-seen order, as TweetIdScanner would give it. Returns undefined, having called onId for
 * nothing, when it does not apply (small, not a regular file, unreadable): the caller then streams
 * the file as usual (and reports any error as usual).
 */
export async function scanFileIds(file: string, onId: (id: string) => void, options?: FinderOptions): Promise<ScanStats | undefined> {
  let fd: number;
  let size: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    size = st.size;
    if (!st.isFile() || size < PARALLEL_MIN_BYTES) return undefined;
    const split = findSplit(fd, size);
    if (split < 0) return undefined;
    const now = nowOf(options);
    const F = finderCore();
    const core: ScanCoreType = new F.ScanCore((id: string, _s: number, _e: number, isNew: boolean) => {
      if (isNew) onId(id);
    }, now, false);

    let worker: Worker | undefined;
    let result: Promise<WorkerResult> | undefined;
    try {
      worker = new Worker(WORKER_CODE, { eval: true, workerData: { file, start: split - 1, end: size, now } satisfies WorkerJob });
      const w = worker;
      result = new Promise<WorkerResult>((resolve) => {
        w.once('message', (m: WorkerResult) => resolve(m));
        w.once('error', (e) => resolve({ error: String(e?.message ?? e) }));
        w.once('exit', () => resolve({ error: 'worker exited' }));
      });
    } catch {
      worker = undefined;
    }

    let pos = 0;
    const feedTo = (end: number): boolean => {
      while (pos < end) {
        const buf = Buffer.allocUnsafe(Math.min(READ_CHUNK, end - pos));
        const got = readAt(fd, buf, pos);
        if (got === 0) return false;
        core.feed(got === buf.length ? buf : buf.subarray(0, got), false);
        pos += got;
      }
      return true;
    };

    let merged = false;
    if (feedTo(split) && result && core.atTopLevel(split)) {
      const m = await result;
      if (m.stats && m.ids !== undefined) {
        core.mergeTail(m.count ? m.ids.split('\n') : [], m.stats);
        merged = true;
      }
    }
    if (worker) void worker.terminate();
    if (!merged) {
      // The file may have changed size: read to its end as a stream would.
      for (;;) {
        const buf = Buffer.allocUnsafe(READ_CHUNK);
        const got = readAt(fd, buf, pos);
        if (got === 0) break;
        core.feed(buf.subarray(0, got), false);
        pos += got;
      }
    }
    core.feed(F.EMPTY, true);
    return core.stats;
  } finally {
    fs.closeSync(fd);
  }
}
