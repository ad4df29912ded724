// Answers are checked against their own request: only the IDs and types a batch asked for are
// kept, values that are not counts fail only what they touch, and no answer shape (depth, size,
// odd keys) can take the run down. Against test/support/hostileServer.ts, over real HTTP.
import { strict as assert } from 'node:assert';
import type * as http from 'node:http';
import { Clock } from '../../../src/core/clock';
import { fetchTotals, FetchOptions, retryFailed } from '../../../src/core/engine';
import { HttpAnswer, TotalsTransport } from '../../../src/core/http';
import { flattenRows } from '../../../src/core/rows';
import { Logger, TotalsQuery } from '../../../src/core/types';
import { askedFor, Behaviour, deeplyNested, hostile, HostileServer, startHostileServer } from '../../support/hostileServer';
import { recentIds } from '../../support/ids';

/** Sleeps return at once (backoff and rate waits cost no time). */
function fastClock(): Clock {
  let now = 1_700_000_000_000;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (m: string) => void lines.push(m);
  return { lines, trace: log, info: log, warn: log, error: log };
}

const perTweetQuery = (ids: string[], over: Partial<TotalsQuery> = {}): TotalsQuery => ({
  tweetIds: ids,
  engagementTypes: ['favorites', 'retweets'],
  groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }],
  ...over,
});

/** A 200 with the answer given as raw JSON text, built per request. */
const rawAnswer =
  (text: (asked: { tweetIds: string[]; engagementTypes: string[] }, n: number) => string): Behaviour =>
  (req, res, n) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(text(askedFor(req), n));
  };

/** The honest per-Tweet answer as JSON text: `value` for every asked ID and type. */
function honest(asked: { tweetIds: string[]; engagementTypes: string[] }, value = '7'): Record<string, Record<string, string>> {
  const tree: Record<string, Record<string, string>> = {};
  for (const id of asked.tweetIds) tree[id] = Object.fromEntries(asked.engagementTypes.map((t) => [t, value]));
  return tree;
}

