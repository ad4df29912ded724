// Tweet IDs in text, from JavaScript. The ID rules live in one place, the WebAssembly scanner built
// from src/finder/assembly/finder.ts (see its header for the rules); this module drives it:
// - findTweetIds: every occurrence with its UTF-16 range (hovers, annotations, fetch from a text);
// - tweetIdAt: the occurrence under a cursor;
// - TweetIdScanner: chunks in, each new ID once (fetch from files, the CLI's stdin).
// A file, on two threads: scanFileWasm in finderWasm.ts.
import { FINDER_WASM } from './finderWasm.generated';
import { compileScanner, feed, instantiate, MATCH_FIELDS, statsOf, type Exports, type Scanner, type ScannerModule } from './wasmScanner';

export interface TweetIdMatch {
  id: string;
  /** UTF-16 offsets in the text: text.slice(start, end) === id. */
  start: number;
  end: number;
}

export interface FinderOptions {
  /** ms since the epoch; snowflakes newer than this are invalid. Default Date.now(). */
  now?: number;
}

/** What a scan counted: new IDs, repeats, digit runs that are not valid IDs, IDs skipped by context. */
export type ScanStats = { found: number; duplicates: number; invalid: number; skipped: number };

export interface FindResult {
  ids: string[];
  matches: TweetIdMatch[];
  duplicates: number;
  invalid: number;
  skipped: number;
}

/**
 * Where new IDs go: one string each, or (faster) text with one ID per line, each line ending in
 * "\n"; those bytes are valid only during the call.
 */
export type IdSink = ((id: string) => void) | { lines(text: Uint8Array): void };

/** Snowflake creation time in ms, or undefined for pre-snowflake/invalid IDs. */
export { snowflakeTime } from '../shared/tweetId';

export function nowOf(options: FinderOptions | undefined): number {
  return options?.now ?? Date.now();
}

/**
 * Bytes scanned per call into WebAssembly by a streaming scanner; its window holds this plus a
 * small carry. A bigger window makes each new scanner slower to create (~1 ms per MB) and scans
 * no faster.
 */
export const WASM_WINDOW = 1 << 20;
/** findTweetIds' window: texts are documents and lines, rarely megabytes. */
const TEXT_WINDOW = 1 << 20;
/** findTweetIds keeps its instance unless a huge text grew its memory past this. */
const TEXT_MEMORY_KEPT = 16 << 20;

let compiled: ScannerModule | undefined;

/** The compiled scanner (once per process); throws a clear error without WebAssembly SIMD. */
export function scannerModule(): ScannerModule {
  compiled ??= compileScanner(Buffer.from(FINDER_WASM, 'base64'));
  return compiled;
}

let textInstance: Exports | undefined;

/** findTweetIds' instance, reused (it runs to completion, so calls never overlap). */
function textScanner(): Exports {
  if (!textInstance || textInstance.memory.buffer.byteLength > TEXT_MEMORY_KEPT) textInstance = instantiate(scannerModule(), TEXT_WINDOW);
  return textInstance;
}

/** Flags of a JSON key in the scanner's own key table (bits as in src/finder/assembly/finder.ts). */
export const KEY_FLAGS = { skip: 1, entity: 2, id: 4, tweet: 8, notTweet: 16 } as const;

/** The scanner's flags for a JSON key (0 for keys it does not know): the one key table, asked by the CSV rules too. */
export function jsonKeyFlags(key: string): number {
  const bytes = Buffer.from(key, 'latin1');
  if (bytes.length === 0 || bytes.length > 64) return 0;
  const x = textScanner();
  new Uint8Array(x.memory.buffer, x.scratch(), bytes.length).set(bytes);
  return x.keyFlagsOf(bytes.length);
}

/** Maps UTF-8 byte offsets of the encoded text back to UTF-16 offsets, moving forward only. */
class OffsetMap {
  private identityEnd = Infinity;
  private cursorByte = 0;
  private cursorChar = 0;
  private bytesSeen = 0;

  constructor(private readonly text: string) {}

  /** The text's UTF-16 units [charStart, charEnd) were encoded as byteLength bytes. */
  noteWindow(charStart: number, charEnd: number, byteLength: number): void {
    if (this.identityEnd === Infinity && byteLength !== charEnd - charStart) {
      this.identityEnd = this.bytesSeen;
      this.cursorByte = this.cursorChar = this.bytesSeen;
    }
    this.bytesSeen += byteLength;
  }

