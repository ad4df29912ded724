import { strict as assert } from 'node:assert';
import { Clock } from '../../../src/core/clock';
import { backoffDelay, fetchTotals, retryFailed } from '../../../src/core/engine';
import { HttpAnswer, RequestBody, TotalsTransport, TransportError } from '../../../src/core/http';
import { RateBudget } from '../../../src/core/rateBudget';
import { flattenRows } from '../../../src/core/rows';
import { TotalsQuery, TotalsRequestBody } from '../../../src/core/types';
import { SANDBOX_CREDENTIALS, startSandbox, Sandbox } from '../../../src/sandbox/server';
import { sandboxMetrics } from '../../../src/sandbox/world';
import { recentIds } from '../../support/ids';

/** A clock whose sleeps return at once and move virtual time on. */
function fastClock(): Clock & { slept: number[] } {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({ status, body, headers, durationMs: 1 });

/** A transport that plays a script of answers and records the requests. */
function scripted(script: Array<(body: TotalsRequestBody) => HttpAnswer | Error>): TotalsTransport & { calls: TotalsRequestBody[]; auths: string[] } {
  const calls: TotalsRequestBody[] = [];
  const auths: string[] = [];
  const t = (async (_url: string, body: TotalsRequestBody, authorization: string): Promise<HttpAnswer> => {
    calls.push(body);
    auths.push(authorization);
    const step = script[Math.min(calls.length - 1, script.length - 1)];
    const out = step(body);
    if (out instanceof Error) throw out;
    return out;
  }) as unknown as TotalsTransport & { calls: TotalsRequestBody[]; auths: string[] };
  t.calls = calls;
  t.auths = auths;
  return t;
}

const perTweet = (body: RequestBody) => {
  const tree: Record<string, Record<string, string>> = {};
  for (const id of body.tweet_ids) tree[id] = Object.fromEntries(body.engagement_types.map((t) => [t, '1']));
  return { g: tree };
};

const q = (ids: string[], over: Partial<TotalsQuery> = {}): TotalsQuery => ({
  tweetIds: ids,
  engagementTypes: ['favorites', 'retweets'],
  groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }],
  ...over,
});

