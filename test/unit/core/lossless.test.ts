import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseJsonLossless, quoteNumbers, toCount } from '../../../src/core/lossless';

describe('lossless JSON', () => {
  it('keeps 64-bit integers exact, in values and arrays', () => {
    const parsed = parseJsonLossless('{"a":{"1844674407370955161":{"favorites":9007199254740993}},"ids":[1234567890123456789,"5"],"s":"x 12 \\" 34"}') as Record<string, unknown>;
    assert.deepEqual(parsed, { a: { '1844674407370955161': { favorites: '9007199254740993' } }, ids: ['1234567890123456789', '5'], s: 'x 12 " 34' });
  });

  it('leaves strings with digits and escapes alone (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        // Numbers become their own text as strings; strings (digits-only ones too) stay as they were.
        const expected = JSON.parse(text, (_k, x) => (typeof x === 'number' ? JSON.stringify(x) : x));
        assert.deepEqual(JSON.parse(quoteNumbers(text)), expected);
      }),
    );
  });

  it('reads counts given as strings or numbers', () => {
    assert.equal(toCount('0012'), '12');
    assert.equal(toCount(530), '530');
    assert.equal(toCount('18446744073709551616000'), '18446744073709551616000');
    assert.equal(toCount(-1), undefined);
    assert.equal(toCount('1.5'), undefined);
    assert.equal(toCount(null), undefined);
  });

  it('parses an answer nested 1,000,000 levels deep without overflowing the stack (no recursion)', () => {
    const depth = 1_000_000;
    let node = parseJsonLossless(`{"a":`.repeat(depth) + '12' + '}'.repeat(depth));
    for (let i = 0; i < depth; i++) node = (node as Record<string, unknown>).a;
    assert.equal(node, '12');
  });
});
