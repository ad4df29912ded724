// Generators of finder input shared by the property tests (Tweet-like JSON, NDJSON and text with
// IDs in numbers, strings, URLs and near-misses), and the helpers that feed it to a scanner.
import * as fc from 'fast-check';
import type { ScanStats } from '../../../src/finder/finder';
import { snowflakeAt } from '../../../src/shared/tweetId';

/** A valid Tweet ID before 2024: any, or one of a few (so texts repeat IDs). */
export const ID = fc.oneof(
  fc.bigInt({ min: 1n << 47n, max: BigInt(snowflakeAt(Date.UTC(2024, 0, 1))) }).map(String),
  fc.constantFrom('1712345678901234688', '1460323737035677698', '1050118621198921728'),
);
export const DIGITS = fc.integer({ min: 1, max: 24 }).chain((len) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: len, maxLength: len }));
export const KEYS = [
  'id',
  'id_str',
  'user',
  'text',
  'full_text',
  'media',
  'author_id',
  'name',
  'screen_name',
  'url',
  'expanded_url',
  'entities',
  'tweets',
  'users',
  'x',
  'in_reply_to_status_id_str',
  'media_key',
];
const PIECES = [
  'https://twitter.com/jack/status/',
  'https:\\/\\/x.com\\/a\\/status\\/',
  'x.com/i/web/statuses/',
  'https://pbs.twimg.com/media/',
  'https://x.com/i/user/',
  'STATUS/',
  'status\\/',
  '/',
  '\\',
  '\\n',
  '\\b',
  '\\f',
  '\\"',
  '"',
  "'",
  '\n',
  ' ',
  ',',
  ':',
  '{',
  '}',
  '[',
  ']',
  'a',
  '_',
  '.',
  '0.',
  '.5',
  'n',
  'L',
  'é',
  '🎤',
  'Wed Oct 10 20:19:24 +0000 2018',
  '1700000000000',
];
const url = fc.tuple(fc.constantFrom(...PIECES.slice(0, 7)), fc.oneof(ID, DIGITS)).map(([a, b]) => a + b);
const pieces = (from: string[]) =>
  fc.oneof(
    fc.constantFrom(...from),
    ID,
    DIGITS,
    url,
    fc.constantFrom(...KEYS).map((k) => `"${k}":`),
  );
export const textArb = fc.array(pieces(PIECES), { maxLength: 120 }).map((p) => p.join(''));
/** Text that never opens a JSON container (no `{` or `[`), so only the text rules apply: what the oracle judges. */
export const plainTextArb = fc.array(pieces(PIECES.filter((p) => p !== '{' && p !== '[')), { maxLength: 120, size: 'medium' }).map((p) => p.join(''));

// JSON values shaped like Tweet exports, with IDs in numbers, strings and URLs.
export const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    ID.map((id) => `§${id}`),
    ID,
    DIGITS,
    url,
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.constant(null),
    tie('object'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  // Keys are known keys, now and then an ID ({"1712…": {…}}: an ID as a key counts).
  object: fc.dictionary(fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 9 }, { arbitrary: ID, weight: 1 }), tie('value'), { maxKeys: 6 }),
}));
export const ndjsonArb = fc.array(fc.tuple(jsonArb.object, fc.boolean()), { minLength: 1, maxLength: 8 }).map(
  (lines) =>
    lines
      .map(([o, esc]) => {
        let s = JSON.stringify(o).replace(/"§(\d+)"/g, '$1');
        if (esc) s = s.replace(/\//g, '\\/');
        return s;
      })
      .join('\n') + '\n',
);

/** The bytes cut at the given points (taken modulo the length), in order. */
export function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return chunks;
}

interface StreamingScanner {
  write(chunk: Buffer): void;
  end(): void;
  readonly stats: ScanStats;
}

/** Streams the chunks through a scanner made by `make`; its new IDs in order and its stats. */
export function scanChunks(make: (onId: (id: string) => void) => StreamingScanner, chunks: Buffer[]) {
  const ids: string[] = [];
  const scanner = make((id) => ids.push(id));
  for (const c of chunks) scanner.write(c);
  scanner.end();
  return { ids, stats: { ...scanner.stats } };
}
