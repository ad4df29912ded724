// The second thread of scanFileWasm (finderWasm.ts): scans the bytes [start, end) of a file with a
// fresh scanner and posts its new IDs (text, one a line) and stats back. An entry point of its
// own: tsc compiles it next to finderWasm.js (out/src/finder/), esbuild bundles it next to
// dist/cli.js; finderWasm.ts starts it from its own folder.
import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanStats } from './finder';
import { feed, feedFile, instantiate, statsOf, type ScannerModule } from './wasmScanner';

export interface WorkerJob {
  module: ScannerModule;
  file: string;
  start: number;
  end: number;
  now: number;
  window: number;
}

export interface WorkerResult {
  /** The worker's new IDs as text, one a line, in its order (the first `length` bytes). */
  text?: Uint8Array;
  length?: number;
  stats?: ScanStats;
  error?: string;
}

function scan(job: WorkerJob): { result: WorkerResult; transfer: ArrayBuffer[] } {
  let out = new Uint8Array(1 << 20);
  let length = 0;
  const x = instantiate(job.module, job.window);
  x.begin(job.now, 0);
  const lines = (text: Uint8Array) => {
    if (length + text.length > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, length + text.length));
      bigger.set(out.subarray(0, length));
      out = bigger;
    }
    out.set(text, length);
    length += text.length;
  };
  const sc = { x, lines };
  const fd = fs.openSync(job.file, 'r');
  try {
    feedFile(sc, fd, job.start, job.end);
  } finally {
    fs.closeSync(fd);
  }
  feed(sc, 0, true);
  return { result: { text: out, length, stats: statsOf(x) }, transfer: [out.buffer as ArrayBuffer] };
}

if (parentPort) {
  const port = parentPort;
  try {
    const { result, transfer } = scan(workerData as WorkerJob);
    port.postMessage(result, transfer);
  } catch (e) {
    port.postMessage({ error: String((e as Error)?.message ?? e) } satisfies WorkerResult);
  }
}