describe('fetch engine', () => {
  describe('against the sandbox', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox({ rateLimit: 1000 });
    });
    after(() => sandbox.close());

    it('fetches 1,000 IDs in 4 batches and merges per-Tweet values and summed grand totals', async () => {
      const ids = recentIds(1000);
      const types = ['favorites', 'retweets', 'replies', 'quote_tweets', 'video_views'] as const;
      const result = await fetchTotals(
        q(ids, {
          engagementTypes: [...types],
          groupings: [
            { name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] },
            { name: 'byType', groupBy: ['engagement.type', 'tweet.id'] },
            { name: 'totals', groupBy: ['engagement.type'] },
          ],
        }),
        { baseUrl: sandbox.url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken } },
      );
      assert.equal(result.failed.length, 0);
      assert.equal(result.requests, 4);
      const now = Date.now();
      const expected = ids.map((id) => sandboxMetrics(id, now));
      assert.deepEqual(
        result.unavailableTweetIds.sort(),
        expected
          .filter((t) => t.unavailable)
          .map((t) => t.id)
          .sort(),
      );
      const rows = flattenRows(result);
      assert.equal(rows.length, expected.filter((t) => !t.unavailable).length);
      for (const row of rows) {
        const m = sandboxMetrics(row.tweetId, now).metrics;
        assert.deepEqual(row.metrics, Object.fromEntries(types.map((t) => [t, m[t]])));
      }
      for (const t of types) {
        const sum = expected.filter((e) => !e.unavailable).reduce((s, e) => s + BigInt(e.metrics[t] ?? '0'), 0n);
        assert.equal(result.groupings.totals[t], sum.toString(), `grand total of ${t} summed across batches`);
        const byType = result.groupings.byType[t] as Record<string, string>;
        assert.equal(Object.keys(byType).length, rows.length);
      }
    });

    it('with both credentials: owned metrics with OAuth, unowned Tweets dropped, retried, and their public metrics fetched with Bearer', async () => {
      const ids = recentIds(40, 2);
      const result = await fetchTotals(q(ids, { engagementTypes: ['impressions', 'favorites'] }), { baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS });
      assert.equal(result.failed.length, 0, JSON.stringify(result.failed));
      const now = Date.now();
      const avail = ids.filter((id) => !id.endsWith('13'));
      const owned = avail.filter((id) => /[02468]$/.test(id));
      const unowned = avail.filter((id) => !/[02468]$/.test(id));
      assert.deepEqual(new Set(result.forbiddenTweetIds), new Set(unowned));
      const rows = new Map(flattenRows(result).map((r) => [r.tweetId, r.metrics]));
      for (const id of owned) assert.deepEqual(rows.get(id), { impressions: sandboxMetrics(id, now).metrics.impressions, favorites: sandboxMetrics(id, now).metrics.favorites });
      for (const id of unowned) assert.deepEqual(rows.get(id), { favorites: sandboxMetrics(id, now).metrics.favorites });
    });

    it('records a 401 for every batch without sending them all, and retryFailed completes the run', async () => {
      const ids = recentIds(600, 3);
      const bad = await fetchTotals(q(ids), { baseUrl: sandbox.url, credentials: { bearerToken: 'wrong' }, concurrency: 1 });
      assert.equal(bad.requests, 1);
      assert.equal(bad.failed.length, 3);
      assert.match(bad.failed[0].reason, /401/);
      assert.ok(!JSON.stringify(bad).includes('wrong"'), 'the token is nowhere in the result');
      const good = await retryFailed(bad, { baseUrl: sandbox.url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken } });
      assert.equal(good.failed.length, 0);
      assert.equal(flattenRows(good).length + good.unavailableTweetIds.length, 600);
    });

    it('never sends into an exhausted window: 12 batches at 5 per 1-second window give zero 429s', async () => {
      const limited = await startSandbox({ rateLimit: 5, rateWindowSeconds: 1 });
      try {
        const result = await fetchTotals(q(recentIds(12 * 250, 4)), { baseUrl: limited.url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken }, concurrency: 8 });
        assert.equal(result.failed.length, 0);
        assert.equal(limited.stats.rateLimited, 0);
        assert.equal(result.requests, 12);
      } finally {
        await limited.close();
      }
    });

    it('survives every fault kind the sandbox injects and gets the fault-free answer', async () => {
      const faulty = await startSandbox({ rateLimit: 10_000, faultRate: 0.5, seed: 11, stallMs: 50 });
      try {
        const ids = recentIds(2000, 5);
        const clean = await fetchTotals(q(ids), { baseUrl: sandbox.url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken } });
        const result = await fetchTotals(q(ids), { baseUrl: faulty.url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken }, maxAttempts: 12, clock: fastClock() });
        assert.equal(result.failed.length, 0, JSON.stringify(result.failed));
        assert.deepEqual(result.groupings, clean.groupings);
        assert.deepEqual(result.unavailableTweetIds.sort(), clean.unavailableTweetIds.sort());
        assert.ok(Object.keys(faulty.stats.faults).length >= 4, JSON.stringify(faulty.stats.faults));
      } finally {
        await faulty.close();
      }
    });
  });

  describe('retry policy (scripted transport, virtual clock)', () => {
    it('retries 500/502/503/504, resets and bad bodies with growing jittered backoff, then succeeds', async () => {
      const clock = fastClock();
      const t = scripted([
        () => answer(503, { errors: ['down'] }),
        () => new TransportError('network', 'ECONNRESET'),
        () => answer(502, undefined),
        () => answer(200, undefined),
        (b) => answer(200, perTweet(b)),
      ]);
      const result = await fetchTotals(q(recentIds(3)), { credentials: { bearerToken: 'x' }, clock, transport: t, random: () => 0.5 });
      assert.equal(t.calls.length, 5);
      assert.equal(result.failed.length, 0);
      // 500 ms doubling per attempt, jittered between half and all of it (random 0.5: three quarters).
      assert.deepEqual(clock.slept, [375, 750, 1500, 3000]);
    });

    it('backoff: jitter between half and all of 500 ms x 2^attempt, capped at 30 s', () => {
      assert.deepEqual(
        [0, 3].map((a) => [backoffDelay(a, () => 0), backoffDelay(a, () => 1)]),
        [
          [250, 500],
          [2000, 4000],
        ],
      );
      assert.deepEqual([backoffDelay(10, () => 0), backoffDelay(10, () => 1), backoffDelay(40, () => 1)], [15_000, 30_000, 30_000]);
    });

    it('never retries 400, 401, 403, 404, 406', async () => {
      for (const status of [400, 401, 403, 404, 406]) {
        const t = scripted([() => answer(status, { errors: [`nope ${status}`] })]);
        const result = await fetchTotals(q(recentIds(3)), { credentials: { bearerToken: 'x' }, clock: fastClock(), transport: t });
        assert.equal(t.calls.length, 1, `status ${status}`);
        assert.equal(result.failed.length, 1);
        assert.equal(result.failed[0].status, status);
        assert.match(result.failed[0].reason, new RegExp(`nope ${status}`));
      }
    });

    it('honours Retry-After on 429 and does not count it as a fault', async () => {
      const clock = fastClock();
      const t = scripted([() => answer(429, { errors: ['Exceeded rate limit'] }, { 'retry-after': '7' }), (b) => answer(200, perTweet(b))]);
      const result = await fetchTotals(q(recentIds(3)), { credentials: { bearerToken: 'x' }, clock, transport: t, maxAttempts: 1 });
      assert.equal(result.failed.length, 0);
      assert.deepEqual(clock.slept, [7000]);
    });

    it('waits for x-per-minute-reset when the window is exhausted', async () => {
      const clock = fastClock();
      const reset = Math.ceil((clock.now() + 30_000) / 1000);
      const t = scripted([(b) => answer(200, perTweet(b), { 'x-per-minute-limit': '1', 'x-per-minute-remaining': '0', 'x-per-minute-reset': String(reset) })]);
      await fetchTotals(q(recentIds(300)), { credentials: { bearerToken: 'x' }, clock, transport: t, concurrency: 1 });
      assert.equal(t.calls.length, 2);
      assert.equal(clock.slept.length, 1);
      assert.ok(clock.slept[0] >= reset * 1000 - 1_700_000_000_000 - 1000 && clock.slept[0] <= 31_000, String(clock.slept));
    });

    it('keeps what arrived when cancelled and records the rest as retryable', async () => {
      const controller = new AbortController();
      let n = 0;
      const t: TotalsTransport = async (_u, body) => {
        if (++n === 2) controller.abort();
        return answer(200, perTweet(body));
      };
      const result = await fetchTotals(q(recentIds(1000)), { credentials: { bearerToken: 'x' }, transport: t, concurrency: 1, signal: controller.signal });
      assert.equal(result.cancelled, true);
      assert.equal(flattenRows(result).length, 500);
      assert.equal(result.failed.length, 2);
      assert.ok(result.failed.every((f) => f.retryable && f.tweetIds.length === 250));
    });

    it('gives up on a batch after maxAttempts and keeps the others', async () => {
      const t: TotalsTransport = async (_u, body) => (body.tweet_ids.length === 50 ? answer(500, { errors: ['boom'] }) : answer(200, perTweet(body)));
      const result = await fetchTotals(q(recentIds(300)), { credentials: { bearerToken: 'x' }, transport: t, clock: fastClock(), maxAttempts: 3 });
      assert.equal(flattenRows(result).length, 250);
      assert.equal(result.failed.length, 1);
      assert.equal(result.failed[0].tweetIds.length, 50);
      assert.match(result.failed[0].reason, /500: boom.*gave up after 3 tries/);
    });

    it('sums aggregate levels across batches even when values come as numbers', async () => {
      const t: TotalsTransport = async (_u, body) => answer(200, { totals: { favorites: body.tweet_ids.length === 250 ? '9007199254740993' : 1 } });
      const result = await fetchTotals(q(recentIds(251), { groupings: [{ name: 'totals', groupBy: ['engagement.type'] }] }), { credentials: { bearerToken: 'x' }, transport: t });
      assert.equal(result.groupings.totals.favorites, '9007199254740994');
    });
  });
});

