import * as assert from 'node:assert/strict';
import { CachedMetrics, MetricsIndex } from '../../../../src/core/metricsIndex';
import { TotalsRunRecord, TotalsResult } from '../../../../src/core/types';
import { parsePageMessage, parsePanelState } from '../../../../src/shared/panelProtocol';
import { buildPanelModel, panelTitle } from '../../../../src/features/panel/viewModel';

// IDs and values above 2^53 (9007199254740992): any Number would round them.
const A = '1790000000000000001';
const B = '1790000000000000002';
const C = '1790000000000000003';
const GONE = '1790000000000000004';
const BIG = '9007199254740993';
const BIG2 = '9007199254740995';

function result(overrides: Partial<TotalsResult> = {}): TotalsResult {
  return {
    query: {
      tweetIds: [A, B, C, GONE],
      // Deliberately out of canonical order.
      engagementTypes: ['video_views', 'favorites', 'impressions', 'replies'],
      groupings: [
        { name: 'perTweet', groupBy: ['engagement.type', 'tweet.id'] },
        { name: '<img src=x onerror=alert(1)>', groupBy: ['engagement.type'] },
      ],
    },
    groupings: {
      perTweet: {
        favorites: { [A]: BIG, [B]: '7', [C]: '12' },
        impressions: { [A]: BIG2, [B]: '100' },
        replies: { [A]: '0', [B]: '3', [C]: '1' },
        video_views: { [B]: '5' },
      },
      '<img src=x onerror=alert(1)>': { favorites: '9007199254741012', replies: '4' },
    },
    unavailableTweetIds: [GONE],
    unsupportedForImpressionsEngagementsTweetIds: [C],
    unsupportedForVideoViewsTweetIds: [A, C],
    forbiddenTweetIds: ['1790000000000000009'],
    failed: [
      {
        tweetIds: ['1790000000000000010', '1790000000000000011', '1790000000000000012', '1790000000000000013', '1790000000000000014', '1790000000000000015'],
        engagementTypes: ['favorites'],
        auth: 'bearer',
        status: 503,
        reason: 'Service Unavailable',
        retryable: true,
      },
    ],
    errors: ['Something odd'],
    startedAt: '2024-06-01T10:00:00.000Z',
    finishedAt: '2024-06-01T10:00:05.000Z',
    requests: 2,
    cancelled: false,
    ...overrides,
  };
}

function run(id: string, r: TotalsResult, profile = 'default'): TotalsRunRecord {
  return { id, profile, source: 'ids.csv', result: r };
}

const none = () => undefined;

