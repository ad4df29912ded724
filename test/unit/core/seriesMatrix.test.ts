// The chart's view model: an API-shaped time-series tree → contiguous buckets per Tweet × type,
// the total line, the top Tweets and the hour-of-day profile. Real trees come from the sandbox's
// own answer function; hostile ones are written by hand.
import { strict as assert } from 'node:assert';
import { DAY_MS, HOUR_MS } from '../../../src/core/series';
import { buildSeriesMatrix, countValue, rowSum, seriesKey, timeGrouping, topTweets } from '../../../src/core/seriesMatrix';
import { answerSeries } from '../../../src/sandbox/series';
import { idAt } from '../sandbox/client';

const NOW = Date.parse('2024-06-01T12:34:56Z');
const FULL = ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] as const;
const A = '1790000000000000002';
const B = '1790000000000000004';

/** Shuffles an object's keys (answers may come in any order). */
function reversedKeys<T>(tree: T): T {
  if (typeof tree !== 'object' || tree === null) return tree;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(tree).reverse()) out[k] = reversedKeys((tree as Record<string, unknown>)[k]);
  return out as T;
}

describe('series matrix (the chart view model)', () => {
  it('reads a sandbox /28hr answer: contiguous hourly buckets over the window, each equal to the answer, the total line the sum of the Tweets', () => {
    const ids = [idAt(NOW - 5 * DAY_MS, '2'), idAt(NOW - 10 * HOUR_MS, '4'), idAt(NOW - 20 * DAY_MS, '6')];
    const types = ['impressions', 'favorites'];
    const r = answerSeries('28hr', { tweet_ids: ids, engagement_types: types, groupings: { hourly: { group_by: [...FULL] } } }, { kind: 'oauth1' }, NOW);
    assert.equal(r.status, 200);
    const body = r.body as Record<string, any>;
    const start = Date.parse(body.start);
    const end = Date.parse(body.end);
    const m = buildSeriesMatrix(reversedKeys(body.hourly), FULL, { start, end, tweetOrder: ids, typeOrder: types });
    assert.equal(m.step, 'hour');
    assert.equal(m.times.length, (end - start) / HOUR_MS);
    assert.equal(m.times[0], start);
    m.times.forEach((t, i) => i > 0 && assert.equal(t - m.times[i - 1], HOUR_MS));
    assert.deepEqual(m.types, types);
    assert.deepEqual(m.tweets, ids, 'the order asked for, whatever the order of the keys');
    let checked = 0;
    for (const id of ids)
      for (const type of types) {
        const row = m.values.get(seriesKey(id, type))!;
        for (let i = 0; i < m.times.length; i++) {
          const iso = new Date(m.times[i]).toISOString();
          const want = body.hourly[id]?.[type]?.[iso.slice(0, 10)]?.[iso.slice(11, 13)];
          assert.equal(row[i], want === undefined ? 0 : Number(want), `${id} ${type} ${iso}`);
          if (want !== undefined) checked++;
        }
      }
    assert.ok(checked > 40, `checked ${checked} buckets`);
    // The Tweet created 10 hours ago has nothing before its creation hour: zeros, not gaps.
    const fresh = m.values.get(seriesKey(ids[1], 'impressions'))!;
    assert.equal(fresh[0], 0);
    for (const type of types) {
      const total = m.total.get(type)!;
      for (let i = 0; i < m.times.length; i++)
        assert.equal(
          total[i],
          ids.reduce((s, id) => s + (m.values.get(seriesKey(id, type))?.[i] ?? 0), 0),
        );
    }
  });

  it('fills missing buckets with 0 and keeps the window even where no Tweet has a value', () => {
    const tree = { [A]: { favorites: { '2024-05-01': { '03': '5', '01': '2' } } } };
    const start = Date.parse('2024-05-01T00:00:00Z');
    const m = buildSeriesMatrix(tree, FULL, { start, end: start + 6 * HOUR_MS });
    assert.deepEqual([...m.values.get(seriesKey(A, 'favorites'))!], [0, 2, 0, 5, 0, 0]);
    assert.equal(m.times.length, 6);
  });

  it('without a window spans the buckets it has (capped); with one, leaves out buckets outside it and keeps the real data', () => {
    const tree = { [A]: { favorites: { '2024-05-01': { '00': '1' }, '2024-05-03': { '23': '4' } } } };
    const m = buildSeriesMatrix(tree, FULL);
    assert.equal(m.times.length, 72);
    assert.equal(m.values.get(seriesKey(A, 'favorites'))![71], 4);
    const wide = { [A]: { favorites: { '1990-01-01': { '00': '1' }, '2024-05-03': { '23': '4' } } } };
    assert.equal(buildSeriesMatrix(wide, FULL, { maxBuckets: 100 }).times.length, 100);
    // A server's stray day before the window (and one after it) neither stretches the axis nor adds to the sums.
    const start = Date.parse('2024-05-03T00:00:00Z');
    const stray = { [A]: { favorites: { '1990-01-01': { '05': '1' }, '2024-05-03': { '05': '2', '23': '4' }, '2024-05-04': { '05': '8' } } } };
    const w = buildSeriesMatrix(stray, FULL, { start, end: start + DAY_MS, maxBuckets: 100 });
    assert.equal(w.times[0], start);
    assert.equal(w.times.length, 24);
    const row = w.values.get(seriesKey(A, 'favorites'))!;
    assert.equal(row[5], 2);
    assert.equal(row[23], 4);
    assert.equal(rowSum(w.total.get('favorites')!), 6);
    assert.equal(w.hourProfile.get('favorites')![5], 2);
    // Daily: the same for day buckets, and only the bound given is kept.
    const daily = { favorites: { '1990-01-01': '5', '2024-05-03': '7' } };
    const d = buildSeriesMatrix(daily, ['engagement.type', 'engagement.day'], { start });
    assert.deepEqual(d.times, [start]);
    assert.deepEqual([...d.total.get('favorites')!], [7]);
  });

  it('daily groupings give daily buckets; type-first trees and groupings without tweet.id give the total line', () => {
    const daily = { favorites: { [B]: { '2024-05-03': '7', '2024-05-01': '3' }, [A]: { '2024-05-01': '1' } } };
    const m = buildSeriesMatrix(daily, ['engagement.type', 'tweet.id', 'engagement.day']);
    assert.equal(m.step, 'day');
    assert.deepEqual(
      m.times,
      [0, 1, 2].map((i) => Date.parse('2024-05-01T00:00:00Z') + i * DAY_MS),
    );
    assert.deepEqual([...m.values.get(seriesKey(B, 'favorites'))!], [3, 0, 7]);
    assert.deepEqual([...m.total.get('favorites')!], [4, 0, 7]);
    const agg = buildSeriesMatrix({ retweets: { '2024-05-02': '9' } }, ['engagement.type', 'engagement.day']);
    assert.deepEqual(agg.tweets, []);
    assert.deepEqual([...agg.total.get('retweets')!], [9]);
  });

  it('top N Tweets by their sum over the window, ties in the order asked for, zero sums left out', () => {
    const C = '1790000000000000006';
    const D = '1790000000000000008';
    const tree = {
      [A]: { favorites: { '2024-05-01': { '00': '1', '01': '1' } } },
      [B]: { favorites: { '2024-05-01': { '00': '9' } } },
      [C]: { favorites: { '2024-05-01': { '01': '2' } } },
      [D]: { favorites: { '2024-05-01': { '01': '0' } } },
    };
    const m = buildSeriesMatrix(tree, FULL, { tweetOrder: [D, C, B, A] });
    assert.deepEqual(topTweets(m, 'favorites', 3), [
      { id: B, sum: 9 },
      { id: C, sum: 2 },
      { id: A, sum: 2 },
    ]);
    assert.deepEqual(topTweets(m, 'favorites', 1), [{ id: B, sum: 9 }]);
    assert.deepEqual(topTweets(m, 'retweets', 5), []);
  });

  it('hour-of-day profile: from day+hour trees summed by UTC hour, and from hour-only trees as they are', () => {
    const tree = { [A]: { favorites: { '2024-05-01': { '05': '2', '23': '1' }, '2024-05-02': { '05': '3' } } } };
    const p = buildSeriesMatrix(tree, FULL).hourProfile.get('favorites')!;
    assert.equal(p.length, 24);
    assert.equal(p[5], 5);
    assert.equal(p[23], 1);
    assert.equal(rowSum(p), 6);
    const hourOnly = buildSeriesMatrix({ favorites: { '13': '4', '02': '1' } }, ['engagement.type', 'engagement.hour']);
    assert.deepEqual(hourOnly.times, []);
    assert.equal(hourOnly.hourProfile.get('favorites')![13], 4);
  });

  it('untrusted trees: bad keys and values are skipped, huge counts clamped, nothing throws', () => {
    // JSON.parse: an object literal's `__proto__` sets the prototype, so the key would never reach the walk.
    const tree: unknown = JSON.parse(
      JSON.stringify({
        [A]: {
          favorites: {
            '2024-05-01': { '00': '99999999999999999999999', '01': '-3', '02': 'x', '24': '1', '03': 4, '04': { deep: '1' }, '05': '1e3' },
            '2024-02-30': { '00': '1' },
            'not-a-day': { '00': '1' },
          },
          '<b>': { '2024-05-01': { '00': '1' } },
          constructor: { '2024-05-01': { '00': '1' } },
          not_a_type: { '2024-05-01': { '00': '1' } },
          PROTO: { '2024-05-01': { '00': '1' } },
        },
        'not-an-id': { favorites: { '2024-05-01': { '00': '1' } } },
      }).replace('"PROTO"', '"__proto__"'),
    );
    assert.ok(Object.hasOwn((tree as Record<string, object>)[A], '__proto__'));
    const m = buildSeriesMatrix(tree, FULL);
    assert.deepEqual(m.tweets, [A]);
    assert.deepEqual(m.types, ['favorites']);
    assert.equal(m.values.size, 1);
    assert.equal(m.hourProfile.size, 1);
    const row = m.values.get(seriesKey(A, 'favorites'))!;
    assert.deepEqual([...row], [Number.MAX_SAFE_INTEGER, 0, 0, 4]);
    for (const bad of [null, 'x', 3, [], { [A]: 'x' }]) assert.doesNotThrow(() => buildSeriesMatrix(bad, FULL));
    assert.equal(countValue('12'), 12);
    assert.equal(countValue(-1), undefined);
    assert.equal(countValue(Number.NaN), undefined);
    assert.equal(countValue(1e300), Number.MAX_SAFE_INTEGER);
  });

  it('picks the grouping with the most time detail', () => {
    assert.equal(
      timeGrouping({ perTweet: { group_by: ['tweet.id', 'engagement.type'] }, daily: { group_by: ['engagement.type', 'engagement.day'] }, hourly: { group_by: [...FULL] } })?.name,
      'hourly',
    );
    assert.equal(timeGrouping({ a: { group_by: ['engagement.type', 'engagement.hour'] }, b: { group_by: ['tweet.id', 'engagement.type', 'engagement.day'] } })?.name, 'b');
    assert.equal(timeGrouping({ perTweet: { group_by: ['tweet.id', 'engagement.type'] } }), undefined);
  });
});