describe('rate budget', () => {
  const clock = () => {
    let now = 1_700_000_000_000;
    return { now: () => now, sleep: async (ms: number) => void (now += ms), advance: (ms: number) => (now += ms) };
  };

  it('a bare 429 while the known budget is far from spent backs off briefly, not until the reset', () => {
    const c = clock();
    const b = new RateBudget(c, 8);
    const reset = String(Math.ceil((c.now() + 60_000) / 1000));
    b.release(200, { 'x-per-minute-limit': '1000', 'x-per-minute-remaining': '990', 'x-per-minute-reset': reset });
    b.release(429, {}, 800);
    assert.equal(b.snapshot().blockedUntil, c.now() + 800);
    assert.equal(b.snapshot().remaining, 990);
  });

  it('a 429 with remaining 0, or with the budget known to be spent, waits for the reset', () => {
    const c = clock();
    const b = new RateBudget(c, 8);
    const reset = Math.ceil((c.now() + 60_000) / 1000);
    b.release(200, { 'x-per-minute-limit': '10', 'x-per-minute-remaining': '0', 'x-per-minute-reset': String(reset) });
    b.release(429, {}, 800);
    assert.ok(b.snapshot().blockedUntil! >= reset * 1000);
    const b2 = new RateBudget(c, 8);
    b2.release(429, { 'retry-after': '7' });
    assert.equal(b2.snapshot().blockedUntil, c.now() + 7000);
    assert.equal(b2.snapshot().remaining, 0);
  });

  it('never lets more than the remaining budget be in flight', async () => {
    const c = clock();
    const b = new RateBudget(c, 8);
    const reset = String(Math.ceil((c.now() + 60_000) / 1000));
    await b.acquire();
    b.release(200, { 'x-per-minute-limit': '10', 'x-per-minute-remaining': '3', 'x-per-minute-reset': reset });
    for (let i = 0; i < 3; i++) await b.acquire();
    assert.equal(b.snapshot().inFlight, 3);
    let fourth = false;
    const p = b.acquire().then(() => (fourth = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(fourth, true, 'the virtual clock sleeps to the reset, then the fourth goes');
    assert.ok(c.now() >= Number(reset) * 1000);
    await p;
  });
});