describe('panel view model', () => {
  it('lists types in canonical order and a row per Tweet with exact values, null when missing', () => {
    const m = buildPanelModel(run('r1', result()), none);
    assert.deepEqual(m.types, ['impressions', 'favorites', 'replies', 'video_views']);
    assert.deepEqual([m.typeLabels.favorites, m.typeLabels.retweets, m.typeLabels.video_views], ['Likes', 'Reposts', 'Video views'], 'the page gets its words from the model');
    assert.equal(m.sectionText.noVideoViews.help, 'Video views are only available for Tweets up to 1800 days old.', 'and its section texts, as the tree has them');
    assert.deepEqual(m.rows, [
      [A, BIG2, BIG, '0', null],
      [B, '100', '7', '3', '5'],
      [C, null, '12', '1', null],
    ]);
    assert.equal(m.requested, 4);
  });

  it('sums totals exactly above 2^53, null for a type without values', () => {
    const m = buildPanelModel(run('r1', result()), none);
    // 9007199254740995 + 100 and 9007199254740993 + 7 + 12: Number would give ...096 / ...012.
    assert.deepEqual(m.totals, ['9007199254741095', '9007199254741012', '4', '5']);
    const empty = buildPanelModel(run('r2', result({ groupings: { perTweet: { favorites: { [A]: '1' } } } })), none);
    assert.deepEqual(empty.totals, [null, '1', null, null]);
  });

  it('keeps the top 5 per type, highest first, compared exactly', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `17900000000000001${i}0`);
    const favorites: Record<string, string> = {};
    // Values differing only beyond 2^53 precision, plus short ones.
    ['9007199254740993', '9007199254740992', '5', '9007199254740994', '10', '99', '100', '9'].forEach((v, i) => (favorites[ids[i]] = v));
    const r = result({
      query: { tweetIds: ids, engagementTypes: ['favorites', 'retweets'], groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { p: Object.fromEntries(ids.map((id) => [id, { favorites: favorites[id] }])) },
    });
    const m = buildPanelModel(run('r1', r), none);
    assert.deepEqual(
      m.top.favorites!.map((t) => t.value),
      ['9007199254740994', '9007199254740993', '9007199254740992', '100', '99'],
    );
    assert.equal(m.top.favorites![0].id, ids[3]);
    assert.deepEqual(m.top.retweets, []);
  });

  it('computes changes since the previous fetch of the same Tweets', () => {
    const calls: Array<[string, string]> = [];
    const previous: Record<string, CachedMetrics> = {
      [A]: { runId: 'r0', fetchedAt: '2024-05-01T00:00:00Z', profile: 'p', metrics: { impressions: '9007199254740990', favorites: BIG, replies: '2' } },
      [C]: { runId: 'r0', fetchedAt: '2024-05-01T00:00:00Z', profile: 'p', metrics: { favorites: '12', replies: '1' } },
    };
    const m = buildPanelModel(run('r1', result()), (id, runId) => {
      calls.push([id, runId]);
      return previous[id];
    });
    assert.deepEqual(m.changes[A], ['+5', '0', '-2', null]);
    assert.deepEqual(m.changes[C], [null, '0', '0', null]);
    assert.equal(m.changes[B], undefined);
    assert.ok(calls.every(([, r]) => r === 'r1'));
  });

  it('works with MetricsIndex.previousFor across two runs', () => {
    const older = run('r0', result({ finishedAt: '2024-05-01T00:00:00.000Z', groupings: { perTweet: { favorites: { [A]: '9007199254740990' } } } }));
    const newer = run('r1', result());
    const index = new MetricsIndex([newer, older]);
    const m = buildPanelModel(newer, (id, runId) => index.previousFor(id, runId));
    assert.deepEqual(m.changes[A], [null, '+3', null, null]);
  });

  it('carries the sections, groupings and failures as plain data', () => {
    const m = buildPanelModel(run('r1', result(), '"><script>alert(1)</script>'), none);
    assert.deepEqual(m.unavailable, [GONE]);
    assert.equal(m.found, undefined, 'no finder counts known');
    assert.deepEqual(buildPanelModel({ ...run('r2', result()), found: { duplicates: 2, invalid: 1 } }, none).found, { duplicates: 2, invalid: 1 });
    assert.deepEqual(m.unsupportedImpressions, [C]);
    assert.deepEqual(m.unsupportedVideo, [A, C]);
    assert.deepEqual(m.forbidden, ['1790000000000000009']);
    assert.equal(m.failed.length, 1);
    assert.equal(m.failed[0].ids, 6);
    assert.equal(m.failed[0].reason, 'Service Unavailable');
    assert.equal(m.failed[0].sample.length, 5);
    assert.deepEqual(m.errors, ['Something odd']);
    assert.equal(m.profile, '"><script>alert(1)</script>');
    assert.deepEqual(m.groupings, [
      { name: 'perTweet', groupBy: ['engagement.type', 'tweet.id'] },
      {
        name: '<img src=x onerror=alert(1)>',
        groupBy: ['engagement.type'],
        values: [
          ['favorites', '9007199254741012'],
          ['replies', '4'],
        ],
      },
    ]);
    assert.equal(m.cancelled, false);
    assert.match(m.title, /^X Engagement: ids\.csv · \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });

  it('has no rows without a per-Tweet grouping', () => {
    const r = result();
    r.query.groupings = [{ name: 'totals', groupBy: ['engagement.type'] }];
    r.groupings = { totals: { favorites: '3' } };
    const m = buildPanelModel(run('r1', r), none);
    assert.deepEqual(m.rows, []);
    assert.deepEqual(m.totals, [null, null, null, null]);
    assert.deepEqual(m.groupings[0].values, [['favorites', '3']]);
  });

  it('is compact for 10,000 rows', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(1790000000000000000n + BigInt(i)));
    const tree: Record<string, Record<string, string>> = {};
    for (const [i, id] of ids.entries()) tree[id] = { favorites: String(i), retweets: String(i * 3), replies: '1', quote_tweets: '0', video_views: String(10_000 - i) };
    const r = result({
      query: {
        tweetIds: ids,
        engagementTypes: ['favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'],
        groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }],
      },
      groupings: { p: tree },
    });
    const m = buildPanelModel(run('r1', r), none); // its speed: bench/panel.ts, not a timed test
    assert.equal(m.rows.length, 10_000);
    assert.ok(JSON.stringify(m).length < 700_000, `model is ${JSON.stringify(m).length} chars`);
    assert.equal(m.top.video_views![0].value, '10000');
  });

  it("titles the panel with the run's source and time, and says Sandbox for sandbox numbers", () => {
    const r = run('r1', result());
    assert.match(panelTitle({ ...r, source: 'export.csv' }), /^X Engagement: export\.csv · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.match(panelTitle({ ...r, source: 'export.csv', sandbox: true }), /^X Engagement: export\.csv · .* \(Sandbox\)$/);
    const m = buildPanelModel({ ...r, host: 'http://127.0.0.1:47210', sandbox: true }, none);
    assert.equal(m.sandbox, true);
    assert.equal(m.host, 'http://127.0.0.1:47210');
    assert.equal(buildPanelModel(r, none).sandbox, undefined, 'a run from X is not marked');
  });
});

