// The fast-path scanner in src/core/finder.ts against the reference implementation it replaced
// (test/unit/finderReference.ts): same IDs, matches and stats on generated JSON, NDJSON and text,
// whole and split into random chunks.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fast from '../../src/core/finder';
import * as ref from './finderReference';
import { ndjsonArb, scanChunks, split, textArb } from './finderArbitraries';

const NOW = { now: Date.UTC(2024, 5, 1) };

type Finder = typeof fast | typeof ref;

function scan(m: Finder, chunks: Buffer[]) {
  return scanChunks((onId) => new m.TweetIdScanner(onId, NOW), chunks);
}

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
