import * as assert from 'node:assert/strict';
import { HttpAnswer, TotalsTransport } from '../../../src/core/http';
import { PlanError } from '../../../src/core/plan';
import { failedIdCount } from '../../../src/core/rows';
import { DAY_MS, formatSeriesTime, HOUR_MS, parseSeriesTime, SeriesRequestBody } from '../../../src/core/series';
import { fetchSeries, historicalWindows, planSeries, retrySeriesFailed, SeriesQuery, SeriesResult, SeriesFetchOptions } from '../../../src/core/seriesRun';
import { Credentials, SeriesEngagementType } from '../../../src/core/types';
import { tweetSeries } from '../../../src/sandbox/series';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/server';
import { sandboxMetrics } from '../../../src/sandbox/world';
import { idAt, sandboxes } from '../sandbox/client';

/** Off the hour on purpose: windows are cut on whole hours. */
const NOW = Date.parse('2024-06-01T12:34:56Z');
const OAUTH: Credentials = { oauth: SANDBOX_CREDENTIALS.oauth };
const BEARER: Credentials = { bearerToken: SANDBOX_CREDENTIALS.bearerToken };
const FULL = { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] } as SeriesQuery['groupings'][string];
const ids = (n: number, suffix = '2', ageDays = 20) => Array.from({ length: n }, (_, i) => idAt(NOW - ageDays * DAY_MS - i * 37 * HOUR_MS, suffix));
const q = (over: Partial<SeriesQuery>): SeriesQuery => ({
  endpoint: 'historical',
  tweetIds: ids(3),
  engagementTypes: ['impressions', 'favorites'],
  groupings: { hourly: FULL },
  ...over,
});
const planError = (code: string, text?: RegExp) => (e: unknown) => e instanceof PlanError && e.code === code && (!text || text.test(e.message));
const ms = (t: string) => parseSeriesTime(t)!;
type Tree = Record<string, any>;
const sumLeaves = (t: Tree | string | undefined): bigint =>
  t === undefined ? 0n : typeof t === 'string' ? BigInt(t) : Object.values(t).reduce((s: bigint, v) => s + sumLeaves(v as Tree | string), 0n);