describe('panel protocol', () => {
  it('accepts well-formed page messages only', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'csv' }), { type: 'export', format: 'csv' });
    assert.equal(parsePageMessage({ type: 'export', format: 'exe' }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'openTweet', id: A }), { type: 'openTweet', id: A });
    assert.equal(parsePageMessage({ type: 'openTweet', id: '1/../../evil' }), undefined);
    assert.equal(parsePageMessage({ type: 'openTweet', id: 12 }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'copy', text: 'a\tb' }), { type: 'copy', text: 'a\tb' });
    assert.equal(parsePageMessage({ type: 'copy', text: {} }), undefined);
    assert.equal(parsePageMessage({ type: 'runCommand', command: 'x' }), undefined);
    assert.equal(parsePageMessage(null), undefined);
    assert.equal(parsePageMessage('ready'), undefined);
  });

  it('accepts the shown rows of an export and Reveal in file only with well-formed Tweet IDs', () => {
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'json', ids: [B, A] }), { type: 'export', format: 'json', ids: [B, A] });
    assert.equal(parsePageMessage({ type: 'export', format: 'csv', ids: [A, '../x'] }), undefined);
    assert.equal(parsePageMessage({ type: 'export', format: 'csv', ids: A }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'revealInFile', id: A }), { type: 'revealInFile', id: A });
    assert.equal(parsePageMessage({ type: 'revealInFile', id: 'file:///etc/passwd' }), undefined);
  });

  it('offers Reveal in file only for runs that know their source files', () => {
    const record = (sourceUris?: string[]): TotalsRunRecord => ({ id: 'r', profile: 'p', source: 's', result: result(), ...(sourceUris ? { sourceUris } : {}) });
    assert.equal(buildPanelModel(record(['file:///w/a.md']), () => undefined).canReveal, true);
    assert.equal(buildPanelModel(record(), () => undefined).canReveal, false);
  });

  it('restores only a run id from the page state', () => {
    assert.deepEqual(parsePanelState({ runId: 'r1', sort: { col: 1, dir: 'asc' }, rows: [1] }), { runId: 'r1' });
    assert.equal(parsePanelState({}), undefined);
    assert.equal(parsePanelState(undefined), undefined);
  });
});
