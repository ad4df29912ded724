// The time-series page's words for times, in plain Node: UTC everywhere, whatever the machine's zone.
import { strict as assert } from 'node:assert';
import { bucketLabel } from '../../../../src/shared/format';
import { timeTick } from '../../../../src/webview/panel/seriesFormat';

const T = Date.parse('2024-05-01T14:00:00Z');
const HOUR = 3_600_000;

describe('results page: time-series times', () => {
  it('labels buckets in UTC: the hour with its day, or the day alone', () => {
    assert.equal(bucketLabel(T, 'hour'), '2024-05-01 14:00 UTC');
    assert.equal(bucketLabel(Date.parse('2024-05-01T00:00:00Z'), 'day'), '2024-05-01');
  });

  it('labels axis ticks in 24-hour UTC: the day under the first tick and at midnight; days as MM-DD, the year under the first', () => {
    assert.deepEqual(
      [T, T + 6 * HOUR, T + 10 * HOUR, T + 12 * HOUR].map((t, i) => timeTick(t, i, 2 * HOUR)),
      ['14:00\n05-01', '20:00', '00:00\n05-02', '02:00'],
    );
    assert.deepEqual(
      [0, 1, 2].map((d) => timeTick(Date.parse('2024-05-30T00:00:00Z') + d * 86_400_000, d, 86_400_000)),
      ['05-30\n2024', '05-31', '06-01'],
    );
  });
});
