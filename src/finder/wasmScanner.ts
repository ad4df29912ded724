// One instance of the WebAssembly Tweet ID scanner (src/finder/assembly/finder.ts, where the ID
// rules live) and how bytes go in and results come out. Used on the main thread (finder.ts,
// finderWasm.ts) and in the file-scan worker (scanWorker.ts), which gets the compiled module
// from the main thread, so this file does not load the WebAssembly itself.
import * as fs from 'node:fs';
import { MAX_ID_DIGITS, MIN_ID_DIGITS, SNOWFLAKE_EPOCH_MS } from '../shared/tweetId';
import type { ScanStats } from './finder';

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

/** The compiled scanner: made once, shared by every instance, and structured-cloneable to a worker. */
export type ScannerModule = WebAssembly.Module;

/**
 * Compiles the scanner. Every supported runtime (Node 20, VS Code's extension host) has
 * WebAssembly SIMD, which it needs; where that is missing this throws a clear error.
 */
export function compileScanner(bytes: Uint8Array): ScannerModule {
  try {
    return new WebAssembly.Module(bytes);
  } catch (e) {
    throw new Error(`The Tweet ID scanner needs WebAssembly with SIMD (Node 20 or later), which this runtime lacks: ${(e as Error)?.message ?? e}`, { cause: e });
  }
}

/** The scanner's exports (see src/finder/assembly/finder.ts). */
export interface Exports {
  memory: WebAssembly.Memory;
  init(windowBytes: number, epochMs: number, minDigits: number, maxDigits: number): void;
  scratch(): number;
  keyFlagsOf(len: number): number;
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
  matchCount(): number;
  matchPtr(): number;
  outClear(): void;
}

/** Bytes per match record at matchPtr(): three f64, start and end byte offsets and 1 if new. */
export const MATCH_FIELDS = 3;

/** A new instance with a window for windowBytes of input; begin() starts its first stream. */
export function instantiate(module: ScannerModule, windowBytes: number): Exports {
  const imports = {
    env: {
      abort: () => {
        throw new Error('Tweet ID scanner (WebAssembly) aborted');
      },
    },
  };
  const x = new WebAssembly.Instance(module, imports).exports as unknown as Exports;
  x.init(windowBytes, SNOWFLAKE_EPOCH_MS, MIN_ID_DIGITS, MAX_ID_DIGITS);
  return x;
}

/** A scanner instance and where its new IDs go: text, one ID a line, valid only during the call. */
export interface Scanner {
  x: Exports;
  lines: (text: Uint8Array) => void;
}

/**
 * Scans the len bytes written at x.chunkPtr() (last: the end of the input) and hands the new IDs
 * to the sink.
 */
export function feed(sc: Scanner, len: number, last: boolean): void {
  const x = sc.x;
  x.feed(len, last ? 1 : 0);
  drain(sc);
}

/** Hands the new IDs the scanner holds to the sink. */
export function drain(sc: Scanner): void {
  const x = sc.x;
  const count = x.outLength();
  if (count === 0) return;
  sc.lines(new Uint8Array(x.memory.buffer, x.outPtr(), count));
  x.outClear();
}

/**
 * Feeds the bytes [pos, end) of an open file, read straight into the scanner's memory. Returns
 * where it stopped (end, or the end of the file).
 */
export function feedFile(sc: Scanner, fd: number, pos: number, end: number): number {
  const x = sc.x;
  while (pos < end) {
    const room = new Uint8Array(x.memory.buffer, x.chunkPtr(), Math.min(x.chunkRoom(), end - pos));
    const got = fs.readSync(fd, room, 0, room.length, pos);
    if (got === 0) break;
    feed(sc, got, false);
    pos += got;
  }
  return pos;
}

export function statsOf(x: Exports): ScanStats {
  return { found: x.stat(0), duplicates: x.stat(1), invalid: x.stat(2), skipped: x.stat(3) };
}
