// The results page's table logic, in plain Node: these modules must not touch the DOM.
import { strict as assert } from 'node:assert';
import {
  countText,
  exportButtonText,
  exportSelection,
  filterQuery,
  filterRows,
  nextSort,
  POSTED_COL,
  restoreViewState,
  Row,
  savedState,
  sortFits,
  sortIndicator,
  sortOrder,
} from '../../../../src/webview/panel/rows';
import { snowflakeAt } from '../../../../src/shared/tweetId';

const BIG = '9007199254740993';
const rows: Row[] = [
  ['1790000000000000003', '5', null],
  ['1790000000000000001', BIG, '1'],
  ['1790000000000000002', null, '1'],
  ['1790000000000000010', '9007199254740992', '0'],
];

describe('results page: sort order', () => {
  it('keeps the asked-for order without a sort', () => {
    assert.deepEqual(sortOrder(rows, null), [0, 1, 2, 3]);
  });

  it('sorts values exactly above 2^53, missing values last in both directions', () => {
    assert.deepEqual(sortOrder(rows, { col: 1, dir: 'desc' }), [1, 3, 0, 2]);
    assert.deepEqual(sortOrder(rows, { col: 1, dir: 'asc' }), [0, 3, 1, 2]);
  });

  it('keeps ties in the asked-for order, in both directions', () => {
    assert.deepEqual(sortOrder(rows, { col: 2, dir: 'desc' }), [1, 2, 3, 0]);
    assert.deepEqual(sortOrder(rows, { col: 2, dir: 'asc' }), [3, 1, 2, 0]);
  });

  it('sorts IDs as numbers', () => {
    assert.deepEqual(sortOrder([['100'], ['99'], ['1000']], { col: 0, dir: 'asc' }), [1, 0, 2]);
  });

  it('flips the same column, starts IDs ascending and values descending', () => {
    assert.deepEqual(nextSort(null, 0), { col: 0, dir: 'asc' });
    assert.deepEqual(nextSort(null, 2), { col: 2, dir: 'desc' });
    assert.deepEqual(nextSort({ col: 2, dir: 'desc' }, 2), { col: 2, dir: 'asc' });
    assert.deepEqual(nextSort({ col: 2, dir: 'asc' }, 2), { col: 2, dir: 'desc' });
    assert.deepEqual(nextSort({ col: 2, dir: 'asc' }, 1), { col: 1, dir: 'desc' });
  });

  it('marks the sorted column for screen readers and the eye', () => {
    assert.deepEqual(sortIndicator({ col: 1, dir: 'asc' }, 1), { ariaSort: 'ascending', mark: ' ▲' });
    assert.deepEqual(sortIndicator({ col: 1, dir: 'desc' }, 1), { ariaSort: 'descending', mark: ' ▼' });
    assert.deepEqual(sortIndicator({ col: 1, dir: 'desc' }, 0), { ariaSort: 'none', mark: '' });
    assert.deepEqual(sortIndicator(null, 0), { ariaSort: 'none', mark: '' });
  });
});

describe('results page: filter', () => {
  it('matches a substring of the ID, ignoring white space in what was typed', () => {
    assert.equal(filterQuery(' 1790 0000 '), '17900000');
    assert.deepEqual(filterRows(rows, [3, 2, 1, 0], filterQuery('0001')), [3, 1]);
    assert.deepEqual(filterRows(rows, [3, 2, 1, 0], filterQuery('000 3')), [0]);
  });

  it('keeps the sort order and every row for an empty filter', () => {
    assert.deepEqual(filterRows(rows, [3, 2, 1, 0], ''), [3, 2, 1, 0]);
    assert.deepEqual(filterRows(rows, [3, 2, 1, 0], 'x'), []);
  });

  it('counts the rows shown', () => {
    assert.equal(countText(4, 4, false), '4 Tweets');
    assert.equal(countText(1, 4, true), '1 of 4 Tweets');
  });
});

describe('results page: saved state', () => {
  it('reads back what it saved', () => {
    const v = { runId: 'r1', sort: { col: 2, dir: 'asc' as const }, filter: '179', metric: 'favorites' };
    assert.deepEqual(restoreViewState(JSON.parse(JSON.stringify(savedState(v)))), v);
    const noSort = { ...v, sort: null };
    assert.deepEqual(restoreViewState(JSON.parse(JSON.stringify(savedState(noSort)))), noSort);
  });

  it('starts clean from nothing or from a malformed state', () => {
    const clean = { runId: '', sort: null, filter: '', metric: '' };
    assert.deepEqual(restoreViewState(undefined), clean);
    assert.deepEqual(restoreViewState('x'), clean);
    assert.deepEqual(restoreViewState({ runId: 3, sort: { col: '1', dir: 'up' }, filter: {}, metric: null }), clean);
  });
});

describe('results page: Posted and what Export takes', () => {
  const at = (y: number, m: number, d: number) => snowflakeAt(Date.UTC(y, m, d));
  // Asked-for order: middle, newest, an ID older than snowflakes (no time), oldest.
  const posted: Row[] = [
    [at(2024, 1, 1), '1'],
    [at(2025, 1, 1), '2'],
    ['20', '3'],
    [at(2020, 1, 1), '4'],
  ];

  it('sorts by when the Tweets were posted, newest first on the first click; IDs without a time go last', () => {
    assert.deepEqual(nextSort(null, POSTED_COL), { col: POSTED_COL, dir: 'desc' });
    assert.deepEqual(sortOrder(posted, { col: POSTED_COL, dir: 'desc' }), [1, 0, 3, 2]);
    assert.deepEqual(sortOrder(posted, { col: POSTED_COL, dir: 'asc' }), [3, 0, 1, 2]);
  });

  it('a restored sort fits the table: Posted and the value columns, nothing beyond', () => {
    assert.ok(sortFits({ col: POSTED_COL, dir: 'asc' }, 2));
    assert.ok(sortFits({ col: 2, dir: 'asc' }, 2));
    assert.ok(!sortFits({ col: 3, dir: 'asc' }, 2));
    assert.ok(!sortFits({ col: -2, dir: 'asc' }, 2));
    assert.ok(!sortFits({ col: 0.5, dir: 'asc' }, 2));
  });

  it('exports the rows shown, in their order, while a filter or a sort is on; the whole run otherwise', () => {
    const order = sortOrder(rows, { col: 1, dir: 'desc' });
    const view = filterRows(rows, order, '0'.repeat(15));
    assert.deepEqual(exportSelection(rows, view, true, true), [rows[1][0], rows[0][0], rows[2][0]]);
    assert.deepEqual(
      exportSelection(rows, order, false, true),
      [1, 3, 0, 2].map((i) => rows[i][0]),
    );
    assert.equal(exportSelection(rows, sortOrder(rows, null), false, false), undefined);
  });

  it('the export buttons say what they take', () => {
    assert.deepEqual(exportButtonText('CSV', 3, 1200, true, false), {
      label: 'Export 3 shown as CSV',
      title: 'Export the 3 rows shown (of 1,200), in this order, as CSV',
    });
    assert.equal(exportButtonText('JSON', 1200, 1200, false, true).title, 'Export all 1,200 rows in the order shown, as JSON');
    assert.equal(exportButtonText('CSV', 1, 1, false, false).title, 'Export the whole run as CSV: all 1 row, and the Tweets without values');
  });

  it('counts with grouped thousands and "1 Tweet"', () => {
    assert.equal(countText(1, 1, false), '1 Tweet');
    assert.equal(countText(1200, 10000, true), '1,200 of 10,000 Tweets');
  });
});
