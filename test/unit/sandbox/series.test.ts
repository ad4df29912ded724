import * as assert from 'node:assert/strict';
import { DAY_MS, formatSeriesTime, HOUR_MS, isHourKey, parseDayKey, parseSeriesTime, SERIES_PATHS, SeriesEndpoint } from '../../../src/core/series';
import { ENGAGEMENT_TYPES, SERIES_ENGAGEMENT_TYPES, SeriesEngagementType } from '../../../src/core/types';
import { seededRandom } from '../../../src/sandbox/faults';
import { answerSeries, seriesWindow, tweetSeries } from '../../../src/sandbox/series';
import { Sandbox } from '../../../src/sandbox/server';
import { countAt, shareAt, tweetCurve } from '../../../src/sandbox/timeline';
import { answerTotals, CLICK_TYPES, sandboxMetrics } from '../../../src/sandbox/world';
import { idAt, Reply, Req, request, sandboxes } from './client';

const HOUR = HOUR_MS;
const DAY = DAY_MS;
/** Off the hour on purpose: windows are widened to whole hours. */
const NOW = Date.parse('2024-06-01T12:34:56Z');
const OWNED_A = idAt(NOW - 5 * DAY, '2');
const OWNED_B = idAt(NOW - 30 * DAY, '4');
const OWNED_FRESH = idAt(NOW - 10 * HOUR, '6');
const OWNED_OLD = idAt(NOW - 100 * DAY, '6');
const OWNED_ANCIENT = idAt(NOW - 2000 * DAY, '8');
const OTHER_A = idAt(NOW - 3 * DAY, '1');
const OTHER_B = idAt(NOW - 4 * DAY, '7');
const GONE = idAt(NOW - 2 * DAY, '13');
const FULL = ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'];
const ORAUTH = { kind: 'oauth1' } as const;

type Tree = Record<string, any>;
const body = (ids: unknown[], types: unknown[] = ['impressions', 'engagements', 'favorites'], groupBy: unknown[] = FULL, extra: Record<string, unknown> = {}) => ({
  tweet_ids: ids,
  engagement_types: types,
  groupings: { g: { group_by: groupBy } },
  ...extra,
});
/** The answer of the pure function (no HTTP), for rules that do not need the server. */
const answer = (endpoint: SeriesEndpoint, b: unknown, now = NOW) => answerSeries(endpoint, b, ORAUTH, now) as { status: number; body: Tree };
/** Sum of every leaf of a tree, as BigInt. */
const sumLeaves = (t: Tree | string): bigint => (typeof t === 'string' ? BigInt(t) : Object.values(t).reduce((s: bigint, v) => s + sumLeaves(v as Tree | string), 0n));

