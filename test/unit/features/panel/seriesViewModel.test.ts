// The results page's model of a time-series run: built from a real sandbox answer, cut down to
// the top Tweets per metric, and what the results cache accepts as a stored series run.
import { strict as assert } from 'node:assert';
import { isRunRecord } from '../../../../src/core/runCache';
import { DAY_MS, HOUR_MS } from '../../../../src/core/series';
import type { SeriesQuery, SeriesResult } from '../../../../src/core/seriesRun';
import type { GroupTree, SeriesRunRecord } from '../../../../src/core/types';
import { buildSeriesPanelModel, seriesPanelTitle, seriesWindowLabel } from '../../../../src/features/panel/seriesViewModel';
import { answerSeries } from '../../../../src/sandbox/series';
import { idAt } from '../../sandbox/client';
import { seriesResult } from '../../../support/results';

const NOW = Date.parse('2024-06-01T12:34:56Z');
const IDS = Array.from({ length: 8 }, (_, i) => idAt(NOW - (i + 1) * 2 * DAY_MS, String((i % 4) * 2)));

function runOf(query: SeriesQuery, extra: Partial<SeriesResult> = {}): SeriesRunRecord {
  const body: Record<string, unknown> = { tweet_ids: query.tweetIds, engagement_types: query.engagementTypes, groupings: query.groupings };
  if (query.start) body.start = query.start;
  if (query.end) body.end = query.end;
  const a = answerSeries(query.endpoint, body, { kind: 'oauth1' }, NOW);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const b = a.body as Record<string, unknown>;
  const groupings: Record<string, GroupTree> = {};
  for (const name of Object.keys(query.groupings)) groupings[name] = b[name] as GroupTree;
  const result = seriesResult({
    query,
    start: String(b.start),
    end: String(b.end),
    groupings,
    forbiddenTweetIds: ['1790000000000000001'],
    finishedAt: new Date(NOW + 1000).toISOString(),
    ...extra,
  });
  return { id: '2024-06-01T12:34:56.000Z#001', kind: 'series', profile: 'Sandbox', source: 'ids.txt', result, host: 'http://127.0.0.1:47210', sandbox: true };
}

const FULL = {
  hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] },
  perTweet: { group_by: ['tweet.id', 'engagement.type'] },
} as SeriesQuery['groupings'];

describe('results page: a time-series run', () => {
  it('draws the last 28 hours hourly: the total line sums every Tweet, the top N lines are the largest, the profile sums the hours of the day', () => {
    const run = runOf({ endpoint: '28hr', tweetIds: IDS, engagementTypes: ['impressions', 'favorites'], groupings: FULL });
    const m = buildSeriesPanelModel(run, 3);
    assert.equal(m.kind, 'series');
    assert.equal(m.step, 'hour');
    assert.equal(m.windowLabel, 'Last 28 hours');
    assert.equal(m.times.length, (Date.parse(run.result.end) - Date.parse(run.result.start)) / HOUR_MS);
    assert.deepEqual(m.types, ['impressions', 'favorites']);
    const hourly = run.result.groupings.hourly as Record<string, Record<string, Record<string, Record<string, string>>>>;
    const sumOf = (id: string, type: string) => Object.values(hourly[id]?.[type] ?? {}).reduce((s, day) => s + Object.values(day).reduce((t, v) => t + Number(v), 0), 0);
    for (const type of m.types) {
      const metric = m.metrics[type];
      assert.equal(metric.top.length, 3);
      const sums = IDS.map((id) => sumOf(id, type)).sort((a, b) => b - a);
      assert.deepEqual(
        metric.top.map((t) => t.sum),
        sums.slice(0, 3),
      );
      // Each line's buckets add up to its Tweet's own numbers in the answer (not only to the row's sum).
      for (const t of metric.top)
        assert.equal(
          t.values.reduce((a, b) => a + b, 0),
          sumOf(t.id, type),
        );
      const all = IDS.reduce((s, id) => s + sumOf(id, type), 0);
      assert.equal(
        metric.total.reduce((a, b) => a + b, 0),
        all,
      );
      assert.equal(metric.profile.length, 24);
      assert.equal(
        metric.profile.reduce((a, b) => a + b, 0),
        all,
      );
    }
    assert.deepEqual(m.forbidden, ['1790000000000000001']);
    assert.ok(m.sandbox);
    assert.match(seriesPanelTitle(run), /^X Engagement: ids\.txt · Last 28 hours · .* \(Sandbox\)$/);
    assert.ok(JSON.stringify(m).length < 200_000);
  });

  it('daily buckets with the hour-of-day profile from its own grouping; a failed window is named', () => {
    const query: SeriesQuery = {
      endpoint: 'historical',
      tweetIds: IDS.slice(0, 3),
      engagementTypes: ['favorites'],
      groupings: {
        daily: { group_by: ['tweet.id', 'engagement.type', 'engagement.day'] },
        hourOfDay: { group_by: ['engagement.type', 'engagement.hour'] },
      },
      start: '2024-05-20',
      end: '2024-05-30',
    };
    const run = runOf(query, {
      failed: [{ tweetIds: IDS.slice(0, 3), start: '2024-05-01T00:00:00Z', end: '2024-05-20T00:00:00Z', status: 503, reason: 'Service unavailable', retryable: true }],
    });
    const m = buildSeriesPanelModel(run);
    assert.equal(m.step, 'day');
    assert.equal(m.windowLabel, '2024-05-20 – 2024-05-30');
    assert.equal(m.times.length, 10);
    const total = m.metrics.favorites.total.reduce((a, b) => a + b, 0);
    assert.ok(total > 0);
    assert.equal(
      m.metrics.favorites.profile.reduce((a, b) => a + b, 0),
      total,
      'the profile covers the same window',
    );
    assert.deepEqual(m.failed[0].window, '2024-05-01T00:00:00Z – 2024-05-20T00:00:00Z');
    assert.equal(seriesWindowLabel(run), '2024-05-20 – 2024-05-30');
  });

  it('the results cache keeps series runs (trees four levels deep) and refuses damaged ones; totals runs load as before', () => {
    const run = runOf({ endpoint: '28hr', tweetIds: IDS.slice(0, 2), engagementTypes: ['favorites'], groupings: FULL });
    assert.ok(isRunRecord(JSON.parse(JSON.stringify(run))));
    const bad = (f: (r: any) => void) => {
      const copy = JSON.parse(JSON.stringify(run));
      f(copy);
      return isRunRecord(copy);
    };
    assert.ok(!bad((r) => (r.result.query.endpoint = 'totals')));
    assert.ok(!bad((r) => (r.result.query.groupings = [{ name: 'x', groupBy: ['tweet.id'] }])));
    assert.ok(!bad((r) => (r.result.start = 5)));
    assert.ok(!bad((r) => (r.result.groupings.hourly[IDS[0]].favorites = { '2024-06-01': { '10': '<b>1</b>' } })));
    assert.ok(!bad((r) => (r.result.groupings.hourly = { a: { b: { c: { d: { e: '1' } } } } })), 'no deeper than four levels');
    assert.ok(!bad((r) => (r.kind = 'lookups')));
  });
});
