// The results page's table logic, in plain Node: these modules must not touch the DOM.
import { strict as assert } from 'node:assert';
import { countText, filterQuery, filterRows, nextSort, restoreViewState, Row, savedState, sortIndicator, sortOrder } from '../../../../src/webview/panel/rows';

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
