import { strict as assert } from 'node:assert';
import { columnTotals, compareDecimal, permille, topValues } from '../../../src/shared/decimal';

// Above 2^53 (9007199254740992): a Number would round these.
const BIG = '9007199254740993';

describe('compareDecimal', () => {
  it('compares decimal strings exactly: sign, then length, then digits', () => {
    assert.ok(compareDecimal(BIG, '9007199254740992') > 0);
    assert.ok(compareDecimal('99', '100') < 0);
    assert.ok(compareDecimal('-3', '2') < 0);
    assert.ok(compareDecimal('2', '-3') > 0);
    assert.ok(compareDecimal('-30', '-4') < 0);
    assert.ok(compareDecimal('-4', '-30') > 0);
    assert.equal(compareDecimal('12', '12'), 0);
  });

  it('sorts like BigInt does', () => {
    const values = ['0', '7', '-7', BIG, '-' + BIG, '100', '99', '9007199254740992', '-100'];
    const byBigInt = [...values].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
    assert.deepEqual([...values].sort(compareDecimal), byBigInt);
  });
});

describe('columnTotals', () => {
  const rows: Array<[string, ...(string | null)[]]> = [
    ['1', BIG, '2', null],
    ['2', '2', null, null],
    ['3', '12', '1', null],
  ];

  it('sums each value column exactly, null where no row has a value', () => {
    // 9007199254740993 + 2 + 12: through Number it would be 9007199254741006.
    assert.deepEqual(columnTotals(rows, 3), ['9007199254741007', '3', null]);
  });

  it('sums only the picked rows (the filtered view)', () => {
    assert.deepEqual(columnTotals(rows, 3, [1, 2]), ['14', '1', null]);
    assert.deepEqual(columnTotals(rows, 3, []), [null, null, null]);
  });
});

describe('permille', () => {
  it('scales a value to thousandths of the largest, exactly above 2^53', () => {
    assert.equal(permille('5', '10'), 500);
    assert.equal(permille(BIG, BIG), 1000);
    assert.equal(permille('9007199254740992', '18014398509481986'), 499);
    assert.equal(permille('0', '0'), 0, 'no division by zero');
  });
});

describe('topValues', () => {
  const rows: Array<[string, ...(string | null)[]]> = [
    ['a', '5'],
    ['b', '9007199254740993'],
    ['c', null],
    ['d', '9007199254740992'],
    ['e', '5'],
  ];
  it('keeps the highest values first, exactly above 2^53, ties in row order, no missing values', () => {
    assert.deepEqual(
      topValues(rows, 1, 3).map((t) => t.id),
      ['b', 'd', 'a'],
    );
  });
  it('counts only the picked rows (what a filter keeps)', () => {
    assert.deepEqual(topValues(rows, 1, 5, [4, 2, 0]), [
      { id: 'e', value: '5' },
      { id: 'a', value: '5' },
    ]);
  });
});