describe('sandbox time series (/28hr, /historical)', () => {
  const sandbox = sandboxes(NOW);
  const post = (sb: Sandbox, endpoint: SeriesEndpoint, r: Req): Promise<Reply> => request(sb, { auth: 'oauth', path: SERIES_PATHS[endpoint], ...r });

  describe('vocabulary', () => {
    it('has the 17 time-series types beside the unchanged seven of /totals', () => {
      assert.equal(SERIES_ENGAGEMENT_TYPES.length, 17);
      assert.ok(!(SERIES_ENGAGEMENT_TYPES as readonly string[]).includes('quote_tweets'));
      assert.ok(!(SERIES_ENGAGEMENT_TYPES as readonly string[]).includes('media_clicks'));
      assert.deepEqual([...ENGAGEMENT_TYPES], ['impressions', 'engagements', 'favorites', 'retweets', 'quote_tweets', 'replies', 'video_views']);
    });

    it('gives every Tweet lifetime numbers of all 18 types: the click types within engagements, media views between video views and impressions', () => {
      for (let i = 0; i < 200; i++) {
        const t = sandboxMetrics(idAt(NOW - i * 7 * HOUR, '2'), NOW);
        const l = t.lifetime;
        assert.equal(Object.keys(l).length, 18);
        assert.equal(CLICK_TYPES.length, 10);
        const sum = CLICK_TYPES.reduce((s, c) => s + l[c], 0n) + l.favorites + l.retweets + l.replies + l.quote_tweets;
        assert.ok(sum <= l.engagements && sum * 100n >= l.engagements * 90n, `${sum} of ${l.engagements}`);
        assert.ok(l.video_views <= l.media_views && l.media_views <= l.impressions);
        assert.equal(String(l.favorites), t.metrics.favorites);
      }
    });

    it('reads and writes the API time format; date-only is midnight UTC; impossible dates are refused', () => {
      assert.equal(parseSeriesTime('2024-05-01T10:30:00Z'), Date.parse('2024-05-01T10:30:00Z'));
      assert.equal(parseSeriesTime('2024-05-01'), Date.parse('2024-05-01T00:00:00Z'));
      for (const bad of ['2024-02-30', '2024-05-01T24:00:00Z', '2024-05-01T10:30Z', '2024-05-01T10:30:00.000Z', '2024-05-01 10:30:00', 'yesterday', '']) {
        assert.equal(parseSeriesTime(bad), undefined, bad);
      }
      assert.equal(formatSeriesTime(Date.parse('2015-09-14T17:00:00Z')), '2015-09-14T17:00:00Z');
    });

    it("reads the answer's day and hour keys: real UTC days only, hours 00 to 23", () => {
      assert.equal(parseDayKey('2024-02-29'), Date.parse('2024-02-29T00:00:00Z'));
      for (const bad of ['2023-02-29', '2024-13-01', '2024-05-00', '0050-01-01', '2024-5-1', ' 2024-05-01', '2024-05-01T00:00:00Z', ''])
        assert.equal(parseDayKey(bad), undefined, bad);
      assert.deepEqual(['00', '09', '23', '24', '7', '007', 'ab', ''].map(isHourKey), [true, true, true, false, false, false, false, false]);
    });
  });

  describe('HTTP surface', () => {
    it('serves both endpoints with gzip, rate headers and top-level start/end; one rate limit for all endpoints', async () => {
      const sb = await sandbox({ rateLimit: 3 });
      const r28 = await post(sb, '28hr', { body: body([OWNED_A]) });
      assert.equal(r28.status, 200, r28.text);
      assert.equal(r28.headers['content-encoding'], 'gzip');
      assert.equal(r28.headers['x-per-minute-remaining'], '2');
      assert.equal(r28.json.start, '2024-05-31T08:00:00Z');
      assert.equal(r28.json.end, '2024-06-01T13:00:00Z');
      const hist = await post(sb, 'historical', { body: body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30', end: '2024-05-31' }) });
      assert.equal(hist.status, 200, hist.text);
      assert.deepEqual([hist.json.start, hist.json.end], ['2024-05-30T00:00:00Z', '2024-05-31T00:00:00Z']);
      assert.equal(hist.headers['x-per-minute-remaining'], '1');
      const totals = await request(sb, { body: { tweet_ids: [OWNED_A], engagement_types: ['favorites'], groupings: { g: { group_by: ['tweet.id'] } } } });
      assert.equal(totals.status, 200);
      const limited = await post(sb, '28hr', { body: body([OWNED_A]) });
      assert.equal(limited.status, 429);
      assert.deepEqual(limited.json, { errors: ['Exceeded rate limit'] });
    });

    it('406 without gzip, 405 for GET, 401 for a bad signature, as /totals', async () => {
      const sb = await sandbox();
      for (const endpoint of ['28hr', 'historical'] as const) {
        assert.equal((await post(sb, endpoint, { body: body([OWNED_A]), gzip: false })).status, 406);
        const get = await post(sb, endpoint, { method: 'GET' });
        assert.equal(get.status, 405);
        const unsigned = await post(sb, endpoint, { auth: { header: 'OAuth oauth_consumer_key="x"' }, body: body([OWNED_A]) });
        assert.equal(unsigned.status, 401);
        assert.match(unsigned.json.errors[0], /^Your account could not be authenticated\. Reason: /);
      }
    });

    it('Bearer → 403 with the errors body, on both endpoints, whatever the types (an invalid body too)', async () => {
      const sb = await sandbox();
      for (const endpoint of ['28hr', 'historical'] as const) {
        for (const b of [body([OWNED_A], ['favorites']), body([], ['quote_tweets'])]) {
          const r = await post(sb, endpoint, { auth: 'bearer', body: b });
          assert.equal(r.status, 403);
          assert.deepEqual(r.json, { errors: ['Forbidden to access time series with a Bearer token: /28hr and /historical need OAuth 1.0a user context'] });
        }
      }
      // /totals names both buckets in the documented text.
      const totals = await request(sb, { body: { tweet_ids: [OWNED_A], engagement_types: ['favorites'], groupings: { g: { group_by: ['engagement.day', 'engagement.hour'] } } } });
      assert.equal(totals.status, 400);
      assert.deepEqual(totals.json, {
        errors: ['One or more of the groupBys you have specified are not supported: (engagement.day, engagement.hour). Please adjust your request and try again.'],
      });
    });

    it('reads Tweet IDs sent as JSON numbers losslessly, on every endpoint (/totals included)', async () => {
      const sb = await sandbox();
      // Above 2^53: through a JS number this ID would come back as …704 or so.
      assert.ok(BigInt(OWNED_A) > 2n ** 53n);
      const asNumber = (b: object) => JSON.stringify(b).replace(`"${OWNED_A}"`, OWNED_A);
      for (const endpoint of ['28hr', 'historical'] as const) {
        const raw = asNumber(body([OWNED_A], ['favorites'], ['tweet.id']));
        assert.ok(raw.includes(`[${OWNED_A}]`));
        const r = await post(sb, endpoint, { raw });
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(Object.keys(r.json.g), [OWNED_A]);
      }
      const totals = await request(sb, {
        auth: 'oauth',
        raw: asNumber({ tweet_ids: [OWNED_A], engagement_types: ['impressions'], groupings: { g: { group_by: ['tweet.id', 'engagement.type'] } } }),
      });
      assert.equal(totals.status, 200, totals.text);
      assert.deepEqual(totals.json.g, { [OWNED_A]: { impressions: sandboxMetrics(OWNED_A, NOW).metrics.impressions } });
    });
  });

  describe('request rules', () => {
    const bad: Array<[string, SeriesEndpoint, unknown, RegExp]> = [
      ['26 IDs', '28hr', body(Array.from({ length: 26 }, (_, i) => idAt(NOW - (i + 1) * HOUR, '2'))), /^tweet_ids has 26 entries; the maximum is 25$/],
      ['quote_tweets', '28hr', body([OWNED_A], ['favorites', 'quote_tweets']), /^engagement_types: quote_tweets is only available from \/totals/],
      ['media_clicks', 'historical', body([OWNED_A], ['media_clicks']), /^engagement_types: media_clicks was replaced by media_engagements; ask for media_engagements$/],
      ['an unknown type', '28hr', body([OWNED_A], ['likes']), /^engagement_types contains an unknown type: "likes"/],
      [
        'a 4-value grouping in another order',
        '28hr',
        body([OWNED_A], ['favorites'], ['engagement.day', 'engagement.hour', 'tweet.id', 'engagement.type']),
        /group_by with 4 values must be \[tweet\.id, engagement\.type, engagement\.day, engagement\.hour\] or \[engagement\.type, tweet\.id/,
      ],
      ['a repeated group_by value', '28hr', body([OWNED_A], ['favorites'], ['engagement.day', 'engagement.day']), /must not repeat a value/],
      ['an unknown group_by value', '28hr', body([OWNED_A], ['favorites'], ['engagement.minute']), /contains an unknown value: "engagement.minute"/],
      ['a grouping named start', 'historical', { ...body([OWNED_A]), groupings: { start: { group_by: ['tweet.id'] } } }, /the name "start" is reserved/],
      ['start on /28hr', '28hr', body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30' }), /^start is not accepted by \/28hr/],
      [
        'a malformed start',
        'historical',
        body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30T10:00' }),
        /^start must be YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD \(got "2024-05-30T10:00"\)$/,
      ],
      ['a window over 28 days', 'historical', body([OWNED_A], ['favorites'], FULL, { start: '2024-05-01T00:00:00Z', end: '2024-05-29T00:00:01Z' }), /longer than 28 days/],
      ['an end in the future', 'historical', body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30', end: '2024-06-01T12:35:00Z' }), /^end must not be in the future/],
      ['an end before the start', 'historical', body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30', end: '2024-05-29' }), /^end must be after start/],
      [
        'a start over 365 days back',
        'historical',
        body([OWNED_A], ['favorites'], FULL, { start: '2023-06-01T12:00:00Z', end: '2023-06-10' }),
        /^start must be within the last 365 days/,
      ],
    ];
    for (const [name, endpoint, b, message] of bad) {
      it(`400 for ${name}`, () => {
        const r = answer(endpoint, b);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.ok(
          (r.body.errors as string[]).some((e) => message.test(e)),
          JSON.stringify(r.body),
        );
      });
    }

    it('takes 25 IDs, all 17 types, day/hour groupings, and one 4-value grouping in either documented order', () => {
      const ids = Array.from({ length: 25 }, (_, i) => idAt(NOW - (i + 1) * 7 * HOUR, '2'));
      const ok = answer('28hr', {
        tweet_ids: ids,
        engagement_types: [...SERIES_ENGAGEMENT_TYPES],
        groupings: { a: { group_by: FULL }, b: { group_by: ['engagement.type', 'engagement.day'] }, c: { group_by: ['engagement.hour'] } },
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 300));
      assert.deepEqual(Object.keys(ok.body.a), ids);
      assert.deepEqual(Object.keys(ok.body.a[ids[0]]).sort(), [...SERIES_ENGAGEMENT_TYPES].sort());
      const other = answer('28hr', body([OWNED_A], ['favorites'], ['engagement.type', 'tweet.id', 'engagement.day', 'engagement.hour']));
      assert.equal(other.status, 200);
      assert.deepEqual(Object.keys(other.body.g), ['favorites']);
      const two = answer('28hr', {
        ...body([OWNED_A]),
        groupings: { a: { group_by: FULL }, b: { group_by: ['engagement.type', 'tweet.id', 'engagement.day', 'engagement.hour'] } },
      });
      assert.equal(two.status, 400);
      assert.deepEqual(two.body.errors, ['groupings: at most one grouping may have 4 values (a, b have)']);
      const four = answer('28hr', {
        ...body([OWNED_A]),
        groupings: { a: { group_by: ['tweet.id'] }, b: { group_by: ['tweet.id'] }, c: { group_by: ['tweet.id'] }, d: { group_by: ['tweet.id'] } },
      });
      assert.equal(four.status, 400);
      assert.match(four.body.errors[0], /groupings has 4 entries; the maximum is 3/);
    });

    it('user context only for owned Tweets: 403 listing every unowned one; unavailable ones listed, 400 when all are', () => {
      const forbidden = answer('28hr', body([OWNED_A, OTHER_A, GONE, OTHER_B]));
      assert.equal(forbidden.status, 403);
      assert.deepEqual(forbidden.body, { errors: [`Forbidden to access tweets: ${OTHER_A}, ${OTHER_B}`] });
      const partial = answer('historical', body([OWNED_A, GONE]));
      assert.equal(partial.status, 200);
      assert.deepEqual(partial.body.unavailable_tweet_ids, [GONE]);
      assert.deepEqual(Object.keys(partial.body.g), [OWNED_A]);
      const all = answer('28hr', body([GONE]));
      assert.equal(all.status, 400);
      assert.deepEqual(all.body, { errors: ['1 Tweet ID(s) are unavailable'], unavailable_tweet_ids: [GONE] });
    });

    it('90-day rule for impressions/engagements and 1800-day rule for video views, as /totals', () => {
      const r = answer('historical', body([OWNED_A, OWNED_OLD, OWNED_ANCIENT], ['impressions', 'favorites', 'video_views'], ['tweet.id', 'engagement.type']));
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.unsupported_for_impressions_engagements_tweet_ids, [OWNED_OLD, OWNED_ANCIENT]);
      assert.deepEqual(r.body.errors, [`Impressions & engagements for tweets older than 90 days (${OWNED_OLD}, ${OWNED_ANCIENT}) are not supported`]);
      assert.deepEqual(r.body.unsupported_for_video_views_tweet_ids, [OWNED_ANCIENT]);
      assert.deepEqual(Object.keys(r.body.g[OWNED_A]), ['impressions', 'favorites', 'video_views']);
      assert.deepEqual(Object.keys(r.body.g[OWNED_OLD]), ['favorites', 'video_views']);
      assert.deepEqual(Object.keys(r.body.g[OWNED_ANCIENT]), ['favorites']);
      const none = answer('historical', body([OWNED_OLD], ['impressions', 'engagements']));
      assert.equal(none.status, 400);
      assert.equal(none.body.errors[0], 'None of the requested engagement types is available for these Tweets');
    });
  });

  describe('windows', () => {
    it('/28hr: the last 28 hours widened to whole hours: 29 hourly buckets off the hour, 28 on it', () => {
      assert.deepEqual(seriesWindow('28hr', NOW), { start: Date.parse('2024-05-31T08:00:00Z'), end: Date.parse('2024-06-01T13:00:00Z') });
      const hours = (now: number) => {
        const r = answer('28hr', body([OWNED_A], ['favorites'], ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour']), now);
        return Object.values(r.body.g[OWNED_A].favorites as Tree).reduce((n: number, day) => n + Object.keys(day as Tree).length, 0);
      };
      assert.equal(hours(NOW), 29);
      assert.equal(hours(Date.parse('2024-06-01T12:00:00Z')), 28);
    });

    it('/historical: date-only accepted, off-hour times widened (start down, end up), default the previous 4 weeks', () => {
      assert.deepEqual(seriesWindow('historical', NOW, '2024-05-01', '2024-05-29'), { start: Date.parse('2024-05-01T00:00:00Z'), end: Date.parse('2024-05-29T00:00:00Z') });
      assert.deepEqual(seriesWindow('historical', NOW, '2024-05-30T10:30:00Z', '2024-05-31T12:10:05Z'), {
        start: Date.parse('2024-05-30T10:00:00Z'),
        end: Date.parse('2024-05-31T13:00:00Z'),
      });
      assert.deepEqual(seriesWindow('historical', NOW), { start: Date.parse('2024-05-04T12:00:00Z'), end: Date.parse('2024-06-01T13:00:00Z') });
      assert.deepEqual(seriesWindow('historical', NOW, '2024-05-30'), { start: Date.parse('2024-05-30T00:00:00Z'), end: Date.parse('2024-06-01T13:00:00Z') });
      assert.deepEqual(seriesWindow('historical', NOW, undefined, '2024-05-20'), { start: Date.parse('2024-04-22T00:00:00Z'), end: Date.parse('2024-05-20T00:00:00Z') });
      // Exactly 28 days and exactly 365 days back are allowed; an end of exactly now too.
      assert.ok(!('errors' in seriesWindow('historical', NOW, '2024-05-01T00:00:00Z', '2024-05-29T00:00:00Z')));
      assert.ok(!('errors' in seriesWindow('historical', NOW, formatSeriesTime(NOW - 365 * DAY), formatSeriesTime(NOW - 340 * DAY))));
      assert.ok(!('errors' in seriesWindow('historical', NOW, '2024-05-30', formatSeriesTime(NOW))));
      const r = answer('historical', body([OWNED_A], ['favorites'], FULL, { start: '2024-05-30T10:30:00Z', end: '2024-05-30T12:10:00Z' }));
      assert.deepEqual([r.body.start, r.body.end], ['2024-05-30T10:00:00Z', '2024-05-30T13:00:00Z']);
      assert.deepEqual(Object.keys(r.body.g[OWNED_A].favorites['2024-05-30']), ['10', '11', '12']);
    });

    it('has every hour from the creation hour on ("0" included), none before; a Tweet created after the window is left out', () => {
      const r = answer('28hr', body([OWNED_FRESH, OWNED_A], ['impressions', 'app_install_attempts'], FULL));
      const created = Math.floor(sandboxMetrics(OWNED_FRESH, NOW).createdAt / HOUR) * HOUR;
      for (const type of ['impressions', 'app_install_attempts']) {
        const hours = Object.entries(r.body.g[OWNED_FRESH][type] as Tree)
          .flatMap(([day, byHour]) => Object.keys(byHour as Tree).map((h) => Date.parse(`${day}T${h}:00:00Z`)))
          .sort((x, y) => x - y);
        assert.deepEqual(
          hours,
          Array.from({ length: 11 }, (_, k) => created + k * HOUR),
        );
        assert.equal(
          Object.values(r.body.g[OWNED_A][type] as Tree).reduce((n: number, d) => n + Object.keys(d as Tree).length, 0),
          29,
        );
      }
      const before = answer('historical', body([OWNED_FRESH, OWNED_A], ['favorites'], ['tweet.id'], { start: '2024-05-30', end: '2024-05-31' }));
      assert.deepEqual(Object.keys(before.body.g), [OWNED_A]);
    });

    it('counts the current hour only up to now, and nothing in the future', () => {
      const t = sandboxMetrics(OWNED_FRESH, NOW);
      const window = seriesWindow('28hr', NOW) as { start: number; end: number };
      const [series] = tweetSeries(t, ['impressions'], window, NOW);
      const lastHour = series.first + (series.values.length - 1) * HOUR;
      assert.equal(lastHour, Date.parse('2024-06-01T12:00:00Z'));
      const curve = tweetCurve(OWNED_FRESH, t.createdAt);
      const upToNow = countAt(t.lifetime, 'impressions', shareAt(curve, NOW)) - countAt(t.lifetime, 'impressions', shareAt(curve, lastHour));
      assert.equal(series.values[series.values.length - 1], upToNow);
      // Later on the clock, the same hour has grown (the Tweet is 10 hours old: still busy).
      const [later] = tweetSeries(t, ['impressions'], window, NOW + 20 * 60_000);
      assert.ok(later.values[later.values.length - 1] > upToNow);
      assert.deepEqual(later.values.slice(0, -1), series.values.slice(0, -1));
    });
  });

  describe('one deterministic world', () => {
    it('series sum to the window total; window totals stay within the lifetime /totals value; engagements ≤ impressions per hour; nothing before creation (random IDs and windows)', () => {
      const random = seededRandom(20240601);
      let checkedPoints = 0;
      for (let round = 0; round < 40; round++) {
        // 1–5 owned Tweets created up to 80 days ago (so impressions exist), a window of 1 h–28 days within the last 365 days.
        const ids = Array.from({ length: 1 + Math.floor(random() * 5) }, () => idAt(NOW - Math.floor(random() * 80 * DAY), String(2 * Math.floor(random() * 5))));
        const length = HOUR + Math.floor(random() * (28 * DAY - HOUR));
        const end = NOW - Math.floor(random() * 120 * DAY);
        const start = Math.max(end - length, NOW - 365 * DAY);
        const types: SeriesEngagementType[] = ['impressions', 'engagements', 'favorites', 'url_clicks', 'video_views'];
        const r = answer('historical', {
          tweet_ids: ids,
          engagement_types: types,
          start: formatSeriesTime(Math.ceil(start / 1000) * 1000),
          end: formatSeriesTime(Math.floor(end / 1000) * 1000),
          groupings: {
            hourly: { group_by: FULL },
            perTweet: { group_by: ['tweet.id', 'engagement.type'] },
            daily: { group_by: ['engagement.type', 'engagement.day'] },
          },
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const windowStart = Date.parse(r.body.start);
        for (const id of Object.keys(r.body.hourly)) {
          const t = sandboxMetrics(id, NOW);
          const creationHour = Math.floor(t.createdAt / HOUR) * HOUR;
          const totals = answerTotals({ tweet_ids: [id], engagement_types: [...ENGAGEMENT_TYPES], groupings: { g: { group_by: ['tweet.id', 'engagement.type'] } } }, ORAUTH, NOW)
            .body.g as Tree;
          for (const type of types) {
            const days: Tree = r.body.hourly[id][type];
            // Sums to the window total within the answer, which is the Tweet's count at the end
            // of the window (or now) less its count at the start: the world's own numbers.
            assert.equal(sumLeaves(days).toString(), r.body.perTweet[id][type], `${id} ${type}`);
            const curve = tweetCurve(id, t.createdAt);
            const windowEnd = Math.min(Date.parse(r.body.end), NOW);
            const expected = countAt(t.lifetime, type, shareAt(curve, windowEnd)) - countAt(t.lifetime, type, shareAt(curve, windowStart));
            assert.equal(r.body.perTweet[id][type], expected.toString(), `${id} ${type} window total`);
            // Never above the lifetime number (/totals' own answer for the types it has).
            assert.ok(BigInt(r.body.perTweet[id][type]) <= t.lifetime[type]);
            if (type in totals[id]) assert.ok(BigInt(r.body.perTweet[id][type]) <= BigInt(totals[id][type]));
            for (const [day, hours] of Object.entries(days)) {
              for (const [hour, value] of Object.entries(hours as Tree)) {
                const at = Date.parse(`${day}T${hour}:00:00Z`);
                assert.ok(at >= creationHour && at >= windowStart, `${id} ${type} ${day}T${hour}: before creation or window`);
                assert.match(value as string, /^\d+$/);
                if (type === 'engagements') assert.ok(BigInt(value as string) <= BigInt(r.body.hourly[id].impressions[day][hour]), `${id} ${day}T${hour}`);
                checkedPoints++;
              }
            }
          }
        }
        // Aggregate levels are the exact sums over the Tweets.
        for (const type of types) {
          const perTweetSum = Object.keys(r.body.perTweet).reduce((s, id) => s + BigInt(r.body.perTweet[id][type] ?? '0'), 0n);
          assert.equal(sumLeaves(r.body.daily[type] ?? {}), perTweetSum, type);
        }
      }
      assert.ok(checkedPoints > 10_000, `${checkedPoints} points checked`);
    });

    it('the same query gives the same answer on two server instances (and the pure function)', async () => {
      const query = { ...body([OWNED_A, OWNED_B, OWNED_FRESH], ['impressions', 'favorites', 'user_profile_clicks']), start: '2024-05-10', end: '2024-06-01' };
      const texts: string[] = [];
      for (let i = 0; i < 2; i++) {
        const sb = await sandbox();
        const r = await post(sb, 'historical', { body: query });
        assert.equal(r.status, 200);
        texts.push(r.text);
        await sb.close();
      }
      assert.equal(texts[0], texts[1]);
      assert.deepEqual(JSON.parse(texts[0]), answer('historical', query).body);
      // Another Tweet gets other numbers (a constant world would pass the line above).
      const a = answer('28hr', body([OWNED_A], ['impressions'], ['engagement.hour'])).body.g;
      const b = answer('28hr', body([OWNED_B], ['impressions'], ['engagement.hour'])).body.g;
      assert.notDeepEqual(a, b);
    });

    it('a plausible decay: most in the first day, less week by week, with a daily rhythm', () => {
      let rhythmic = 0;
      for (let i = 0; i < 12; i++) {
        const created = NOW - 40 * DAY + i * 37 * 60_000;
        const id = idAt(created, '2');
        const r = answer(
          'historical',
          body([id], ['impressions'], ['engagement.day'], {
            start: formatSeriesTime(Math.floor(created / HOUR) * HOUR),
            end: formatSeriesTime(Math.floor(created / HOUR) * HOUR + 28 * DAY),
          }),
        );
        const days = Object.values(r.body.g as Tree).map((v) => Number(v));
        const total = days.reduce((a, b) => a + b, 0);
        const week = (w: number) => days.slice(w * 7, w * 7 + 7).reduce((a, b) => a + b, 0);
        assert.ok(days[0] + days[1] > total * 0.4, `first two days ${days[0] + days[1]} of ${total}`);
        assert.ok(week(0) > week(1) && week(1) > week(3), `weeks ${[0, 1, 2, 3].map(week)}`);
        // Days 4–11 hour by hour, each hour against the mean of the 24 hours around it (which
        // takes out the decay), averaged by hour of day over the week (which takes out most of
        // the jitter): flat without a rhythm; with it, the hours of a day differ by tens of percent.
        const base = Math.ceil(created / DAY) * DAY + 3 * DAY;
        const hours = answer(
          'historical',
          body([id], ['impressions'], ['engagement.day', 'engagement.hour'], { start: formatSeriesTime(base), end: formatSeriesTime(base + 8 * DAY) }),
        );
        const values = Object.values(hours.body.g as Tree).flatMap((d) => Object.values(d as Tree).map(Number));
        assert.equal(values.length, 8 * 24);
        const profile = new Array<number>(24).fill(0);
        values.slice(12, -12).forEach((v, k) => (profile[(k + 12) % 24] += v / (values.slice(k, k + 24).reduce((x, y) => x + y, 0) / 24) / 7));
        const spread = Math.max(...profile) - Math.min(...profile);
        if (spread > 0.6) rhythmic++;
      }
      assert.ok(rhythmic >= 11, `${rhythmic} of 12 Tweets with a daily rhythm`);
    });

    it('hour of day without a day: 24 buckets "00"…"23" summing the window; the same numbers as day → hour', () => {
      const q = (groupBy: string[]) => answer('historical', body([OWNED_A, OWNED_B], ['favorites'], groupBy, { start: '2024-05-20', end: '2024-05-27' })).body.g;
      const byHour = q(['engagement.hour']);
      assert.deepEqual(
        Object.keys(byHour).sort(),
        Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      );
      const byDay = q(['engagement.day', 'engagement.hour']);
      for (const hour of Object.keys(byHour)) {
        const sum = Object.values(byDay).reduce((s: bigint, d) => s + BigInt((d as Tree)[hour] ?? '0'), 0n);
        assert.equal(byHour[hour], sum.toString(), hour);
      }
      assert.equal(Object.keys(byDay).length, 7);
    });

    it('a fixture Tweet spreads its numbers (any type) over its life, never above them', async () => {
      const id = '1790000000000000002';
      const created = NOW - 3 * DAY;
      const sb = await sandbox({ fixture: { tweets: { [id]: { impressions: 1000, engagements: 90, url_clicks: '12', created_at: new Date(created).toISOString() } } } });
      const r = await post(sb, 'historical', {
        body: body([id], ['impressions', 'engagements', 'url_clicks', 'app_opens'], ['tweet.id', 'engagement.type'], { start: formatSeriesTime(created - DAY) }),
      });
      assert.equal(r.status, 200, r.text);
      const got = r.json.g[id];
      assert.equal(got.app_opens, '0');
      assert.ok(BigInt(got.impressions) > 500n && BigInt(got.impressions) <= 1000n, got.impressions);
      assert.ok(BigInt(got.engagements) <= 90n && BigInt(got.url_clicks) <= 12n);
    });

    it('engagements ≤ impressions in every hour, even when the two lifetime numbers are close', () => {
      const id = '1790000000000000004';
      const fixture = { tweets: { [id]: { impressions: 1000, engagements: 997, created_at: new Date(NOW - 20 * DAY).toISOString() } } };
      const r = answerSeries('historical', body([id], ['impressions', 'engagements'], FULL, { start: formatSeriesTime(NOW - 21 * DAY) }), ORAUTH, NOW, fixture) as {
        status: number;
        body: Tree;
      };
      assert.equal(r.status, 200);
      let hours = 0;
      for (const [day, byHour] of Object.entries(r.body.g[id].engagements as Tree)) {
        for (const [hour, value] of Object.entries(byHour as Tree)) {
          assert.ok(BigInt(value as string) <= BigInt(r.body.g[id].impressions[day][hour]), `${day}T${hour}`);
          hours++;
        }
      }
      assert.ok(hours > 400);
    });
  });
});
