import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAULT_KINDS, FaultInjector } from '../../../src/sandbox/faults';
import { SandboxFixture } from '../../../src/sandbox/fixture';
import { hmacSha1Signature, NonceStore, oauthSignature, parseOAuthHeader, signatureBaseString, verifyOAuth } from '../../../src/sandbox/oauthVerify';
import { RateLimiter } from '../../../src/sandbox/rateLimit';
import { startSandbox } from '../../../src/sandbox/server';
import { answerTotals, PRE_SNOWFLAKE_CREATED_AT, sandboxMetrics, tweetCreatedAt } from '../../../src/sandbox/world';
import { SNOWFLAKE_EPOCH_MS } from '../../../src/shared/tweetId';
import { AuthMode, idAt, oauthClient, oauthHeader, Reply, Req, request, sandboxes } from './client';

const PATH = '/insights/engagement/totals';
const DAY = 86_400_000;
const NOW = Date.parse('2024-06-01T00:00:00Z');
const ALL_PUBLIC = ['favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'];
const ALL_TYPES = ['impressions', 'engagements', ...ALL_PUBLIC];

const OWNED_A = idAt(NOW - 5 * DAY, '2');
const OWNED_B = idAt(NOW - 30 * DAY, '4');
const OWNED_OLD = idAt(NOW - 100 * DAY, '6');
const OWNED_ANCIENT = idAt(NOW - 2000 * DAY, '8');
const OTHER_A = idAt(NOW - 3 * DAY, '1');
const OTHER_B = idAt(NOW - 4 * DAY, '7');
const GONE = idAt(NOW - 2 * DAY, '13');

const body = (ids: unknown[], types: unknown[] = ALL_PUBLIC, groupBy: unknown[] = ['tweet.id', 'engagement.type']) => ({
  tweet_ids: ids,
  engagement_types: types,
  groupings: { g: { group_by: groupBy } },
});

