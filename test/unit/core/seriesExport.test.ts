import * as assert from 'node:assert/strict';
import { SERIES_CSV_HEADER, seriesToCsv, seriesToJson } from '../../../src/core/export';
import { SeriesResult } from '../../../src/core/seriesRun';
import { seriesResult } from '../../support/results';

const A = '1790000000000000002';
const B = '1790000000000000004';
const result = (groupings: SeriesResult['query']['groupings'], trees: SeriesResult['groupings'], over: Partial<SeriesResult> = {}): SeriesResult =>
  seriesResult({
    query: { endpoint: 'historical', tweetIds: [B, A], engagementTypes: ['favorites', 'url_clicks'], groupings, start: '2024-05-01', end: '2024-05-03' },
    start: '2024-05-01T00:00:00Z',
    end: '2024-05-03T00:00:00Z',
    groupings: trees,
    ...over,
  });
const rows = (csv: string) => csv.trimEnd().split('\r\n');

describe('time-series exports (seriesToCsv, seriesToJson)', () => {
  it('CSV in long form from the most detailed grouping: Tweets in request order, types in canonical order, hours by value', () => {
    const full = { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] } as const;
    // Built the way JavaScript keeps them: "10" before "09" whatever the insertion order.
    const tree = {
      [A]: { url_clicks: { '2024-05-02': { '00': '1' } }, favorites: { '2024-05-01': { '10': '3', '09': '2' } } },
      [B]: { favorites: { '2024-05-01': { '23': '7' } } },
    };
    const csv = seriesToCsv(result({ perTweet: { group_by: ['tweet.id', 'engagement.type'] }, hourly: { group_by: [...full.group_by] } }, { perTweet: {}, hourly: tree }));
    assert.deepEqual(rows(csv), [
      SERIES_CSV_HEADER.join(','),
      `${B},Likes,2024-05-01,23,7`,
      `${A},Likes,2024-05-01,09,2`,
      `${A},Likes,2024-05-01,10,3`,
      `${A},Link clicks,2024-05-02,00,1`,
    ]);
  });

  it('exports the grouping the panel charts (timeGrouping), not a longer one without time', () => {
    const groupings: SeriesResult['query']['groupings'] = { perTweet: { group_by: ['tweet.id', 'engagement.type'] }, daily: { group_by: ['engagement.type', 'engagement.day'] } };
    const csv = seriesToCsv(result(groupings, { perTweet: { [A]: { favorites: '9' } }, daily: { favorites: { '2024-05-01': '4', '2024-05-02': '5' } } }));
    assert.deepEqual(rows(csv), [SERIES_CSV_HEADER.join(','), ',Likes,2024-05-01,,4', ',Likes,2024-05-02,,5']);
    // Without a time field anywhere: the grouping with the most levels.
    const none = seriesToCsv(
      result({ t: { group_by: ['engagement.type'] }, p: { group_by: ['tweet.id', 'engagement.type'] } }, { t: { favorites: '9' }, p: { [A]: { favorites: '9' } } }),
    );
    assert.deepEqual(rows(none), [SERIES_CSV_HEADER.join(','), `${A},Likes,,,9`]);
  });

  it('leaves the cells of absent levels empty: sums over every Tweet, hours of the day', () => {
    const daily = seriesToCsv(result({ d: { group_by: ['engagement.type', 'engagement.day'] } }, { d: { favorites: { '2024-05-02': '5', '2024-05-01': '4' } } }));
    assert.deepEqual(rows(daily).slice(1), [',Likes,2024-05-01,,4', ',Likes,2024-05-02,,5']);
    const hourOfDay = seriesToCsv(result({ h: { group_by: ['tweet.id', 'engagement.hour'] } }, { h: { [A]: { '13': '2', '02': '1' } } }));
    assert.deepEqual(rows(hourOfDay).slice(1), [`${A},,,02,1`, `${A},,,13,2`]);
  });

  it('JSON in the API shape for the whole window, with failed windows named', () => {
    const r = result(
      { d: { group_by: ['engagement.type'] } },
      { d: { favorites: '9' } },
      { failed: [{ tweetIds: [A], start: '2024-05-02T00:00:00Z', end: '2024-05-03T00:00:00Z', status: 503, reason: 'down', retryable: true }], forbiddenTweetIds: [B] },
    );
    const json = JSON.parse(seriesToJson(r));
    assert.equal(json.start, r.start);
    assert.equal(json.end, r.end);
    assert.deepEqual(json.d, { favorites: '9' });
    assert.deepEqual(json.forbidden_tweet_ids, [B]);
    assert.deepEqual(json.failed, [{ tweet_ids: [A], start: '2024-05-02T00:00:00Z', end: '2024-05-03T00:00:00Z', status: 503, reason: 'down', retryable: true }]);
  });
});