describe('time-series engine (seriesRun)', () => {
  describe('historicalWindows', () => {
    it('keeps exactly 28 days in one window and cuts one hour more into two that meet on a whole hour', () => {
      const end = '2024-05-30T10:00:00Z';
      assert.deepEqual(historicalWindows('2024-05-02T10:00:00Z', end, NOW), [{ start: '2024-05-02T10:00:00Z', end }]);
      const two = historicalWindows('2024-05-02T09:00:00Z', end, NOW);
      assert.deepEqual(two, [
        { start: '2024-05-02T09:00:00Z', end: '2024-05-30T09:00:00Z' },
        { start: '2024-05-30T09:00:00Z', end },
      ]);
    });

    it('cuts on whole hours when the start is off the hour, each window at most 28 days, the last ending as asked', () => {
      const w = historicalWindows('2024-01-10T07:20:00Z', '2024-05-01T00:00:00Z', NOW);
      assert.equal(w[0].start, '2024-01-10T07:20:00Z');
      assert.equal(w[w.length - 1].end, '2024-05-01T00:00:00Z');
      for (let i = 0; i < w.length; i++) {
        assert.ok(ms(w[i].end) - ms(w[i].start) <= 28 * DAY_MS);
        if (i > 0) {
          assert.equal(w[i].start, w[i - 1].end, 'windows meet');
          assert.equal(ms(w[i].start) % HOUR_MS, 0, 'inner cuts are whole hours');
        }
      }
      assert.equal(w.length, Math.ceil((ms('2024-05-01T00:00:00Z') - ms('2024-01-10T07:00:00Z')) / (28 * DAY_MS)));
    });

    it('reads date-only values as midnight UTC, and defaults to the previous 28 days', () => {
      assert.deepEqual(historicalWindows('2024-05-01', '2024-05-03', NOW), [{ start: '2024-05-01T00:00:00Z', end: '2024-05-03T00:00:00Z' }]);
      assert.deepEqual(historicalWindows(undefined, undefined, NOW), [{ start: '2024-05-04T13:00:00Z', end: formatSeriesTime(NOW) }]);
      assert.deepEqual(historicalWindows(undefined, '2024-05-20', NOW), [{ start: '2024-04-22T00:00:00Z', end: '2024-05-20T00:00:00Z' }]);
      assert.deepEqual(historicalWindows('2024-05-31', undefined, NOW), [{ start: '2024-05-31T00:00:00Z', end: formatSeriesTime(NOW) }]);
    });

    it('covers the last 365 days in 14 windows; a date-only start a year back begins at the limit; further back is refused', () => {
      const year = historicalWindows(formatSeriesTime(NOW - 365 * DAY_MS), undefined, NOW);
      assert.equal(year.length, 14);
      assert.ok(ms(year[0].start) >= NOW - 365 * DAY_MS);
      const dateOnly = historicalWindows('2023-06-02', undefined, NOW); // midnight, 12 h before the limit
      assert.ok(ms(dateOnly[0].start) >= NOW - 365 * DAY_MS && ms(dateOnly[0].start) < NOW - 365 * DAY_MS + HOUR_MS);
      assert.throws(() => historicalWindows('2023-05-30', undefined, NOW), planError('bad-window', /365 days/));
    });

    it('ends now for a date-only end of tomorrow, refuses an end further in the future, an end before the start and bad text', () => {
      assert.equal(historicalWindows('2024-05-30', '2024-06-02', NOW).at(-1)!.end, formatSeriesTime(NOW));
      assert.throws(() => historicalWindows('2024-05-30', '2024-06-05', NOW), planError('bad-window', /future/));
      assert.throws(() => historicalWindows('2024-05-30', '2024-05-20', NOW), planError('bad-window', /after the start/));
      assert.throws(() => historicalWindows('last week', undefined, NOW), planError('bad-window', /YYYY-MM-DD/));
      assert.throws(() => historicalWindows('2024-02-30', undefined, NOW), planError('bad-window'));
    });
  });

  describe('planSeries', () => {
    it('batches at most 25 de-duplicated IDs, once per window, all with OAuth 1.0a', () => {
      const many = ids(60);
      const { batches } = planSeries(q({ endpoint: '28hr', tweetIds: [...many, ...many.slice(0, 5)] }), OAUTH, NOW);
      assert.deepEqual(
        batches.map((b) => b.tweetIds.length),
        [25, 25, 10],
      );
      assert.deepEqual(
        batches.flatMap((b) => b.tweetIds),
        many,
      );
      assert.ok(batches.every((b) => b.auth === 'oauth1' && b.window === undefined));
      const hist = planSeries(q({ tweetIds: many, start: '2024-03-01', end: '2024-05-01' }), OAUTH, NOW).batches;
      assert.equal(hist.length, 3 * 3);
      assert.deepEqual(
        hist.map((b) => b.index),
        hist.map((_, i) => i),
      );
      assert.equal(new Set(hist.map((b) => b.window!.start)).size, 3);
      const plan = planSeries(q({ tweetIds: [...many, many[0]], groupings: { hourly: FULL } }), OAUTH, NOW);
      assert.deepEqual(plan.tweetIds, many, 'the IDs once each, in the order asked for');
      assert.deepEqual(plan.groupings, [{ name: 'hourly', groupBy: FULL.group_by }]);
    });

    it('tells a profile without user-context tokens to set OAuth 1.0a credentials', () => {
      assert.throws(() => planSeries(q({}), BEARER, NOW), planError('needs-user-context', /Set OAuth 1\.0a credentials/));
      assert.throws(() => planSeries(q({}), {}, NOW), planError('needs-user-context'));
    });

    it('refuses what the API would: replaced and totals-only types, bad groupings, dates on 28hr, bad IDs', () => {
      assert.throws(() => planSeries(q({ engagementTypes: ['media_clicks' as SeriesEngagementType] }), OAUTH, NOW), planError('bad-type', /media_engagements/));
      assert.throws(() => planSeries(q({ engagementTypes: ['quote_tweets' as SeriesEngagementType] }), OAUTH, NOW), planError('bad-type', /totals only/));
      assert.throws(() => planSeries(q({ engagementTypes: [] }), OAUTH, NOW), planError('no-types'));
      const bad4 = { group_by: ['engagement.day', 'tweet.id', 'engagement.type', 'engagement.hour'] } as SeriesQuery['groupings'][string];
      assert.throws(() => planSeries(q({ groupings: { g: bad4 } }), OAUTH, NOW), planError('bad-group-by', /4/));
      assert.throws(() => planSeries(q({ groupings: { a: FULL, b: FULL } }), OAUTH, NOW), planError('bad-group-by', /one grouping/));
      assert.throws(() => planSeries(q({ groupings: { start: FULL } }), OAUTH, NOW), planError('bad-groupings', /reserved/));
      assert.throws(() => planSeries(q({ groupings: {} }), OAUTH, NOW), planError('bad-groupings'));
      assert.throws(() => planSeries(q({ endpoint: '28hr', start: '2024-05-01' }), OAUTH, NOW), planError('bad-window'));
      assert.throws(() => planSeries(q({ tweetIds: ['12x'] }), OAUTH, NOW), planError('bad-id'));
      assert.throws(() => planSeries(q({ tweetIds: [] }), OAUTH, NOW), planError('no-ids'));
    });
  });

  describe('fetchSeries against the sandbox', () => {
    const sandbox = sandboxes(NOW);
    const opts = (baseUrl: string, over: Partial<SeriesFetchOptions> = {}): SeriesFetchOptions => ({ credentials: OAUTH, baseUrl, now: NOW, random: () => 0, ...over });

    it('stitches 60 days of 30 owned Tweets: per-Tweet series union, exact sums across batches and windows, unowned listed', async () => {
      const sb = await sandbox();
      const owned = ids(30, '4', 70);
      const other = idAt(NOW - 10 * DAY_MS, '7');
      const gone = idAt(NOW - 10 * DAY_MS, '13');
      const start = '2024-04-01T05:30:00Z';
      const types: SeriesEngagementType[] = ['impressions', 'engagements', 'url_clicks'];
      const result = await fetchSeries(
        {
          endpoint: 'historical',
          tweetIds: [...owned, other, gone],
          engagementTypes: types,
          groupings: { hourly: FULL, perTweet: { group_by: ['tweet.id', 'engagement.type'] }, daily: { group_by: ['engagement.type', 'engagement.day'] } },
          start,
        },
        opts(sb.url),
      );
      assert.deepEqual(result.failed, []);
      assert.deepEqual(result.forbiddenTweetIds, [other]);
      assert.deepEqual(result.unavailableTweetIds, [gone]);
      assert.equal(result.start, '2024-04-01T05:00:00Z');
      assert.equal(result.end, '2024-06-01T13:00:00Z');
      const window = { start: ms(result.start), end: ms(result.end) };
      const hourly = result.groupings.hourly as Tree;
      const perTweet = result.groupings.perTweet as Tree;
      const daily = result.groupings.daily as Tree;
      assert.deepEqual(Object.keys(hourly), owned, 'Tweets in the order asked');
      for (const id of owned) {
        // The sandbox's own hourly numbers for the whole range, computed without HTTP or our merge.
        for (const s of tweetSeries(sandboxMetrics(id, NOW), types, window, NOW)) {
          const expected = s.values.reduce((a, b) => a + b, 0n);
          assert.equal(BigInt(perTweet[id][s.type]), expected, `${id} ${s.type} total`);
          assert.equal(sumLeaves(hourly[id][s.type]), expected, `${id} ${s.type} hourly`);
          const days = Object.keys(hourly[id][s.type]);
          assert.deepEqual(days, [...days].sort(), 'days in time order');
          // Hour keys: JavaScript lists "10"…"23" before "00"…"09" whatever the order they were put in; read by value.
          for (const d of days) assert.ok(Object.keys(hourly[id][s.type][d]).every((h) => /^(?:[01]\d|2[0-3])$/.test(h)));
        }
      }
      for (const t of types) {
        for (const day of Object.keys(daily[t])) {
          const sum = owned.reduce((acc, id) => acc + sumLeaves(hourly[id]?.[t]?.[day]), 0n);
          assert.equal(BigInt(daily[t][day]), sum, `${t} ${day}: the aggregate equals the per-Tweet hours, across batches and windows`);
        }
        // 2024-04-29 is cut by the first window's end (05:00): both halves are in the day's sum.
        assert.ok(daily[t]['2024-04-29'] !== undefined);
      }
      assert.ok(result.requests >= 2 * 3, 'two ID batches in each of three windows');
    });

    it('fetches the last 28 hours: the window comes from the answers', async () => {
      const sb = await sandbox();
      const owned = [idAt(NOW - 50 * HOUR_MS, '2'), idAt(NOW - 5 * HOUR_MS, '6')];
      const result = await fetchSeries({ endpoint: '28hr', tweetIds: owned, engagementTypes: ['impressions'], groupings: { hourly: FULL } }, opts(sb.url));
      assert.deepEqual(result.failed, []);
      assert.equal(result.end, formatSeriesTime(Math.ceil(NOW / HOUR_MS) * HOUR_MS));
      assert.equal(result.start, formatSeriesTime(Math.floor((NOW - 28 * HOUR_MS) / HOUR_MS) * HOUR_MS));
      const hourly = result.groupings.hourly as Tree;
      const hoursOf = (id: string) => Object.values(hourly[id].impressions as Tree).reduce((n, day) => n + Object.keys(day).length, 0);
      assert.equal(hoursOf(owned[0]), 29);
      assert.ok(hoursOf(owned[1]) <= 6, 'nothing before the Tweet was created');
    });

    it('shares the totals runner: waits out 429s within the rate budget, and reports progress over IDs × windows', async () => {
      // The sandbox's rate window runs on its clock: a real one here (the others stand still at NOW).
      const now = Date.now();
      const sb = await sandbox({ now: () => Date.now(), rateLimit: 2, rateWindowSeconds: 1 });
      const owned = Array.from({ length: 30 }, (_, i) => idAt(now - 70 * DAY_MS - i * 37 * HOUR_MS, '8'));
      const progress: number[] = [];
      const result = await fetchSeries(
        {
          endpoint: 'historical',
          tweetIds: owned,
          engagementTypes: ['favorites'],
          groupings: { perTweet: { group_by: ['tweet.id', 'engagement.type'] } },
          start: formatSeriesTime(now - 60 * DAY_MS),
        },
        opts(sb.url, { now, onProgress: (p) => progress.push(p.batchesTotal) }),
      );
      assert.deepEqual(result.failed, []);
      assert.equal(Object.keys(result.groupings.perTweet).length, 30);
      assert.equal(Math.max(...progress), 2 * 3, 'two ID batches × three windows');
      assert.ok(sb.stats.requests >= 6, 'every window of every batch sent, none given up at 2 requests a second');
    });

    it('a cancel keeps what arrived and records the rest as failed windows, retryable', async () => {
      const sb = await sandbox({ latencyMs: 300 });
      const controller = new AbortController();
      const running = fetchSeries(
        q({ tweetIds: ids(30, '4', 70), start: '2024-03-01', groupings: { perTweet: { group_by: ['tweet.id', 'engagement.type'] } } }),
        opts(sb.url, { signal: controller.signal, concurrency: 1 }),
      );
      setTimeout(() => controller.abort(), 450);
      const result = await running;
      assert.equal(result.cancelled, true);
      assert.ok(result.failed.length > 0 && result.failed.every((f) => f.retryable && f.start !== undefined && f.end !== undefined));
      assert.ok(Object.keys(result.groupings.perTweet).length > 0, 'the first answer is kept');
    });

    it('says what to do and sends nothing with a Bearer-only profile', async () => {
      const sb = await sandbox();
      await assert.rejects(fetchSeries(q({ endpoint: '28hr' }), opts(sb.url, { credentials: BEARER })), planError('needs-user-context'));
      assert.equal(sb.stats.requests, 0);
    });
  });

  describe('answers a client must not trust, and retries', () => {
    const WINDOWS = { start: '2024-04-20T06:00:00Z', end: '2024-05-20T12:00:00Z' }; // two windows, cut at 2024-05-18T06:00
    /** An answer with 1 for every Tweet, type and hour of the window asked for (what a correct server could send). */
    const ones = (body: SeriesRequestBody): Record<string, unknown> => {
      const out: Tree = { start: body.start, end: body.end };
      for (const [name, g] of Object.entries(body.groupings)) {
        const tree: Tree = (out[name] = {});
        for (let h = ms(body.start!); h < ms(body.end!); h += HOUR_MS) {
          const iso = new Date(h).toISOString();
          for (const id of body.tweet_ids)
            for (const t of body.engagement_types) {
              const path = g.group_by.map((f) => (f === 'tweet.id' ? id : f === 'engagement.type' ? t : f === 'engagement.day' ? iso.slice(0, 10) : iso.slice(11, 13)));
              let node = tree;
              for (const k of path.slice(0, -1)) node = node[k] ??= {};
              const leaf = path.at(-1)!;
              node[leaf] = (node[leaf] ?? 0) + 1; // numbers, as a tolerant client accepts
            }
        }
      }
      return out;
    };
    const reply = (status: number, body: unknown): HttpAnswer => ({ status, body, headers: {}, durationMs: 1 });
    const transport = (answer: (body: SeriesRequestBody, call: number) => HttpAnswer): TotalsTransport & { calls: SeriesRequestBody[] } => {
      const calls: SeriesRequestBody[] = [];
      const t = (async (_url: string, body: SeriesRequestBody) => {
        calls.push(body);
        return answer(body, calls.length);
      }) as unknown as TotalsTransport & { calls: SeriesRequestBody[] };
      t.calls = calls;
      return t;
    };
    const query = q({
      tweetIds: ids(30, '2', 60),
      engagementTypes: ['favorites'],
      groupings: { hourly: FULL, daily: { group_by: ['engagement.type', 'engagement.day'] } },
      ...WINDOWS,
    });
    const base = { credentials: OAUTH, baseUrl: 'http://127.0.0.1:9', now: NOW, random: () => 0 };

    it('sums a day cut by two windows exactly, and reads hour keys by value', async () => {
      const result = await fetchSeries(query, { ...base, transport: transport((b) => reply(200, ones(b))) });
      assert.deepEqual(result.failed, []);
      const daily = result.groupings.daily as Tree;
      assert.equal(daily.favorites['2024-05-18'], String(30 * 24), 'a whole day of 30 Tweets, from two windows');
      assert.equal(daily.favorites['2024-05-20'], String(30 * 12));
      assert.equal(sumLeaves(daily), BigInt(30 * (30 * 24 + 6)));
    });

    it('keeps nothing of an answer with a value that is not a count, and fetches the batch again', async () => {
      const t = transport((b, call) => {
        const a = ones(b) as Tree;
        if (call === 1) a.hourly[b.tweet_ids[3]].favorites['2024-04-21']['07'] = '-5';
        if (call === 2) a.daily.favorites['2024-04-22'] = 'lots';
        return reply(200, a);
      });
      const result = await fetchSeries(query, { ...base, transport: t, concurrency: 1 });
      assert.deepEqual(result.failed, []);
      assert.equal(t.calls.length, 4 + 2, 'two answers refused and sent again');
      assert.equal(sumLeaves(result.groupings.daily), BigInt(30 * (30 * 24 + 6)), 'nothing counted twice');
      assert.equal((result.groupings.hourly as Tree)[query.tweetIds[3]].favorites['2024-04-21']['07'], '1');
    });

    it('drops keys the batch did not ask for: other Tweets, other types, days and hours that are not times', async () => {
      const t = transport((b) => {
        const a = ones(b) as Tree;
        if (b.start !== WINDOWS.start) return reply(200, a);
        a.hourly['999'] = { favorites: { '2024-04-21': { '01': '5' } } };
        a.hourly[b.tweet_ids[0]].impressions = { '2024-04-21': { '01': '5' } };
        a.hourly[b.tweet_ids[0]].favorites['2024-02-30'] = { '01': '5' };
        a.hourly[b.tweet_ids[0]].favorites['2024-04-21']['24'] = '5';
        return reply(200, a);
      });
      const result = await fetchSeries(query, { ...base, transport: t });
      assert.deepEqual(result.failed, []);
      const hourly = result.groupings.hourly as Tree;
      assert.equal(hourly['999'], undefined);
      assert.equal(hourly[query.tweetIds[0]].impressions, undefined);
      assert.equal(hourly[query.tweetIds[0]].favorites['2024-02-30'], undefined);
      assert.equal(hourly[query.tweetIds[0]].favorites['2024-04-21']['24'], undefined);
    });

    it("drops days and hours outside the batch's window (counted with the other dropped keys): they never reach the sums", async () => {
      const clean = await fetchSeries(query, { ...base, transport: transport((b) => reply(200, ones(b))) });
      const warnings: string[] = [];
      const logger = { trace: () => undefined, info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined };
      const t = transport((b) => {
        const a = ones(b) as Tree;
        const id = b.tweet_ids[0];
        a.hourly[id].favorites['1990-01-01'] = { '00': '5' };
        a.daily.favorites['1990-01-01'] = '5';
        if (b.start === WINDOWS.start) {
          a.hourly[id].favorites['2024-04-20']['05'] = '5'; // the hour before the window's start
          a.hourly[id].favorites['2024-05-18']['06'] = '5'; // the next window's first hour
          a.daily.favorites['2024-06-01'] = '5'; // a day after the window
        }
        return reply(200, a);
      });
      const result = await fetchSeries(query, { ...base, transport: t, logger });
      assert.deepEqual(result.failed, []);
      assert.deepEqual(result.groupings, clean.groupings);
      assert.equal(result.start, clean.start);
      assert.equal(result.end, clean.end);
      const dropped = warnings.filter((w) => /not asked for; dropped/.test(w));
      assert.ok(
        dropped.some((w) => /had 5 key\(s\)/.test(w)),
        dropped.join(' | '),
      );
    });

    it("clamps a /28hr answer's start and end to the window asked for, and drops its days outside it", async () => {
      const id = query.tweetIds[0];
      const hour = (t: number) => new Date(t).toISOString();
      const inside = NOW - 2 * HOUR_MS;
      const t = transport(() =>
        reply(200, {
          start: '1990-01-01T00:00:00Z',
          end: '2030-01-01T00:00:00Z',
          hourly: { [id]: { favorites: { '1990-01-01': { '00': '7' }, [hour(inside).slice(0, 10)]: { [hour(inside).slice(11, 13)]: '3' } } } },
        }),
      );
      const result = await fetchSeries(q({ endpoint: '28hr', tweetIds: [id], engagementTypes: ['favorites'] }), { ...base, transport: t });
      assert.deepEqual(result.failed, []);
      assert.equal(result.start, formatSeriesTime(Math.floor((NOW - 29 * HOUR_MS) / HOUR_MS) * HOUR_MS));
      assert.equal(result.end, formatSeriesTime(Math.ceil((NOW + HOUR_MS) / HOUR_MS) * HOUR_MS));
      assert.equal(sumLeaves(result.groupings.hourly), 3n);
      assert.equal((result.groupings.hourly as Tree)[id].favorites['1990-01-01'], undefined);
    });

    it('counts a Tweet that failed in two windows once (failedIdCount)', async () => {
      const down = await fetchSeries(query, { ...base, maxAttempts: 1, transport: transport(() => reply(503, { errors: ['down'] })) });
      assert.equal(down.failed.length, 4, '2 batches × 2 windows');
      assert.equal(failedIdCount(down), 30);
      assert.equal(failedIdCount({ failed: [{ tweetIds: ['1', '2'] }, { tweetIds: ['2'] }, { tweetIds: [] }] }), 2);
    });

    it('records a failed window with its dates, and a retry of it gives what a clean run gives', async () => {
      const clean = await fetchSeries(query, { ...base, transport: transport((b) => reply(200, ones(b))) });
      const partial = await fetchSeries(query, {
        ...base,
        maxAttempts: 1,
        transport: transport((b) => (b.start === '2024-05-18T06:00:00Z' ? reply(503, { errors: ['down'] }) : reply(200, ones(b)))),
      });
      assert.equal(partial.failed.length, 2);
      for (const f of partial.failed) {
        assert.equal(f.start, '2024-05-18T06:00:00Z');
        assert.equal(f.end, WINDOWS.end);
        assert.equal(f.status, 503);
        assert.equal(f.retryable, true);
      }
      assert.equal((partial.groupings.daily as Tree).favorites['2024-05-18'], String(30 * 6), 'only the 6 hours of the first window');
      const t = transport((b) => reply(200, ones(b)));
      const retried: SeriesResult = await retrySeriesFailed(partial, { ...base, transport: t });
      assert.equal(t.calls.length, 2);
      assert.ok(t.calls.every((c) => c.start === '2024-05-18T06:00:00Z'));
      assert.deepEqual(retried.failed, []);
      assert.deepEqual(retried.groupings, clean.groupings);
      assert.equal(retried.requests, partial.requests + 2);
    });
  });
});
