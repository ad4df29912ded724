// The hover lookups: what hovers fetch is merged into one entry of the results cache (newest
// numbers per Tweet, each Tweet with its own fetch time, bounded by maxTweets), kept on disk,
// cleared with the rest, never taken for the newest run; and what the cache's validation
// accepts of the new fields (kind, host, sandbox, fetchedAt).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isLookups, LOOKUPS_RUN_ID, LOOKUPS_SOURCE, mergeLookups } from '../../../src/core/lookups';
import { mergeResults } from '../../../src/core/merge';
import { flattenRows } from '../../../src/core/rows';
import { isRunRecord, RunCache } from '../../../src/core/runCache';
import { nodeRunFiles } from '../../../src/core/runFiles';
import { TotalsRunRecord, TotalsResult } from '../../../src/core/types';
import { totalsResult } from '../../support/results';

const A = '1900000000000000001';
const B = '1900000000000000002';
const C = '1900000000000000003';

/** A hover's fetch at `at`: favorites (and impressions when given) per Tweet. */
function fetched(at: string, values: Record<string, { favorites: string; impressions?: string }>, extra: Partial<TotalsResult> = {}, profile = 'p'): TotalsRunRecord {
  const ids = Object.keys(values);
  const { query: extraQuery, ...rest } = extra;
  return {
    id: `${at}#001`,
    profile,
    source: LOOKUPS_SOURCE,
    host: 'https://data-api.x.com',
    result: totalsResult({
      query: {
        tweetIds: [...ids, ...(extraQuery?.tweetIds ?? [])],
        engagementTypes: ['impressions', 'favorites'],
        groupings: [
          { name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] },
          { name: 'totals', groupBy: ['engagement.type'] },
        ],
      },
      groupings: { perTweet: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { ...v }])), totals: { favorites: '999' } },
      startedAt: at,
      finishedAt: at,
      ...rest,
    }),
  };
}

const metricsOf = (r: TotalsResult) => Object.fromEntries(flattenRows(r).map((row) => [row.tweetId, row.metrics]));

describe('hover lookups: merging', () => {
  it('the newest numbers of a Tweet win, whole (no value of an older fetch stays beside them); other Tweets stay', () => {
    const older = fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1', impressions: '10' }, [B]: { favorites: '2' } }).result;
    const newer = fetched('2026-11-01T11:00:00.000Z', { [A]: { favorites: '5' }, [C]: { favorites: '7' } }).result;
    const merged = mergeResults(older, newer);
    assert.deepEqual(metricsOf(merged), { [B]: { favorites: '2' }, [A]: { favorites: '5' }, [C]: { favorites: '7' } });
    assert.deepEqual(merged.query.tweetIds, [B, A, C], 'older Tweets first, the newest fetch last');
    assert.deepEqual(
      merged.query.groupings.map((g) => g.name),
      ['perTweet'],
      'sums over two sets of Tweets cannot be added: aggregate groupings are left out',
    );
    assert.equal(merged.requests, 2);
    assert.equal(merged.finishedAt, newer.finishedAt);
  });

  it('a Tweet the newer fetch did not answer (it failed) keeps its older numbers, and no failure', () => {
    const older = fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }).result;
    const failedNewer = fetched(
      '2026-11-01T11:00:00.000Z',
      {},
      {
        query: { tweetIds: [A, B], engagementTypes: [], groupings: [] },
        failed: [{ tweetIds: [A, B], engagementTypes: ['favorites'], auth: 'bearer', status: 503, reason: 'down', retryable: true }],
      },
    ).result;
    const merged = mergeResults(older, failedNewer);
    assert.deepEqual(metricsOf(merged), { [A]: { favorites: '1' } });
    assert.deepEqual(
      merged.failed.map((f) => f.tweetIds),
      [[B]],
      'only the Tweet with nothing older is failed',
    );
  });

  it('a Tweet listed as unavailable by the newer fetch loses its older numbers', () => {
    const older = fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }).result;
    const newer = fetched('2026-11-01T11:00:00.000Z', {}, { query: { tweetIds: [A], engagementTypes: [], groupings: [] }, unavailableTweetIds: [A] }).result;
    const merged = mergeResults(older, newer);
    assert.deepEqual(metricsOf(merged), {});
    assert.deepEqual(merged.unavailableTweetIds, [A]);
  });

  it("keeps each Tweet's own fetch time, so an old lookup goes stale though the entry was updated since", () => {
    const first = mergeLookups(undefined, fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }), 1000);
    const second = mergeLookups(first, fetched('2026-11-01T11:00:00.000Z', { [B]: { favorites: '2' } }), 1000);
    assert.equal(second.id, LOOKUPS_RUN_ID);
    assert.ok(isLookups(second));
    assert.deepEqual(second.fetchedAt, { [A]: '2026-11-01T10:00:00.000Z', [B]: '2026-11-01T11:00:00.000Z' });
    assert.equal(second.source, LOOKUPS_SOURCE);
  });

  it('holds at most maxTweets: the Tweets fetched longest ago go first', () => {
    let entry = mergeLookups(undefined, fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }), 2);
    entry = mergeLookups(entry, fetched('2026-11-01T11:00:00.000Z', { [B]: { favorites: '2' } }), 2);
    entry = mergeLookups(entry, fetched('2026-11-01T12:00:00.000Z', { [C]: { favorites: '3' } }), 2);
    assert.deepEqual(entry.result.query.tweetIds, [B, C]);
    assert.deepEqual(Object.keys(entry.fetchedAt ?? {}).sort(), [B, C]);
    assert.deepEqual(metricsOf(entry.result), { [B]: { favorites: '2' }, [C]: { favorites: '3' } });
  });

  it("starts over when the profile or the sandbox flag changes: sandbox numbers never mix with X's", () => {
    const real = mergeLookups(undefined, fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }), 1000);
    const sandbox = mergeLookups(real, { ...fetched('2026-11-01T11:00:00.000Z', { [B]: { favorites: '2' } }), sandbox: true, host: 'http://127.0.0.1:47210' }, 1000);
    assert.deepEqual(sandbox.result.query.tweetIds, [B]);
    assert.equal(sandbox.sandbox, true);
    assert.equal(sandbox.host, 'http://127.0.0.1:47210');
    const other = mergeLookups(sandbox, fetched('2026-11-01T12:00:00.000Z', { [C]: { favorites: '3' } }, {}, 'brand'), 1000);
    assert.deepEqual(other.result.query.tweetIds, [C]);
    assert.equal(other.sandbox, undefined);
  });
});