describe('sandbox', () => {
  const sandbox = sandboxes(NOW);

  describe('world', () => {
    it('derives the same sensible numbers from an ID every time', () => {
      const favorites = new Set<string>();
      let withVideo = 0;
      let counted = 0;
      for (let i = 0; i < 300; i++) {
        const id = String(1500000000000000000n + BigInt(i) * 7919n);
        const a = sandboxMetrics(id, NOW);
        const m = sandboxMetrics(id, tweetCreatedAt(id) + DAY).metrics;
        assert.deepEqual(sandboxMetrics(id, tweetCreatedAt(id) + DAY).metrics, m);
        assert.equal(a.createdAt, tweetCreatedAt(id));
        if (id.endsWith('13')) {
          assert.deepEqual(m, {});
          continue;
        }
        const n = (k: string) => BigInt((m as Record<string, string>)[k]);
        for (const v of Object.values(m)) assert.match(v!, /^\d+$/);
        assert.ok(n('impressions') >= n('engagements'));
        assert.ok(n('engagements') >= n('favorites') + n('retweets') + n('replies') + n('quote_tweets'));
        assert.ok(n('favorites') >= n('retweets') && n('retweets') >= n('quote_tweets') && n('favorites') >= n('replies'));
        assert.ok(n('impressions') >= n('video_views'));
        // The documented ranges (src/sandbox/README.md).
        assert.ok(n('favorites') < 5000n);
        assert.ok(n('impressions') >= 20n * n('engagements') && n('impressions') < 100n * n('engagements') + 1000n);
        if (n('video_views') > 0n) assert.ok((n('video_views') + 1n) * 100n > 5n * n('impressions') && n('video_views') * 100n <= 54n * n('impressions')); // 5–54 %, rounded down
        favorites.add(m.favorites!);
        if (n('video_views') > 0n) withVideo++;
        counted++;
      }
      // Numbers that vary from Tweet to Tweet (a constant generator passes every check above),
      // with a video on about one Tweet in three.
      assert.ok(favorites.size > counted * 0.9, `${favorites.size} distinct favorites in ${counted}`);
      assert.ok(withVideo > counted * 0.2 && withVideo < counted * 0.47, `${withVideo} of ${counted} with video`);
    });

    it('dates IDs by snowflake, pre-snowflake IDs as very old, and applies ownership/unavailability by last digits', () => {
      assert.equal(tweetCreatedAt('1070059276213702656'), Number(1070059276213702656n >> 22n) + SNOWFLAKE_EPOCH_MS);
      assert.equal(tweetCreatedAt('20'), PRE_SNOWFLAKE_CREATED_AT);
      assert.equal(sandboxMetrics(OWNED_A, NOW).owned, true);
      assert.equal(sandboxMetrics(OTHER_A, NOW).owned, false);
      assert.equal(sandboxMetrics(GONE, NOW).unavailable, true);
      const old = sandboxMetrics('20', NOW);
      assert.equal(old.impressionsSupported, false);
      assert.equal(old.videoViewsSupported, false);
      assert.deepEqual(Object.keys(old.metrics).sort(), ['favorites', 'quote_tweets', 'replies', 'retweets']);
    });

    it('answerTotals is pure: same input, same answer', () => {
      const a = answerTotals(body([OWNED_A, OTHER_A]), { kind: 'bearer' }, NOW);
      assert.deepEqual(answerTotals(body([OWNED_A, OTHER_A]), { kind: 'bearer' }, NOW), a);
      assert.equal(a.status, 200);
    });
  });

  describe('HTTP surface', () => {
    it('404 for other paths, 405 for non-POST, 406 without gzip', async () => {
      const sb = await sandbox();
      const r404 = await request(sb, { path: '/1.1/statuses/update.json', body: body([OWNED_A]) });
      assert.equal(r404.status, 404);
      assert.deepEqual(r404.json, { errors: ['Sorry, that page does not exist'] });
      const r405 = await request(sb, { method: 'GET' });
      assert.equal(r405.status, 405);
      assert.equal(r405.headers.allow, 'POST');
      const r406 = await request(sb, { gzip: false, body: body([OWNED_A]) });
      assert.equal(r406.status, 406);
      assert.equal(r406.headers['content-encoding'], undefined);
      assert.deepEqual(r406.json, {
        errors: ["This request requires gzip compression. Retry the request after setting 'Accept-Encoding' header in the request to 'gzip'."],
      });
      const ok = await request(sb, { body: body([OWNED_A]) });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers['content-encoding'], 'gzip');
      assert.match(String(ok.headers['content-type']), /^application\/json/);
      assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sb.stats.byStatus[200], 1);
      assert.equal(sb.stats.requests, 4);
    });

    const invalid: Array<[string, Req, RegExp]> = [
      ['too many IDs', { body: body(Array.from({ length: 251 }, (_, i) => String(1000 + i))) }, /tweet_ids.*251.*250/],
      ['empty tweet_ids', { body: body([]) }, /tweet_ids must not be empty/],
      ['an ID number that is not a Tweet ID', { raw: JSON.stringify(body(['1'])).replace('["1"]', '[1.5e3]') }, /tweet_ids\[0\] is not a Tweet ID: "1.5e3"/],
      ['a number literal JSON does not allow', { raw: JSON.stringify(body(['1'])).replace('["1"]', '[0123]') }, /not valid JSON/],
      ['non-digit IDs', { body: body(['12a4']) }, /tweet_ids\[0\] is not a Tweet ID/],
      [
        'too many groupings',
        { body: { ...body([OWNED_A]), groupings: { a: { group_by: ['tweet.id'] }, b: { group_by: ['tweet.id'] }, c: { group_by: ['tweet.id'] }, d: { group_by: ['tweet.id'] } } } },
        /groupings has 4 entries; the maximum is 3/,
      ],
      ['no groupings', { body: { ...body([OWNED_A]), groupings: {} } }, /groupings must have at least 1/],
      ['unknown engagement type', { body: body([OWNED_A], ['favorites', 'likes']) }, /engagement_types contains an unknown type: "likes"/],
      ['unknown group_by value', { body: body([OWNED_A], ['favorites'], ['tweet.id', 'tweet.author']) }, /groupings\.g\.group_by contains an unknown value: "tweet.author"/],
      [
        'a time bucket in a /totals grouping (the documented text)',
        { body: body([OWNED_A], ['favorites'], ['tweet.id', 'engagement.hour']) },
        /^One or more of the groupBys you have specified are not supported: \(engagement\.hour\)\. Please adjust your request and try again\.$/,
      ],
      ['malformed JSON', { raw: '{"tweet_ids": [' }, /not valid JSON/],
      ['wrong content type', { body: body([OWNED_A]), contentType: 'application/x-www-form-urlencoded' }, /Content-Type must be application\/json/],
    ];
    for (const [name, req, message] of invalid) {
      it(`400 for ${name}`, async () => {
        const sb = await sandbox();
        const r = await request(sb, req);
        assert.equal(r.status, 400);
        assert.ok(Array.isArray(r.json.errors) && r.json.errors.every((e: unknown) => typeof e === 'string'));
        assert.ok(
          r.json.errors.some((e: string) => message.test(e)),
          JSON.stringify(r.json),
        );
      });
    }
  });

  describe('answers', () => {
    const ids = [OWNED_A, OTHER_A, OWNED_B];
    const m = (id: string) => sandboxMetrics(id, NOW).metrics as Record<string, string>;

    it('serves every group_by shape with numbers from sandboxMetrics', async () => {
      const sb = await sandbox();
      const r = await request(sb, {
        body: {
          tweet_ids: ids,
          engagement_types: ALL_PUBLIC,
          groupings: {
            perTweet: { group_by: ['tweet.id', 'engagement.type'] },
            perType: { group_by: ['engagement.type', 'tweet.id'] },
            totals: { group_by: ['engagement.type'] },
          },
        },
      });
      assert.equal(r.status, 200);
      for (const id of ids) for (const t of ALL_PUBLIC) assert.equal(r.json.perTweet[id][t], m(id)[t]);
      for (const t of ALL_PUBLIC) for (const id of ids) assert.equal(r.json.perType[t][id], m(id)[t]);
      for (const t of ALL_PUBLIC) assert.equal(r.json.totals[t], String(ids.reduce((s, id) => s + BigInt(m(id)[t]), 0n)));
      assert.deepEqual(Object.keys(r.json).sort(), ['perTweet', 'perType', 'totals']);

      const r2 = await request(sb, { body: body(ids, ['favorites', 'replies'], ['tweet.id']) });
      for (const id of ids) assert.equal(r2.json.g[id], String(BigInt(m(id).favorites) + BigInt(m(id).replies)));
      assert.equal(typeof r2.json.g[OWNED_A], 'string');
    });

    it('leaves unavailable Tweets out and lists them; 400 when all are unavailable', async () => {
      const sb = await sandbox();
      const r = await request(sb, { body: body([OWNED_A, GONE], ALL_PUBLIC, ['engagement.type']) });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.unavailable_tweet_ids, [GONE]);
      assert.equal(r.json.g.favorites, m(OWNED_A).favorites);
      const perTweet = await request(sb, { body: body([OWNED_A, GONE]) });
      assert.deepEqual(Object.keys(perTweet.json.g), [OWNED_A]);
      const gone2 = idAt(NOW - 9 * DAY, '13');
      const all = await request(sb, { body: body([GONE, gone2]) });
      assert.equal(all.status, 400);
      assert.deepEqual(all.json, { errors: ['2 Tweet ID(s) are unavailable'], unavailable_tweet_ids: [GONE, gone2] });
    });

    it('user context: 403 listing every unowned Tweet; owned Tweets get impressions and engagements', async () => {
      const sb = await sandbox();
      const forbidden = await request(sb, { auth: 'oauth', body: body([OWNED_A, OTHER_A, OWNED_B, OTHER_B], ALL_TYPES) });
      assert.equal(forbidden.status, 403);
      assert.deepEqual(forbidden.json, { errors: [`Forbidden to access tweets: ${OTHER_A}, ${OTHER_B}`] });
      const ok = await request(sb, { auth: 'oauth', body: body([OWNED_A, OWNED_B], ALL_TYPES) });
      assert.equal(ok.status, 200);
      for (const id of [OWNED_A, OWNED_B]) for (const t of ALL_TYPES) assert.equal(ok.json.g[id][t], m(id)[t]);
    });

    it('bearer asking for owned metrics: 403 naming them', async () => {
      const sb = await sandbox();
      const r = await request(sb, { body: body([OWNED_A], ['favorites', 'impressions', 'engagements']) });
      assert.equal(r.status, 403);
      assert.deepEqual(r.json, { errors: ['Forbidden to access metrics: impressions, engagements'] });
    });

    it('90-day rule on the sandbox clock: old owned Tweets listed, other types still served', async () => {
      const sb = await sandbox();
      const r = await request(sb, { auth: 'oauth', body: body([OWNED_A, OWNED_OLD], ['impressions', 'favorites']) });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.unsupported_for_impressions_engagements_tweet_ids, [OWNED_OLD]);
      assert.deepEqual(r.json.errors, [`Impressions & engagements for tweets older than 90 days (${OWNED_OLD}) are not supported`]);
      assert.deepEqual(r.json.g[OWNED_OLD], { favorites: m(OWNED_OLD).favorites });
      assert.equal(r.json.g[OWNED_A].impressions, m(OWNED_A).impressions);
      // The same Tweet, 60 days earlier on the sandbox clock, is recent enough.
      const earlier = await sandbox({ now: () => NOW - 60 * DAY });
      const r2 = await request(earlier, { auth: 'oauth', body: body([OWNED_OLD], ['impressions']) });
      assert.equal(r2.status, 200);
      assert.equal(r2.json.g[OWNED_OLD].impressions, sandboxMetrics(OWNED_OLD, NOW - 60 * DAY).metrics.impressions);
      // Nothing at all to report: 400 with the lists.
      const none = await request(sb, { auth: 'oauth', body: body([OWNED_OLD], ['impressions', 'engagements']) });
      assert.equal(none.status, 400);
      assert.deepEqual(none.json.unsupported_for_impressions_engagements_tweet_ids, [OWNED_OLD]);
    });

    it('1800-day rule: video_views absent and listed', async () => {
      const sb = await sandbox();
      const r = await request(sb, { body: body([OWNED_A, OWNED_ANCIENT], ['favorites', 'video_views']) });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.unsupported_for_video_views_tweet_ids, [OWNED_ANCIENT]);
      assert.deepEqual(r.json.g[OWNED_ANCIENT], { favorites: m(OWNED_ANCIENT).favorites });
      assert.equal(r.json.g[OWNED_A].video_views, m(OWNED_A).video_views);
      const totals = await request(sb, { body: body([OWNED_A, OWNED_ANCIENT], ['video_views'], ['engagement.type']) });
      assert.deepEqual(totals.json.g, { video_views: m(OWNED_A).video_views });
    });

    it('fixture mode (object and file): its numbers, its flags, other IDs unavailable', async () => {
      const fixture: SandboxFixture = {
        tweets: {
          '1000000000000000002': { favorites: 5, retweets: '90071992547409930', impressions: 100, created_at: new Date(NOW - DAY).toISOString() },
          '1000000000000000004': { favorites: 7, retweets: '1', owned: false },
          '1000000000000000006': { favorites: 1, unavailable: true },
        },
      };
      const sb = await sandbox({ fixture });
      const r = await request(sb, {
        body: body(['1000000000000000002', '1000000000000000004', '1000000000000000006', '42'], ['favorites', 'retweets', 'replies'], ['engagement.type']),
      });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.g, { favorites: '12', retweets: '90071992547409931', replies: '0' });
      assert.deepEqual(r.json.unavailable_tweet_ids, ['1000000000000000006', '42']);
      const owned = await request(sb, { auth: 'oauth', body: body(['1000000000000000002'], ['impressions']) });
      assert.equal(owned.json.g['1000000000000000002'].impressions, '100');
      const forbidden = await request(sb, { auth: 'oauth', body: body(['1000000000000000002', '1000000000000000004'], ['favorites']) });
      assert.deepEqual(forbidden.json, { errors: ['Forbidden to access tweets: 1000000000000000004'] });

      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-')), 'fixture.json');
      fs.writeFileSync(file, JSON.stringify(fixture));
      const fromFile = await sandbox({ fixture: file });
      const r2 = await request(fromFile, { body: body(['1000000000000000004'], ['favorites']) });
      assert.deepEqual(r2.json.g, { '1000000000000000004': { favorites: '7' } });
      await assert.rejects(startSandbox({ fixture: { tweets: { abc: {} } } }), /not a Tweet ID/);
    });
  });

  describe('authentication', () => {
    it('accepts a valid OAuth 1.0a signature made by oauth-1.0a', async () => {
      const sb = await sandbox({ now: Date.now });
      const r = await request(sb, { auth: 'oauth', body: body([OWNED_A], ['favorites']) });
      assert.equal(r.status, 200, JSON.stringify(r.json));
    });

    it('401 for wrong secret, unknown token or consumer, stale timestamp, replayed nonce', async () => {
      const sb = await sandbox({ now: Date.now });
      const url = sb.url + PATH;
      const reason = async (header: string) => {
        const r = await request(sb, { auth: { header }, body: body([OWNED_A], ['favorites']) });
        assert.equal(r.status, 401);
        return r.json.errors[0] as string;
      };
      const prefix = 'Your account could not be authenticated. Reason: ';
      assert.equal(await reason(oauthHeader(url, { tokenSecret: 'wrong' })), prefix + 'Invalid signature');
      assert.equal(await reason(oauthHeader(url, { client: oauthClient('wrong') })), prefix + 'Invalid signature');
      assert.equal(await reason(oauthHeader(url, { token: 'nope' })), prefix + 'Access token not found');
      assert.equal(await reason(oauthHeader(url, { client: oauthClient(undefined, 'nope') })), prefix + 'Consumer key not found');
      const stale = oauthClient();
      stale.getTimeStamp = () => Math.floor(Date.now() / 1000) - 400;
      assert.match(await reason(oauthHeader(url, { client: stale })), /Reason: Timestamp out of bounds/);
      const wrongUrl = oauthHeader('http://127.0.0.1:1' + PATH);
      assert.equal(await reason(wrongUrl), prefix + 'Invalid signature');
      const header = oauthHeader(url);
      const first = await request(sb, { auth: { header }, body: body([OWNED_A], ['favorites']) });
      assert.equal(first.status, 200);
      assert.equal(await reason(header), prefix + 'Nonce already used');
    });

    it('401 Unknown Authorization Type without a header or with another scheme; 401 for a wrong Bearer', async () => {
      const sb = await sandbox();
      for (const auth of ['none', { header: 'Basic dXNlcjpwYXNz' }] as AuthMode[]) {
        const r = await request(sb, { auth, body: body([OWNED_A]) });
        assert.equal(r.status, 401);
        assert.deepEqual(r.json, { errors: ['Your account could not be authenticated. Reason: Unknown Authorization Type'] });
      }
      const wrong = await request(sb, { auth: { header: 'Bearer not-the-token' }, body: body([OWNED_A]) });
      assert.equal(wrong.status, 401);
      assert.match(wrong.json.errors[0], /^Your account could not be authenticated\. Reason: /);
    });

    describe('verifier against OAUTH_VECTORS.md', () => {
      const x = {
        oauth_consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
        oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: '1318622958',
        oauth_token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
        oauth_version: '1.0',
      };
      const cs = 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw';
      const ts = 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE';
      const status = 'Hello Ladies + Gentlemen, a signed OAuth request!';

      it("X's example (query and form body included), for both hosts", () => {
        const params = { ...x, status };
        assert.equal(oauthSignature('POST', 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true', params, cs, ts), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
        assert.equal(oauthSignature('POST', 'https://api.x.com/1.1/statuses/update.json?include_entities=true', params, cs, ts), 'Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
        const base = signatureBaseString('POST', 'https://api.twitter.com/1.1/statuses/update.json', { ...params, include_entities: 'true' });
        assert.ok(base.startsWith('POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key'));
        assert.equal(hmacSha1Signature(base, cs, ts), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
      });

      it('RFC 5849 example, with and without oauth_version', () => {
        const p = {
          oauth_consumer_key: 'dpf43f3p2l4k3l03',
          oauth_token: 'nnch734d00sl2jdk',
          oauth_signature_method: 'HMAC-SHA1',
          oauth_timestamp: '137131202',
          oauth_nonce: 'chapoH',
        };
        const url = 'http://photos.example.net/photos?file=vacation.jpg&size=original';
        assert.equal(oauthSignature('GET', url, p, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00'), 'MdpQcU8iPSUjWoN/UDMsK2sui9I=');
        assert.equal(oauthSignature('GET', url, { ...p, oauth_version: '1.0' }, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00'), '1IAE9RzK+DqSqVTdQ/0zWANXVzs=');
      });

      it("parses the oauth-1.0a package's header and verifies it on the /totals base string", () => {
        const header =
          'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"';
        assert.equal(parseOAuthHeader(header)!.get('oauth_signature'), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
        const keys = { consumerKey: x.oauth_consumer_key, consumerSecret: cs, accessToken: x.oauth_token, accessTokenSecret: ts };
        const url = 'http://127.0.0.1:8080/insights/engagement/totals';
        const signature = oauthSignature('POST', url, x, cs, ts);
        const signed = `OAuth ${Object.entries({ ...x, oauth_signature: signature })
          .map(([k, v]) => `${k}="${encodeURIComponent(v)}"`)
          .join(', ')}`;
        const nonces = new NonceStore();
        assert.deepEqual(verifyOAuth(signed, 'POST', url, keys, nonces, 1318622958_000), { ok: true });
        assert.deepEqual(verifyOAuth(signed, 'POST', url, keys, nonces, 1318622958_000), { ok: false, reason: 'Nonce already used' });
        assert.deepEqual(verifyOAuth(header, 'POST', url, keys, new NonceStore(), 1318622958_000), { ok: false, reason: 'Invalid signature' });
      });

      it('forgets nonces after 10 minutes and keeps memory bounded', () => {
        const store = new NonceStore(600_000, 3);
        assert.equal(store.add('a', 0), true);
        assert.equal(store.add('a', 599_999), false);
        assert.equal(store.add('a', 600_000), true);
        for (const k of ['b', 'c', 'd', 'e']) store.add(k, 600_001);
        assert.ok(store.size <= 3);
      });
    });
  });

  describe('rate limit', () => {
    it('counts down, answers 429 with Retry-After when exhausted, resets after the window', async () => {
      let clock = NOW + 250;
      const sb = await sandbox({ rateLimit: 3, rateWindowSeconds: 60, now: () => clock });
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await request(sb, { body: body([OWNED_A]) });
        assert.equal(r.status, 200);
        assert.equal(r.headers['x-per-minute-limit'], '3');
        assert.equal(r.headers['x-per-minute-reset'], String(Math.ceil((NOW + 250 + 60_000) / 1000)));
        remaining.push(String(r.headers['x-per-minute-remaining']));
      }
      assert.deepEqual(remaining, ['2', '1', '0']);
      clock += 10_500;
      const limited = await request(sb, { body: body([OWNED_A]) });
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.json, { errors: ['Exceeded rate limit'] });
      assert.equal(limited.headers['retry-after'], '50');
      assert.equal(limited.headers['x-per-minute-remaining'], '0');
      assert.equal(sb.stats.rateLimited, 1);
      clock = NOW + 250 + 60_000;
      const fresh = await request(sb, { body: body([OWNED_A]) });
      assert.equal(fresh.status, 200);
      assert.equal(fresh.headers['x-per-minute-remaining'], '2');
      assert.equal(fresh.headers['x-per-minute-reset'], String(Math.ceil((NOW + 250 + 120_000) / 1000)));
      const notFound = await request(sb, { path: '/nope' });
      assert.equal(notFound.headers['x-per-minute-remaining'], '2');
    });

    it('starts a window with the first request after the previous one ended', () => {
      const rl = new RateLimiter(1, 1000);
      assert.equal(rl.take(500).allowed, true);
      const denied = rl.take(1499);
      assert.ok(!denied.allowed && denied.retryAfterSeconds === 1);
      assert.equal(rl.take(5000).allowed, true);
      assert.equal(rl.take(5999).allowed, false);
      assert.equal(rl.take(6000).allowed, true);
    });
  });

  describe('fault injection', () => {
    type Outcome = 'http500' | 'http502' | 'http503' | 'bare429' | 'reset' | 'truncatedGzip' | 'html' | 'stall';
    function classify(r: Reply): Outcome {
      if (r.networkError) return 'reset';
      if (r.gunzipFailed) return 'truncatedGzip';
      if (r.status === 429) {
        assert.equal(r.headers['x-per-minute-limit'], undefined);
        assert.equal(r.headers['retry-after'], undefined);
        return 'bare429';
      }
      if (r.status >= 500) return `http${r.status}` as Outcome;
      if (String(r.headers['content-type']).startsWith('text/html')) {
        assert.equal(r.status, 200);
        return 'html';
      }
      assert.equal(r.status, 200);
      assert.equal(r.json.g[OWNED_A].favorites, sandboxMetrics(OWNED_A, NOW).metrics.favorites);
      return 'stall';
    }
    async function run(seed: number): Promise<{ outcomes: Outcome[]; faults: Record<string, number> }> {
      const sb = await sandbox({ faultRate: 1, seed, stallMs: 5, rateLimit: 1000 });
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 48; i++) outcomes.push(classify(await request(sb, { body: body([OWNED_A]) })));
      return { outcomes, faults: { ...sb.stats.faults } };
    }

    it('at faultRate 1 produces every fault kind, deterministically for a seed', async () => {
      const a = await run(7);
      const b = await run(7);
      assert.deepEqual(a.outcomes, b.outcomes);
      assert.deepEqual(new Set(a.outcomes), new Set(FAULT_KINDS));
      const expected = new FaultInjector(1, 7);
      assert.deepEqual(
        a.outcomes,
        a.outcomes.map(() => expected.next()),
      );
      for (const kind of FAULT_KINDS) assert.equal(a.faults[kind], a.outcomes.filter((o) => o === kind).length);
    });

    it('faultRate 0 never faults; other seeds give other sequences', () => {
      const none = new FaultInjector(0, 7);
      assert.ok(Array.from({ length: 100 }, () => none.next()).every((k) => k === undefined));
      const s1 = new FaultInjector(1, 1);
      const s2 = new FaultInjector(1, 2);
      assert.notDeepEqual(
        Array.from({ length: 20 }, () => s1.next()),
        Array.from({ length: 20 }, () => s2.next()),
      );
      const half = new FaultInjector(0.5, 3);
      const hits = Array.from({ length: 1000 }, () => half.next()).filter(Boolean).length;
      assert.ok(hits > 400 && hits < 600);
    });

    it('latency option still answers correctly', async () => {
      const sb = await sandbox({ latencyMs: 5 });
      assert.equal((await request(sb, { body: body([OWNED_A]) })).status, 200);
    });
  });
});
