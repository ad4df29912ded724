// The date-range command's presets, its checks of typed dates, and the groupings it asks for.
import { strict as assert } from 'node:assert';
import { checkEndDay, checkStartDay, customRange, parseDay, presetRange, rangeDays, seriesGroupingsFor } from '../../../../src/features/fetch/seriesRange';

const NOW = Date.parse('2024-06-01T12:34:56Z');

describe('time series: date ranges', () => {
  it('presets count back from today (UTC) and run up to now', () => {
    assert.deepEqual(presetRange(7, NOW), { start: '2024-05-25' });
    assert.equal(presetRange(365, NOW).start, '2023-06-02');
    assert.equal(rangeDays(presetRange(28, NOW), NOW), 28);
    assert.equal(rangeDays(presetRange(90, NOW), NOW), 90);
  });

  it('reads only real YYYY-MM-DD days', () => {
    assert.equal(parseDay('2024-02-29'), Date.parse('2024-02-29T00:00:00Z'));
    for (const bad of ['2023-02-29', '2024-13-01', '24-05-01', '2024-5-1', 'yesterday', '']) assert.equal(parseDay(bad), undefined, bad);
  });

  it('checks a typed start: a date, not in the future, within the last 365 days', () => {
    assert.equal(checkStartDay('2024-05-01', NOW), undefined);
    assert.match(checkStartDay('May 1', NOW)!, /YYYY-MM-DD/);
    assert.match(checkStartDay('2024-06-02', NOW)!, /future/);
    assert.match(checkStartDay('2023-06-01', NOW)!, /last 365 days: start on 2023-06-02 or later/);
    assert.equal(checkStartDay('2023-06-02', NOW), undefined);
  });

  it('checks a typed end: a date, not in the future, not before the start', () => {
    assert.equal(checkEndDay('2024-06-01', '2024-05-01', NOW), undefined);
    assert.match(checkEndDay('2024-06-02', '2024-05-01', NOW)!, /future: 2024-06-01 at the latest/);
    assert.match(checkEndDay('2024-04-30', '2024-05-01', NOW)!, /not be before the start/);
    assert.equal(checkEndDay('2024-05-01', '2024-05-01', NOW), undefined, 'one day is a range');
  });

  it('a custom range includes its last day (the end sent is the next midnight); up to now when that is today', () => {
    assert.deepEqual(customRange('2024-05-01', '2024-05-10', NOW), { start: '2024-05-01', end: '2024-05-11' });
    assert.deepEqual(customRange('2024-05-01', '2024-06-01', NOW), { start: '2024-05-01' });
    assert.equal(customRange('2024-05-02', '2024-05-01', NOW), undefined);
    assert.equal(rangeDays(customRange('2024-05-01', '2024-05-10', NOW)!, NOW), 10);
  });

  it('hourly buckets up to 28 days, daily ones with an hour-of-day profile beyond; always the per-Tweet totals', () => {
    for (const days of [undefined, 1, 28]) {
      const g = seriesGroupingsFor(days);
      assert.deepEqual(g.hourly.group_by, ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour']);
      assert.ok(g.perTweet);
    }
    const long = seriesGroupingsFor(29);
    assert.deepEqual(Object.keys(long).sort(), ['daily', 'hourOfDay', 'perTweet']);
    assert.ok(!long.daily.group_by.includes('engagement.hour'));
  });
});
