// The finder (the WebAssembly scanner through src/finder/finder.ts) against the naive oracle in finderOracle.ts, on generated plain
// text, NDJSON Tweet-like objects and pretty-printed JSON: the same IDs in first-seen order, the
// same matches, duplicates, invalid and skipped counts, from findTweetIds on the whole text and
// from the streaming TweetIdScanner fed random chunks (or one byte at a time).
// Broken JSON, JSON inside other text and the 1 MB decision window are streaming approximations
// the oracle does not judge: finder.test.ts and finderWasm.test.ts hold those by example.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { findTweetIds, scannerModule, TweetIdScanner } from '../../../src/finder/finder';
import { instantiate } from '../../../src/finder/wasmScanner';
import { jsonArb, KEYS, ndjsonArb, plainTextArb, scanChunks, split } from './finderArbitraries';
import { oracleFind, ORACLE_KEYS } from './finderOracle';
import { snowflakeAt } from '../../../src/shared/tweetId';

const NOW = Date.UTC(2024, 5, 1);

/** findTweetIds on the whole text, and the scanner on the text cut at `cuts`, both equal to the oracle. */
function agrees(text: string, cuts: number[], json: 'text' | 'document' | 'ndjson', now = NOW) {
  const expected = oracleFind(text, now, json);
  assert.deepEqual(findTweetIds(text, { now }), expected);
  const streamed = scanChunks((onId) => new TweetIdScanner(onId, { now }), split(Buffer.from(text, 'utf8'), cuts));
  const { ids, duplicates, invalid, skipped } = expected;
  assert.deepEqual(streamed, { ids, stats: { found: ids.length, duplicates, invalid, skipped } });
}

const cutsArb = fc.array(fc.nat(), { maxLength: 10 });
const unquote = (json: string) => json.replace(/"§(\d+)"/g, '$1'); // §-marked IDs become bare numbers

describe('finder = naive oracle', () => {
  it('on generated plain text (status URLs, near-misses, escapes, quotes), whole and in random chunks', function () {
    this.timeout(120_000); // a bound against a hang, not a speed check: a few seconds unloaded
    fc.assert(
      fc.property(plainTextArb, cutsArb, (text, cuts) => agrees(text, cuts, 'text')),
      { numRuns: 1000 },
    );
  });

  it('on generated NDJSON Tweet-like objects, whole and in random chunks', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(ndjsonArb, cutsArb, (text, cuts) => agrees(text, cuts, 'ndjson')),
      { numRuns: 500 },
    );
  });

  it('on pretty-printed JSON (an object, or an array of objects as in exports)', function () {
    this.timeout(120_000);
    const doc = fc.oneof(jsonArb.object, fc.array(jsonArb.object, { maxLength: 4 }));
    fc.assert(
      fc.property(doc, cutsArb, (o, cuts) => agrees(unquote(JSON.stringify(o, null, 2)), cuts, 'document')),
      { numRuns: 300 },
    );
  });

  it('one byte at a time (every seam: inside digit runs, escapes, UTF-8 characters, keys)', function () {
    this.timeout(120_000);
    const everyByte = (text: string) => Array.from({ length: Buffer.byteLength(text) }, (_, k) => k);
    fc.assert(
      fc.property(plainTextArb, (text) => agrees(text, everyByte(text), 'text')),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(ndjsonArb, (text) => agrees(text, everyByte(text), 'ndjson')),
      { numRuns: 150 },
    );
  });

  it('the snowflake time limit, to the millisecond around now, and 2^63-1', () => {
    const at = (ms: number, low: bigint) => BigInt(snowflakeAt(ms, low));
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 3 }),
        fc.bigInt({ min: 0n, max: (1n << 22n) - 1n }),
        fc.constantFrom(NOW, Date.UTC(2100, 0, 1), Date.UTC(3000, 0, 1)),
        (d, low, now) => {
          const ids = [at(now + d, low), at(now + d, 0n), at(now + d, (1n << 22n) - 1n), 2n ** 63n - 1n - low, 2n ** 63n + low];
          agrees(ids.join(' ') + ' x.com/a/status/' + ids.join(' x.com/a/status/'), [], 'text', now);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("knows the generators' keys as the finder's key table does", () => {
    const x = instantiate(scannerModule(), 1 << 16);
    const flagsOf = (key: string) => {
      new Uint8Array(x.memory.buffer, x.scratch(), key.length).set(Buffer.from(key, 'latin1'));
      return x.keyFlagsOf(key.length);
    };
    assert.equal(flagsOf('id_str'), 4); // the lookup works at all
    // The bits are K_SKIP, K_ENTITY, K_ID, K_TWEET and K_NOT_TWEET of src/finder/assembly/finder.ts.
    for (const key of KEYS) {
      const f = flagsOf(key);
      const o = ORACLE_KEYS[key] ?? {};
      assert.deepEqual(
        { skip: !!(f & 1), entity: !!(f & 2), id: !!(f & 4), tweet: !!(f & 8), notTweet: !!(f & 16) },
        { skip: !!o.skip, entity: !!o.entity, id: !!o.id, tweet: !!o.tweet, notTweet: !!o.notTweet },
        key,
      );
    }
  });
});
