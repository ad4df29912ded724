// The hover's sparkline: an SVG built from numbers only, the newest series run's buckets of the
// hovered Tweet, and the hover lines that say what it shows and which window it covers.
import { strict as assert } from 'node:assert';
import { HOUR_MS } from '../../../../src/core/series';
import { seriesForTweet, TweetSeriesIndex } from '../../../../src/core/seriesMatrix';
import type { RunRecord, SeriesRunRecord } from '../../../../src/core/types';
import { buildHoverMarkdown } from '../../../../src/features/hover/hoverMarkdown';
import { sparklineDataUri, sparklineSvg } from '../../../../src/shared/sparkline';
import { seriesResult } from '../../../support/results';

const A = '1790000000000000002';
const B = '1790000000000000004';
const START = '2024-06-01T00:00:00Z';

function seriesRun(id: string, finishedAt: string, tree: Record<string, unknown>, typeFirst = false, sandbox = true): SeriesRunRecord {
  return {
    id,
    kind: 'series',
    profile: 'Sandbox',
    source: 'ids.txt',
    ...(sandbox ? { sandbox: true } : {}),
    result: seriesResult({
      query: {
        endpoint: '28hr',
        tweetIds: [A, B],
        engagementTypes: ['impressions', 'favorites'],
        groupings: {
          hourly: {
            group_by: typeFirst ? ['engagement.type', 'tweet.id', 'engagement.day', 'engagement.hour'] : ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'],
          },
        },
      },
      start: START,
      end: '2024-06-01T04:00:00Z',
      groupings: { hourly: tree as never },
      finishedAt,
    }),
  };
}

