import { strict as assert } from 'node:assert';
import { OVERSCAN, ROW_H, rowWindow } from '../../../../src/webview/panel/virtualWindow';

describe('results page: virtual window', () => {
  it('renders the viewport plus the overscan below at the top', () => {
    // 900 px show 38 rows (37.5); the window holds them and 2 overscans.
    assert.deepEqual(rowWindow(0, 900, 10_000, 24, 12), { first: 0, last: 62, above: 0, below: (10_000 - 62) * 24 });
  });

  it('starts an overscan above the first visible row when scrolled', () => {
    const w = rowWindow(100 * ROW_H + 5, 900, 10_000);
    assert.equal(w.first, 100 - OVERSCAN);
    assert.equal(w.last, w.first + Math.ceil(900 / ROW_H) + 2 * OVERSCAN);
    assert.equal(w.above, w.first * ROW_H);
  });

  it('stops at the last row, with no spacer below', () => {
    const w = rowWindow(10_000 * ROW_H, 900, 10_000);
    assert.equal(w.last, 10_000);
    assert.equal(w.below, 0);
  });

  it('keeps the spacers and rows exactly as tall as the whole table, wherever it is scrolled', () => {
    for (const count of [0, 1, 50, 10_000]) {
      for (const scrollTop of [0, 7, 24 * 40, 24 * count, 24 * count + 5000]) {
        const w = rowWindow(scrollTop, 600, count);
        assert.ok(0 <= w.first && w.first <= w.last && w.last <= count, `window ${JSON.stringify(w)} for ${count} rows at ${scrollTop}`);
        assert.equal(w.above + (w.last - w.first) * ROW_H + w.below, count * ROW_H);
      }
    }
  });

  it('renders nothing for no rows', () => {
    assert.deepEqual(rowWindow(0, 900, 0), { first: 0, last: 0, above: 0, below: 0 });
  });
});
