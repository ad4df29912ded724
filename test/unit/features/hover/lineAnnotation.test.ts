// The end-of-line annotation of a line: the first cached ID's short numbers, and how many more.
import { strict as assert } from 'node:assert';
import { lineAnnotation } from '../../../../src/features/hover/lineAnnotation';

const CACHED = '1790000000000000001';
const PLAIN = '1790000000000000003';
const OTHER = '1790000000000000005';

describe('Line annotations', () => {
  it('annotates a line with its first cached ID, short numbers', () => {
    const lookup = (id: string) => (id === CACHED ? { favorites: '1234', retweets: '340', replies: '12' } : undefined);
    assert.equal(lineAnnotation(`x ${CACHED}, ${PLAIN}`, lookup), '♥ 1.2K  ⟲ 340  ↩ 12');
    assert.equal(lineAnnotation(`only ${PLAIN}`, lookup), undefined);
    assert.equal(lineAnnotation('12345 1714567890123', lookup), undefined);
  });

  it('counts the other cached IDs on the line, and reads at most 10,000 characters of it', () => {
    const lookup = (id: string) => (id === CACHED || id === OTHER ? { favorites: '7' } : undefined);
    assert.equal(lineAnnotation(`${CACHED} ${PLAIN} ${OTHER}`, lookup), '♥ 7  (+1 more)');
    assert.equal(lineAnnotation('x'.repeat(10_000) + ` ${CACHED}`, lookup), undefined, 'past the limit');
    assert.equal(lineAnnotation('x'.repeat(9_000) + ` ${CACHED}`, lookup), '♥ 7');
  });
});