describe('hover sparkline', () => {
  it('draws the values scaled into the box, the highest at the top, from numbers alone', () => {
    const svg = sparklineSvg([0, 5, 10, 5], { width: 100, height: 20 });
    const points = /points="([^"]+)"/
      .exec(svg)![1]
      .split(' ')
      .map((p) => p.split(',').map(Number));
    assert.equal(points.length, 4);
    assert.deepEqual(
      points.map((p) => p[1]),
      [18, 10, 2, 10],
    );
    assert.equal(points[0][0], 2);
    assert.equal(points[3][0], 98);
    assert.doesNotMatch(sparklineSvg([NaN, -1, Infinity], { stroke: '"/><script>' }), /script|NaN|Infinity/);
    // A year of hours: at most one point per pixel column.
    assert.ok((sparklineSvg(new Array(8760).fill(1), { width: 240 }).match(/,/g) ?? []).length <= 241);
    assert.match(sparklineDataUri([1, 2]), /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
  });

  it("takes the hovered Tweet's buckets from the newest series run that has them (tweet-first or type-first trees), impressions first", () => {
    const older = seriesRun('r1', '2024-06-01T05:00:00.000Z', { [A]: { impressions: { '2024-06-01': { '01': '9' } } } });
    const newer = seriesRun(
      'r2',
      '2024-06-01T06:00:00.000Z',
      { impressions: { [A]: { '2024-06-01': { '00': '3', '02': '4' } } }, favorites: { [A]: { '2024-06-01': { '03': '1' } } } },
      true,
    );
    const totals = { id: 't', profile: 'p', source: 's', result: { finishedAt: '2024-06-02T00:00:00.000Z' } } as unknown as RunRecord;
    const s = seriesForTweet([older, totals, newer], A)!;
    assert.equal(s.runId, 'r2');
    assert.equal(s.type, 'impressions');
    assert.deepEqual([...s.values], [3, 0, 4, 0]);
    assert.equal(s.sum, 7);
    assert.equal(s.times[0], Date.parse(START));
    assert.equal(s.times[3] - s.times[0], 3 * HOUR_MS);
    assert.equal(seriesForTweet([older, newer], B), undefined, 'no buckets: no sparkline');
    assert.equal(seriesForTweet([older], A)!.runId, 'r1');
  });

  it('the hover shows the image beside the totals and says which window it covers', () => {
    const s = seriesForTweet([seriesRun('r2', '2024-06-01T06:00:00.000Z', { [A]: { favorites: { '2024-06-01': { '00': '1200', '03': '34' } } } })], A)!;
    const md = buildHoverMarkdown({ id: A, fresh: true, fetching: false, nowMs: Date.parse('2024-06-01T06:00:00Z'), series: s });
    assert.match(md, /!\[Likes per hour\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    assert.match(md, /Likes per hour, last 28 hours \(2024-06-01 00:00 UTC – 2024-06-01 04:00 UTC\): 1,234/);
    assert.match(md, /command:xEngagement\.showPanel\?/);
  });

  it('the index finds what seriesForTweet finds, follows the store, and builds each series once', () => {
    const older = seriesRun('r1', '2024-06-01T05:00:00.000Z', { [A]: { impressions: { '2024-06-01': { '01': '9' } } }, [B]: { impressions: { '2024-06-01': { '02': '0' } } } });
    const newer = seriesRun('r2', '2024-06-01T06:00:00.000Z', { favorites: { [A]: { '2024-06-01': { '00': '3' } } } }, true);
    const index = new TweetSeriesIndex();
    index.update([older, newer]);
    assert.equal(index.get(A)!.runId, 'r2');
    assert.deepEqual([...index.get(A)!.values], [...seriesForTweet([older, newer], A)!.values]);
    assert.equal(index.get(A), index.get(A), 'memoized per run and Tweet');
    assert.equal(index.get(B), undefined, 'only zeros: no sparkline');
    assert.equal(index.get('constructor'), undefined);
    const kept = index.get(A);
    index.update([newer, older]);
    assert.equal(index.get(A), kept, 'the same runs in another order: nothing rebuilt');
    // A retried or refreshed run: a new record under the same ID, with other numbers.
    const retried = seriesRun('r2', '2024-06-01T07:00:00.000Z', { favorites: { [A]: { '2024-06-01': { '00': '3', '01': '8' } } } }, true);
    index.update([older, retried]);
    assert.deepEqual([...index.get(A)!.values], [3, 8, 0, 0], 'the new numbers, not the remembered ones');
    index.update([older]);
    assert.equal(index.get(A)!.runId, 'r1', 'a removed run is forgotten');
  });

  it('the window of a /historical sparkline: the days asked for, else those answered', () => {
    const run = seriesRun('r3', '2024-06-01T06:00:00.000Z', { [A]: { impressions: { '2024-06-01': { '00': '5' } } } });
    const historical = {
      ...run,
      result: { ...run.result, query: { ...run.result.query, endpoint: 'historical' as const, start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z' } },
    };
    // (The words are escaped for markdown: read them without the backslashes.)
    const md = buildHoverMarkdown({ id: A, fresh: true, fetching: false, nowMs: 0, series: seriesForTweet([historical], A) }).replace(/\\/g, '');
    assert.match(md, /Impressions per hour, 2024-05-01 – 2024-05-08 \(2024-06-01 00:00 UTC – /);
    const answered = { ...run, result: { ...run.result, query: { ...run.result.query, endpoint: 'historical' as const } } };
    assert.match(
      buildHoverMarkdown({ id: A, fresh: true, fetching: false, nowMs: 0, series: seriesForTweet([answered], A) }).replace(/\\/g, ''),
      /Impressions per hour, 2024-06-01 – 2024-06-01 \(/,
    );
  });

  it("says a sandbox run's sparkline is made up, once, also when the totals are real", () => {
    const note = /made-up numbers from the in-editor sandbox/g;
    const tree = { [A]: { impressions: { '2024-06-01': { '00': '5' } } } };
    const sandbox = seriesForTweet([seriesRun('r4', '2024-06-01T06:00:00.000Z', tree)], A)!;
    const real = seriesForTweet([seriesRun('r5', '2024-06-01T06:00:00.000Z', tree, false, false)], A)!;
    const base = { id: A, fresh: true, fetching: false, nowMs: Date.parse('2024-06-01T06:00:00Z') };
    assert.equal(buildHoverMarkdown({ ...base, series: sandbox }).match(note)?.length, 1, 'sparkline only');
    assert.equal(buildHoverMarkdown({ ...base, series: real }).match(note), null);
    const lookup = (isSandbox: boolean) => ({
      latest: { runId: 't', profile: 'p', fetchedAt: '2024-06-01T05:00:00.000Z', metrics: { favorites: '3' }, ...(isSandbox ? { sandbox: true } : {}) },
    });
    assert.equal(buildHoverMarkdown({ ...base, lookup: lookup(false) as never, series: sandbox }).match(note)?.length, 1, 'real totals, sandbox sparkline');
    assert.equal(buildHoverMarkdown({ ...base, lookup: lookup(true) as never, series: sandbox }).match(note)?.length, 1, 'said once by the totals');
  });

  it('a type named like an Object method is shown as it is, not as a function', () => {
    // The series matrix keeps only the 17 series types, so a cached run with such a key gives no sparkline at all ...
    assert.equal(seriesForTweet([seriesRun('r6', '2024-06-01T06:00:00.000Z', { [A]: { constructor: { '2024-06-01': { '00': '5' } } } })], A), undefined);
    // ... and the hover's own label lookup does not trust the type either.
    const real = seriesForTweet([seriesRun('r7', '2024-06-01T06:00:00.000Z', { [A]: { impressions: { '2024-06-01': { '00': '5' } } } })], A)!;
    const s = { ...real, type: 'constructor' };
    const md = buildHoverMarkdown({ id: A, fresh: true, fetching: false, nowMs: 0, series: s });
    assert.match(md, /constructor per hour/);
    assert.doesNotMatch(md, /function|native code/);
  });
});