describe('hover lookups in the results cache', () => {
  let dir: string;
  const caches: RunCache[] = [];
  const open = async (maxTweets?: number) => {
    const cache = new RunCache({ files: nodeRunFiles(dir), maxTweets });
    caches.push(cache);
    await cache.loaded;
    return cache;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookups-'));
  });
  afterEach(() => {
    caches.splice(0).forEach((c) => c.dispose());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("three hover fetches make one entry (no runs); hovers read each Tweet's newest numbers and fetch time", async () => {
    const cache = await open();
    const userRun: TotalsRunRecord = { ...fetched('2026-11-01T09:00:00.000Z', { [A]: { favorites: '0' } }), id: 'run-1', source: 'export.csv' };
    await cache.add(userRun);
    assert.equal(cache.lookup(A)?.latest.metrics.favorites, '0'); // the index is built before the lookups come in
    await cache.addLookups(fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }));
    await cache.addLookups(fetched('2026-11-01T11:00:00.000Z', { [B]: { favorites: '2' } }));
    await cache.addLookups(fetched('2026-11-01T12:00:00.000Z', { [A]: { favorites: '5' } }));
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      [LOOKUPS_RUN_ID, 'run-1'],
    );
    assert.equal(cache.lookup(A)?.latest.metrics.favorites, '5');
    assert.equal(cache.lookup(A)?.latest.fetchedAt, '2026-11-01T12:00:00.000Z');
    assert.equal(cache.lookup(A)?.previous?.metrics.favorites, '0', 'change since: the run before');
    assert.equal(cache.lookup(B)?.latest.fetchedAt, '2026-11-01T11:00:00.000Z', 'B is as old as its own fetch, not the entry');
    assert.equal(cache.latest()?.id, 'run-1', 'the lookups are not the newest run');

    const reopened = await open();
    assert.deepEqual(
      reopened.runs().map((r) => r.id),
      [LOOKUPS_RUN_ID, 'run-1'],
      'kept on disk like any run',
    );
    assert.equal(reopened.lookup(B)?.latest.metrics.favorites, '2');
    assert.equal(fs.readdirSync(dir).filter((f) => f.startsWith('run-')).length, 2, 'one file for all the lookups');

    await reopened.clear();
    assert.equal(reopened.lookups(), undefined);
    assert.equal(reopened.lookup(B), undefined);
  });

  it("the sandbox flag reaches the hover's lookup", async () => {
    const cache = await open();
    await cache.addLookups({ ...fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }), sandbox: true, host: 'http://127.0.0.1:47210' });
    assert.equal(cache.lookup(A)?.latest.sandbox, true);
  });

  it('a growing entry over the bound drops its oldest Tweets from the index too', async () => {
    const cache = await open(2);
    await cache.addLookups(fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } }));
    assert.ok(cache.lookup(A));
    await cache.addLookups(fetched('2026-11-01T11:00:00.000Z', { [B]: { favorites: '2' }, [C]: { favorites: '3' } }));
    assert.equal(cache.lookup(A), undefined);
    assert.equal(cache.lookup(C)?.latest.metrics.favorites, '3');
  });
});

describe('isRunRecord: the new fields', () => {
  const base = fetched('2026-11-01T10:00:00.000Z', { [A]: { favorites: '1' } });
  it('accepts runs of older versions (no host, sandbox, kind or times) and well-formed new ones', () => {
    const { host: _host, ...old } = base;
    assert.ok(isRunRecord(old));
    assert.ok(isRunRecord({ ...base, sandbox: true }));
    assert.ok(isRunRecord(mergeLookups(undefined, base, 10)));
  });
  it('rejects a wrong kind, a second lookups entry, a host that is not http(s), times that are not ISO', () => {
    assert.ok(!isRunRecord({ ...base, kind: 'other' }));
    assert.ok(!isRunRecord({ ...base, kind: 'lookups' }), 'a lookups entry has the one lookups ID');
    assert.ok(!isRunRecord({ ...base, host: 'javascript:alert(1)' }));
    assert.ok(!isRunRecord({ ...base, sandbox: 'yes' }));
    assert.ok(!isRunRecord({ ...mergeLookups(undefined, base, 10), fetchedAt: { [A]: 'yesterday' } }));
    assert.ok(!isRunRecord({ ...mergeLookups(undefined, base, 10), fetchedAt: { '<b>': '2026-11-01T10:00:00.000Z' } }));
  });
});