describe('answers are checked against their request', function () {
  this.timeout(60_000);
  let server: HostileServer;
  const options = (over: Partial<FetchOptions> = {}): FetchOptions => ({ baseUrl: server.url, credentials: { bearerToken: 'x' }, clock: fastClock(), ...over });
  afterEach(async () => server && (await server.close()));

  it('keeps at most the 250 IDs a batch asked for when its answer names 60,000 made-up ones (and 20 of its 10,000 messages), and logs how many were dropped', async () => {
    server = await startHostileServer((req, res, n) => {
      const tree: Record<string, unknown> = honest(askedFor(req));
      for (let i = 0; i < 60_000; i++) tree[String(10_000_000_000 + i)] = { favorites: '1' };
      hostile.json(200, { perTweet: tree, errors: Array.from({ length: 10_000 }, (_, i) => `message ${i}`) })(req, res, n);
    });
    const ids = recentIds(250);
    const logger = recordingLogger();
    const result = await fetchTotals(perTweetQuery(ids), options({ logger }));
    assert.equal(result.failed.length, 0, JSON.stringify(result.failed));
    assert.deepEqual(Object.keys(result.groupings.perTweet), ids);
    assert.equal(flattenRows(result).length, 250);
    assert.equal(result.errors.length, 20, 'the messages kept are capped too');
    assert.ok(
      logger.lines.some((l) => /60,?000 .*not asked for/.test(l)),
      logger.lines.join('\n'),
    );
  });

  it('drops made-up types and keys such as constructor, __proto__ and toString at every level', async () => {
    server = await startHostileServer(
      rawAnswer(({ tweetIds }) => {
        const [a, b] = tweetIds;
        return (
          `{"perTweet":{"${a}":{"favorites":"1","retweets":"2","bogus":"3","constructor":"4","__proto__":{"x":"5"},"toString":"6"},` +
          `"${b}":{"favorites":"7","retweets":"8"},"constructor":{"favorites":"9"},"__proto__":{"favorites":"10"},"hasOwnProperty":{"favorites":"11"}},` +
          `"unavailable_tweet_ids":["constructor","__proto__","123"],"constructor":{"a":"1"}}`
        );
      }),
    );
    const ids = recentIds(2);
    const logger = recordingLogger();
    const result = await fetchTotals(perTweetQuery(ids), options({ logger }));
    assert.equal(result.failed.length, 0);
    const tree = result.groupings.perTweet;
    assert.deepEqual(Object.keys(tree), ids);
    assert.equal(Object.getPrototypeOf(tree), Object.prototype);
    assert.deepEqual(tree[ids[0]], { favorites: '1', retweets: '2' });
    assert.equal(Object.getPrototypeOf(tree[ids[0]]), Object.prototype, 'the prototype was not replaced');
    assert.deepEqual(tree[ids[1]], { favorites: '7', retweets: '8' });
    assert.deepEqual(result.unavailableTweetIds, []);
    assert.deepEqual(
      flattenRows(result).map((r) => Object.keys(r.metrics)),
      [
        ['favorites', 'retweets'],
        ['favorites', 'retweets'],
      ],
    );
    assert.ok(!JSON.stringify(result).includes('function'), 'no function text anywhere');
    assert.ok(
      logger.lines.some((l) => /7 key\(s\).*not asked for/.test(l) && /3 listed ID/.test(l)),
      logger.lines.join('\n'),
    );
  });

  it("a batch's answer never adds another batch's IDs: trees and ID lists are checked per batch", async () => {
    const ids = recentIds(4, 2);
    // Batch 1 (the first two IDs) answers for all four and lists the other two as unavailable
    // and unsupported; batch 2 fails, so nothing may be known about its IDs.
    server = await startHostileServer((req, res, n) => {
      const asked = askedFor(req);
      if (asked.tweetIds.includes(ids[2])) return hostile.json(500, { errors: ['down'] })(req, res, n);
      hostile.json(200, {
        perTweet: honest({ tweetIds: ids, engagementTypes: asked.engagementTypes }),
        unavailable_tweet_ids: [ids[2]],
        unsupported_for_video_views_tweet_ids: [ids[3], ids[0]],
        unsupported_for_impressions_engagements_tweet_ids: [ids[3]],
      })(req, res, n);
    });
    const result = await fetchTotals(perTweetQuery(ids), options({ batchSize: 2, maxAttempts: 1 }));
    assert.deepEqual(Object.keys(result.groupings.perTweet), ids.slice(0, 2));
    assert.deepEqual(result.unavailableTweetIds, []);
    assert.deepEqual(result.unsupportedForVideoViewsTweetIds, [ids[0]]);
    assert.deepEqual(result.unsupportedForImpressionsEngagementsTweetIds, []);
    assert.equal(result.failed.length, 1);
    assert.deepEqual(result.failed[0].tweetIds, ids.slice(2));
  });

  it('values that are not counts fail only their Tweets and types (retryable, named), and a retry completes them', async () => {
    const ids = recentIds(4, 3);
    server = await startHostileServer(
      rawAnswer((asked) => {
        const tree = honest(asked);
        tree[ids[1]].favorites = '-5';
        tree[ids[2]].retweets = '1.5';
        const text = JSON.stringify({ perTweet: tree });
        // A value 200,000 levels deep for ids[3].favorites (JSON.stringify would overflow on it).
        return text.replace(`"${ids[3]}":{"favorites":"7"`, `"${ids[3]}":{"favorites":${deeplyNested(200_000)}`);
      }),
    );
    const result = await fetchTotals(perTweetQuery(ids), options());
    assert.equal(result.failed.length, 1, JSON.stringify(result.failed));
    const failed = result.failed[0];
    assert.equal(failed.retryable, true);
    assert.deepEqual(failed.tweetIds, ids.slice(1));
    assert.deepEqual(failed.engagementTypes, ['favorites', 'retweets']);
    for (const id of ids.slice(1)) assert.ok(failed.reason.includes(id), failed.reason);
    assert.match(failed.reason, /favorites: "-5"/);
    assert.match(failed.reason, /retweets: "1\.5"/);
    assert.match(failed.reason, /favorites: an object/);
    const tree = result.groupings.perTweet as Record<string, Record<string, string>>;
    assert.deepEqual(tree[ids[0]], { favorites: '7', retweets: '7' });
    assert.deepEqual(tree[ids[1]], { retweets: '7' }, 'the good value of a Tweet is kept, the bad one is not');
    assert.deepEqual(tree[ids[3]], { retweets: '7' });

    server.setBehaviour(hostile.perTweet('perTweet', '9'));
    const retried = await retryFailed(result, options());
    assert.equal(retried.failed.length, 0);
    assert.deepEqual(retried.groupings.perTweet[ids[1]], { favorites: '9', retweets: '9' });
    assert.deepEqual(retried.groupings.perTweet[ids[0]], { favorites: '7', retweets: '7' });
  });

  it('a bad value at an aggregate level fails its whole batch: nothing of it is half-summed', async () => {
    const ids = recentIds(4, 4);
    server = await startHostileServer((req, res, n) => {
      const asked = askedFor(req);
      const bad = asked.tweetIds.includes(ids[2]);
      hostile.json(200, { perTweet: honest(asked), totals: { favorites: String(asked.tweetIds.length), retweets: bad ? 'lots' : '5' } })(req, res, n);
    });
    const query = perTweetQuery(ids, {
      groupings: [
        { name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] },
        { name: 'totals', groupBy: ['engagement.type'] },
      ],
    });
    const result = await fetchTotals(query, options({ batchSize: 2, maxAttempts: 2 }));
    assert.deepEqual(result.groupings.totals, { favorites: '2', retweets: '5' }, 'only the good batch is summed');
    assert.deepEqual(Object.keys(result.groupings.perTweet), ids.slice(0, 2), "nothing of the failed batch's per-Tweet half either");
    assert.equal(result.failed.length, 1);
    assert.deepEqual(result.failed[0].tweetIds, ids.slice(2));
    assert.equal(result.failed[0].retryable, true);
    assert.match(result.failed[0].reason, /not a count.*"totals".*retweets/);
  });

  it('a per-Tweet bad value fails its whole batch when the query also sums: a retry would count the rest twice', async () => {
    const ids = recentIds(2, 5);
    server = await startHostileServer(
      rawAnswer((asked) => {
        const tree = honest(asked);
        tree[ids[1]].favorites = 'x';
        return JSON.stringify({ perTweet: tree, totals: { favorites: '14', retweets: '14' } });
      }),
    );
    const query = perTweetQuery(ids, {
      groupings: [
        { name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] },
        { name: 'totals', groupBy: ['engagement.type'] },
      ],
    });
    const result = await fetchTotals(query, options({ maxAttempts: 1 }));
    assert.deepEqual(result.groupings, { perTweet: {}, totals: {} });
    assert.deepEqual(
      result.failed.map((f) => f.tweetIds),
      [ids],
    );
    assert.match(result.failed[0].reason, new RegExp(`Tweet ${ids[1]} \\(favorites: text`));
  });

  it('a 200,000-level nested answer fails its batch only; the other batches are kept', async () => {
    const ids = recentIds(8, 6);
    const deep = (key = 'a') => deeplyNested(200_000, key);
    server = await startHostileServer((req, res) => {
      const asked = askedFor(req);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (asked.tweetIds.includes(ids[2])) {
        // Values nested 200,000 deep where counts belong, under a made-up key, as a list of IDs and as an error.
        res.end(
          `{"perTweet":{"${ids[2]}":${deep('favorites')},"${ids[3]}":{"favorites":${deep()},"retweets":"7"},"1":${deep()}},"other":${deep()},"unavailable_tweet_ids":${'['.repeat(100_000)}${']'.repeat(100_000)},"errors":[${deep('message')}]}`,
        );
      } else if (asked.tweetIds.includes(ids[4])) {
        res.end(`{"perTweet":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
      } else res.end(JSON.stringify({ perTweet: honest(asked) }));
    });
    const result = await fetchTotals(perTweetQuery(ids), options({ batchSize: 2, concurrency: 3 }));
    assert.deepEqual(Object.keys(result.groupings.perTweet), [ids[0], ids[1], ids[3], ids[6], ids[7]]);
    assert.deepEqual(result.groupings.perTweet[ids[3]], { retweets: '7' });
    // The two bad batches fail in whichever order they were answered.
    const failed = [...result.failed].sort((a, b) => ids.indexOf(a.tweetIds[0]) - ids.indexOf(b.tweetIds[0]));
    assert.deepEqual(
      failed.map((f) => [f.tweetIds, f.engagementTypes, f.retryable]),
      [
        [ids.slice(2, 4), ['favorites'], true],
        [ids.slice(4, 6), ['favorites', 'retweets'], true],
      ],
    );
    assert.ok(result.failed.every((f) => f.reason.length < 600));
  });

  it('a 400 whose ID lists are nested 200,000 deep is an invalid request of that batch, not a crash', async () => {
    const ids = recentIds(4, 10);
    server = await startHostileServer((req, res, n) => {
      const asked = askedFor(req);
      if (!asked.tweetIds.includes(ids[0])) return hostile.json(200, { perTweet: honest(asked) })(req, res, n);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(`{"errors":["2 Tweet ID(s) are unavailable"],"unavailable_tweet_ids":[${'['.repeat(200_000)}${']'.repeat(200_000)},"${ids[0]}","${ids[1]}"]}`);
    });
    const result = await fetchTotals(perTweetQuery(ids), options({ batchSize: 2 }));
    assert.deepEqual(result.unavailableTweetIds, ids.slice(0, 2), 'the IDs it did list are taken');
    assert.deepEqual(Object.keys(result.groupings.perTweet), ids.slice(2));
    assert.equal(result.failed.length, 0);
  });

  it('an unexpected exception while reading one answer fails that batch, not the run', async () => {
    const ids = recentIds(4, 7);
    const t: TotalsTransport = async (_url, body): Promise<HttpAnswer> => {
      const answerBody = body.tweet_ids.includes(ids[0])
        ? {
            get perTweet(): unknown {
              throw new TypeError('a getter that throws');
            },
          }
        : { perTweet: honest({ tweetIds: body.tweet_ids, engagementTypes: body.engagement_types }) };
      return { status: 200, headers: {}, body: answerBody, durationMs: 1 };
    };
    const result = await fetchTotals(perTweetQuery(ids), { credentials: { bearerToken: 'x' }, transport: t, batchSize: 2, clock: fastClock() });
    assert.deepEqual(Object.keys(result.groupings.perTweet), ids.slice(2));
    assert.equal(result.failed.length, 1);
    assert.deepEqual(result.failed[0].tweetIds, ids.slice(0, 2));
    assert.equal(result.failed[0].retryable, true);
  });

  it('when the run stops (401), requests in flight are aborted and nothing more is sent', async () => {
    const ids = recentIds(20, 8);
    const pending: http.ServerResponse[] = [];
    let closedEarly = 0;
    // Request 0 is answered (the budget sends one request alone first); 1-4 go together;
    // when the 4th of them is in, request 1 gets a 401 and the others never get an answer.
    server = await startHostileServer((req, res, n) => {
      if (n === 0) return hostile.json(200, { perTweet: honest(askedFor(req)) })(req, res, n);
      res.on('close', () => !res.writableEnded && closedEarly++);
      pending.push(res);
      if (n === 4) hostile.json(401, { errors: ['Your account could not be authenticated.'] })(req, pending[0], 1);
      // Anything after the stop is left unanswered: the client must not send it at all.
    });
    const result = await fetchTotals(perTweetQuery(ids), options({ batchSize: 2, concurrency: 4, requestTimeoutMs: 300 }));
    assert.equal(server.requests.length, 5, 'no request after the 401');
    assert.equal(flattenRows(result).length, 2);
    assert.equal(result.failed.length, 9);
    assert.ok(
      result.failed.every((f) => f.retryable && /401/.test(f.reason)),
      JSON.stringify(result.failed),
    );
    // Give the server's 'close' events a turn; they follow the client's aborts.
    for (let i = 0; i < 100 && closedEarly < 3; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(closedEarly, 3, 'the three requests in flight were aborted, not waited out');
  });

  it('when the deadline passes, requests in flight are aborted and nothing more is sent', async () => {
    const ids = recentIds(10, 9);
    server = await startHostileServer((req, res, n) => (n === 0 ? hostile.json(200, { perTweet: honest(askedFor(req)) })(req, res, n) : hostile.silent()(req, res, n)));
    const result = await fetchTotals(perTweetQuery(ids), options({ batchSize: 2, concurrency: 2, deadlineMs: 500 }));
    assert.equal(server.requests.length, 3);
    assert.equal(flattenRows(result).length, 2);
    assert.equal(result.failed.length, 4);
    assert.ok(result.failed.every((f) => f.retryable && /deadline/.test(f.reason)));
  });
});

describe('a 403 that names every Tweet of a full batch', () => {
  it('reads all 250 forbidden IDs from one answer (a long message is not cut before its IDs are read)', async () => {
    const ids = recentIds(250, 9);
    const server = await startHostileServer((req, res) => {
      const asked = askedFor(req).tweetIds;
      hostile.json(403, { errors: [`Forbidden to access tweets: ${asked.join(', ')}`] })(req, res, 0);
    });
    try {
      const oauth = { consumerKey: 'ck-1234', consumerSecret: 'cs-1234', accessToken: 'at-1234', accessTokenSecret: 'as-1234' };
      const result = await fetchTotals(perTweetQuery(ids, { engagementTypes: ['impressions'] }), { baseUrl: server.url, credentials: { oauth }, clock: fastClock() });
      assert.equal(server.requests.length, 1, 'one request: the rest is not re-sent in rounds');
      assert.equal(result.forbiddenTweetIds.length, 250);
      assert.deepEqual(result.failed, []);
      assert.deepEqual(result.errors, [], 'a 403 that names the Tweets is an answer (the forbidden list), not a message');
    } finally {
      await server.close();
    }
  });
});

describe('an answer larger than the size cap once decompressed', () => {
  it('fails its batch as too large (read no further), however small it was on the wire', async () => {
    const { gzipSync } = await import('node:zlib');
    const huge = gzipSync(Buffer.from('{"perTweet":{' + ' '.repeat(17 * 1024 * 1024) + '}}')); // 17 MB of JSON, ~17 KB of gzip
    const server = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': huge.length });
      res.end(huge);
    });
    try {
      const result = await fetchTotals(perTweetQuery(recentIds(3, 11)), { baseUrl: server.url, credentials: { bearerToken: 'size-cap-token' }, clock: fastClock() });
      assert.ok(huge.length < 1024 * 1024, 'small on the wire');
      assert.equal(server.requests.length, 1, 'not retried: it would be as large again');
      assert.equal(result.failed.length, 1);
      assert.match(result.failed[0].reason, /larger than the size cap/);
    } finally {
      await server.close();
    }
  });
});