  toChar(byte: number): number {
    if (byte <= this.identityEnd) return byte;
    const text = this.text;
    let b = this.cursorByte;
    let c = this.cursorChar;
    while (b < byte) {
      const u = text.charCodeAt(c);
      if (u < 0x80) {
        b++;
        c++;
      } else if (u < 0x800) {
        b += 2;
        c++;
      } else if (u >= 0xd800 && u <= 0xdbff && c + 1 < text.length && (text.charCodeAt(c + 1) & 0xfc00) === 0xdc00) {
        b += 4;
        c += 2;
      } else {
        b += 3; // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
        c++;
      }
    }
    this.cursorByte = b;
    this.cursorChar = c;
    return c;
  }
}

const encoder = new TextEncoder();

/** Finds the Tweet IDs in a text: unique IDs in first-seen order plus every occurrence. */
export function findTweetIds(text: string, options?: FinderOptions): FindResult {
  const x = textScanner();
  x.begin(nowOf(options), 1);
  const ids: string[] = [];
  const matches: TweetIdMatch[] = [];
  const map = new OffsetMap(text);
  const collect = () => {
    const count = x.matchCount();
    if (count === 0) return;
    const records = new Float64Array(x.memory.buffer, x.matchPtr(), count * MATCH_FIELDS);
    for (let k = 0; k < records.length; k += MATCH_FIELDS) {
      const start = map.toChar(records[k]);
      const end = map.toChar(records[k + 1]);
      const id = text.slice(start, end);
      if (records[k + 2]) ids.push(id);
      matches.push({ id, start, end });
    }
    x.outClear();
  };
  // Encoded window by window straight into the scanner's memory (encodeInto never splits a surrogate pair).
  for (let a = 0; a < text.length;) {
    const { read, written } = encoder.encodeInto(a === 0 ? text : text.slice(a), new Uint8Array(x.memory.buffer, x.chunkPtr(), x.chunkRoom()));
    map.noteWindow(a, a + read, written);
    x.feed(written, 0);
    collect();
    a += read;
  }
  x.feed(0, 1);
  collect();
  const { duplicates, invalid, skipped } = statsOf(x);
  return { ids, matches, duplicates, invalid, skipped };
}

/** The Tweet ID occurrence covering `offset` in `text` (for hovers: callers pass one line, or a window of text around the position; must be O(window)). */
export function tweetIdAt(text: string, offset: number, options?: FinderOptions): TweetIdMatch | undefined {
  let hit: TweetIdMatch | undefined;
  for (const m of findTweetIds(text, options).matches) {
    if (m.start > offset) break;
    if (offset < m.end) return m;
    if (offset === m.end) hit = m; // cursor just after the last digit
  }
  return hit;
}

/** Where `id` first appears in `text` as the finder reads it (status URLs count; an ID inside a longer number does not). */
export function firstOccurrence(text: string, id: string, options?: FinderOptions): TweetIdMatch | undefined {
  return findTweetIds(text, options).matches.find((m) => m.id === id);
}

/** The sink as the scanner calls it: text, one ID a line. */
export function linesOf(sink: IdSink): (text: Uint8Array) => void {
  if (typeof sink !== 'function') return (text) => sink.lines(text);
  return (text) => {
    const ids = Buffer.from(text.buffer, text.byteOffset, text.length).toString('latin1').split('\n');
    for (let k = 0; k < ids.length - 1; k++) sink(ids[k]);
  };
}

/**
 * Streaming: feed chunks (UTF-8 bytes or strings), get each NEW unique ID once, in first-seen
 * order, through the sink. Memory: O(unique IDs + the window), not O(input).
 */
export class TweetIdScanner {
  private readonly sc: Scanner;
  private ended = false;

  constructor(sink: IdSink, options?: FinderOptions) {
    const x = instantiate(scannerModule(), WASM_WINDOW);
    x.begin(nowOf(options), 0);
    this.sc = { x, lines: linesOf(sink) };
  }

  /** The same as the constructor (the name the CLI and benchmarks have used). */
  static create(sink: IdSink, options?: FinderOptions): TweetIdScanner {
    return new TweetIdScanner(sink, options);
  }

  get stats(): ScanStats {
    return statsOf(this.sc.x);
  }

  write(chunk: Uint8Array | string): void {
    if (this.ended) throw new Error('TweetIdScanner: write after end');
    const x = this.sc.x;
    if (typeof chunk === 'string') {
      for (let a = 0; a < chunk.length;) {
        const { read, written } = encoder.encodeInto(a === 0 ? chunk : chunk.slice(a), new Uint8Array(x.memory.buffer, x.chunkPtr(), x.chunkRoom()));
        feed(this.sc, written, false);
        a += read;
      }
      return;
    }
    for (let a = 0; a < chunk.length;) {
      const len = Math.min(x.chunkRoom(), chunk.length - a);
      new Uint8Array(x.memory.buffer, x.chunkPtr(), len).set(chunk.subarray(a, a + len));
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
