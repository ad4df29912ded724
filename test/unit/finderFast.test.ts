// The fast-path scanner in src/core/finder.ts against the reference implementation it replaced
// (test/unit/finderReference.ts): same IDs, matches and stats on generated JSON, NDJSON and text,
// whole and split into random chunks.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fast from '../../src/core/finder';
import * as ref from './finderReference';

const NOW = { now: Date.UTC(2024, 5, 1) };

type Finder = typeof fast | typeof ref;

function scan(m: Finder, chunks: Buffer[]) {
  const ids: string[] = [];
  const scanner = new m.TweetIdScanner((id) => ids.push(id), NOW);
  for (const c of chunks) scanner.write(c);
  scanner.end();
  return { ids, stats: { ...scanner.stats } };
}

function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  return chunks;
}

const ID = fc.bigInt({ min: 1n << 47n, max: (BigInt(Date.UTC(2024, 0, 1)) - 1288834974657n) << 22n }).map(String);
const DIGITS = fc.integer({ min: 1, max: 24 }).chain((len) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: len, maxLength: len }));
const KEYS = ['id', 'id_str', 'user', 'text', 'full_text', 'media', 'author_id', 'name', 'screen_name', 'url', 'expanded_url', 'entities', 'tweets', 'users', 'x', 'in_reply_to_status_id_str', 'media_key'];
const PIECES = [
  'https://twitter.com/jack/status/', 'https:\\/\\/x.com\\/a\\/status\\/', 'x.com/i/web/statuses/', 'https://pbs.twimg.com/media/',
  'https://x.com/i/user/', 'STATUS/', 'status\\/', '/', '\\', '\\n', '\\"', '"', "'", '\n', ' ', ',', ':', '{', '}', '[', ']',
  'a', '_', '.', '0.', '.5', 'n', 'L', 'é', '🎤', 'Wed Oct 10 20:19:24 +0000 2018', '1700000000000',
];
const url = fc.tuple(fc.constantFrom(...PIECES.slice(0, 7)), fc.oneof(ID, DIGITS)).map(([a, b]) => a + b);
const piece = fc.oneof(fc.constantFrom(...PIECES), ID, DIGITS, url, fc.constantFrom(...KEYS).map((k) => `"${k}":`));
const textArb = fc.array(piece, { maxLength: 120 }).map((p) => p.join(''));

// JSON values shaped like Tweet exports, with IDs in numbers, strings and URLs.
const jsonArb = fc.letrec((tie) => ({
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
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
}));
const ndjsonArb = fc
  .array(fc.tuple(jsonArb.object, fc.boolean()), { minLength: 1, maxLength: 8 })
  .map((lines) => lines.map(([o, esc]) => {
    let s = JSON.stringify(o).replace(/"§(\d+)"/g, '$1');
    if (esc) s = s.replace(/\//g, '\\/');
    return s;
  }).join('\n') + '\n');

function same(text: string, cuts: number[]) {
  const a = fast.findTweetIds(text, NOW);
  const b = ref.findTweetIds(text, NOW);
  assert.deepEqual(a, b);
  const bytes = Buffer.from(text, 'utf8');
  const chunks = split(bytes, cuts);
  assert.deepEqual(scan(fast, chunks), scan(ref, [bytes]));
}

describe('finder fast path = reference implementation', () => {
  it('on generated text', () => {
    fc.assert(fc.property(textArb, fc.array(fc.nat(), { maxLength: 10 }), same), { numRuns: 1500 });
  });

  it('on generated NDJSON Tweet-like objects', () => {
    fc.assert(fc.property(ndjsonArb, fc.array(fc.nat(), { maxLength: 10 }), same), { numRuns: 500 });
  });

  it('on byte-by-byte and 1-byte-chunk input around runs and escapes', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const bytes = Buffer.from(text, 'utf8');
        const chunks: Buffer[] = [];
        for (let k = 0; k < bytes.length; k++) chunks.push(bytes.subarray(k, k + 1));
        assert.deepEqual(scan(fast, chunks), scan(ref, [bytes]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('scanFileIds (two threads) = one sequential reference pass', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { scanFileIds, PARALLEL_MIN_BYTES } = require('../../src/core/scanParallel') as typeof import('../../src/core/scanParallel');
  const os = require('node:os') as typeof import('node:os');
  const fsm = require('node:fs') as typeof import('node:fs');
  const pathm = require('node:path') as typeof import('node:path');

  async function check(text: string) {
    const file = pathm.join(os.tmpdir(), `finder-par-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    fsm.writeFileSync(file, text);
    try {
      const ids: string[] = [];
      const stats = await scanFileIds(file, (id) => ids.push(id), NOW);
      assert.ok(stats, 'parallel path applies');
      assert.deepEqual({ ids, stats: { ...stats } }, scan(ref, [Buffer.from(text, 'utf8')]));
    } finally {
      fsm.rmSync(file, { force: true });
    }
  }

  function bigText(sample: string[], pretty: boolean): string {
    const parts: string[] = [];
    let size = 0;
    for (let k = 0; size < PARALLEL_MIN_BYTES + 4096; k++) {
      const s = sample[k % sample.length];
      parts.push(s);
      size += s.length + 1;
    }
    return pretty ? '[\n' + parts.join(',\n') + '\n]\n' : parts.join('\n') + '\n';
  }

  const sample = fc.sample(ndjsonArb, { numRuns: 300, seed: 42 }).flatMap((s) => s.trim().split('\n'));

  it('NDJSON: merges the second half (repeats across halves count as duplicates)', async function () {
    this.timeout(60000);
    await check(bigText(sample, false));
  });

  it('pretty-printed JSON array: falls back to scanning on, same result', async function () {
    this.timeout(60000);
    await check(bigText(sample, true));
  });

  it('small files and missing files are left to the streaming path', async () => {
    assert.equal(await scanFileIds('/nonexistent/finder-par', () => undefined), undefined);
    assert.equal(await scanFileIds(__filename, () => undefined), undefined);
  });
});
