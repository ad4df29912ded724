// The sandbox's deterministic world and its pure request → answer function (no I/O).
// Everything a test needs to compute an expected answer independently of HTTP is exported.
import * as crypto from 'node:crypto';
import { DAY_MS } from '../core/series';
import {
  ALL_ENGAGEMENT_TYPES,
  AnyEngagementType,
  ENGAGEMENT_TYPES,
  SERIES_ENGAGEMENT_TYPES,
  SeriesEngagementType,
  EngagementType,
  GroupField,
  GroupTree,
  OWNED_TYPES,
} from '../core/types';
import { SandboxFixture } from './fixture';
import { validateTotalsBody } from './validate';
import { PRE_SNOWFLAKE_MAX_ID, SNOWFLAKE_EPOCH_MS } from '../shared/tweetId';

export const IMPRESSIONS_MAX_AGE_DAYS = 90;
export const VIDEO_VIEWS_MAX_AGE_DAYS = 1800;
/** Creation time given to pre-snowflake IDs: the first Tweet's (2006-03-21T20:50:14Z). */
export const PRE_SNOWFLAKE_CREATED_AT = Date.parse('2006-03-21T20:50:14Z');

export type SandboxAuth = { kind: 'bearer' } | { kind: 'oauth1' };
export interface TotalsAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** What the sandbox knows about one Tweet at time `now`. */
export interface SandboxTweet {
  id: string;
  /** Creation time, ms since the epoch. */
  createdAt: number;
  /** Owned by the sandbox user (generated world: the ID ends in an even digit). */
  owned: boolean;
  /** Deleted (generated world: the ID ends in `13`); such a Tweet has no metrics. */
  unavailable: boolean;
  /** Created within the last 90 days: impressions/engagements exist. */
  impressionsSupported: boolean;
  /** Created within the last 1800 days: video_views exists. */
  videoViewsSupported: boolean;
  /** Values as digit strings; unsupported types (by age) are absent. */
  metrics: Partial<Record<EngagementType, string>>;
  /**
   * The Tweet's lifetime number of every type of any endpoint, whatever its age (the age rules
   * decide what is served): what /totals answers, and what the hourly series add up to at most.
   */
  lifetime: Record<AnyEngagementType, bigint>;
}

/** Creation time from the snowflake; pre-snowflake IDs are dated to the first Tweet. */
export function tweetCreatedAt(id: string): number {
  const n = BigInt(id);
  if (n <= PRE_SNOWFLAKE_MAX_ID) return PRE_SNOWFLAKE_CREATED_AT;
  return Number(n >> 22n) + SNOWFLAKE_EPOCH_MS;
}

/** The click-like time-series types: together the rest of `engagements` beyond favorites, retweets, replies and quotes. */
export const CLICK_TYPES: readonly SeriesEngagementType[] = SERIES_ENGAGEMENT_TYPES.filter((t) => !(ENGAGEMENT_TYPES as readonly string[]).includes(t) && t !== 'media_views');

/**
 * The generated world's numbers: sha256 of the ID string → counts in sensible proportions. The
 * time-series types split the rest of `engagements` (beyond favorites, retweets, replies and
 * quotes) between them, and `media_views` lies between `video_views` and `impressions`.
 */
export function generatedCounts(id: string): Record<AnyEngagementType, number> {
  const h = crypto.createHash('sha256').update(id, 'utf8').digest();
  const favorites = h.readUInt16BE(0) % 5000;
  const retweets = Math.floor((favorites * (h[2] % 40)) / 100);
  const replies = Math.floor((favorites * (h[3] % 25)) / 100);
  const quote_tweets = Math.floor((retweets * (h[4] % 30)) / 100);
  const engagements = favorites + retweets + replies + quote_tweets + (h.readUInt16BE(5) % 3000);
  const impressions = engagements * (20 + (h[7] % 80)) + (h.readUInt16BE(8) % 1000);
  const video_views = h[10] % 3 === 0 ? Math.floor((impressions * (5 + (h[11] % 50))) / 100) : 0;
  const totalsCounts = { impressions, engagements, favorites, retweets, quote_tweets, replies, video_views };
  const rest = engagements - favorites - retweets - replies - quote_tweets;
  const weights = CLICK_TYPES.map((_, i) => 1 + (h[12 + i] % (i < 5 ? 40 : 8)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const clicks = Object.fromEntries(CLICK_TYPES.map((type, i) => [type, Math.floor((rest * weights[i]) / weightSum)]));
  const media_views = video_views + Math.floor(((impressions - video_views) * (h[22] % 30)) / 100);
  return { ...totalsCounts, ...clicks, media_views } as Record<AnyEngagementType, number>;
}

/** Without a fixture, the sandbox answers these IDs as unavailable (deleted or protected): about 1 in 100. */
export const generatedUnavailable = (id: string): boolean => id.endsWith('13');

/** Expected facts and numbers for one Tweet (from the fixture when one is given). */
export function sandboxMetrics(id: string, now: number, fixture?: SandboxFixture): SandboxTweet {
  let createdAt = tweetCreatedAt(id);
  let owned: boolean;
  let unavailable: boolean;
  let counts: Partial<Record<AnyEngagementType, number | string>>;
  if (fixture) {
    const t = Object.prototype.hasOwnProperty.call(fixture.tweets, id) ? fixture.tweets[id] : undefined;
    if (t?.created_at) createdAt = Date.parse(t.created_at);
    owned = t ? t.owned !== false : false;
    unavailable = !t || t.unavailable === true;
    counts = t ?? {};
  } else {
    owned = /[02468]$/.test(id);
    unavailable = generatedUnavailable(id);
    counts = generatedCounts(id);
  }
  const age = now - createdAt;
  const impressionsSupported = age <= IMPRESSIONS_MAX_AGE_DAYS * DAY_MS;
  const videoViewsSupported = age <= VIDEO_VIEWS_MAX_AGE_DAYS * DAY_MS;
  const metrics: Partial<Record<EngagementType, string>> = {};
  if (!unavailable) {
    for (const type of ['impressions', 'engagements', 'favorites', 'retweets', 'quote_tweets', 'replies', 'video_views'] as const) {
      if (OWNED_TYPES.includes(type) && !impressionsSupported) continue;
      if (type === 'video_views' && !videoViewsSupported) continue;
      metrics[type] = String(counts[type] ?? 0);
    }
  }
  const lifetime = Object.fromEntries(ALL_ENGAGEMENT_TYPES.map((type) => [type, unavailable ? 0n : BigInt(counts[type] ?? 0)])) as Record<AnyEngagementType, bigint>;
  return { id, createdAt, owned, unavailable, impressionsSupported, videoViewsSupported, metrics, lifetime };
}

const errorAnswer = (status: number, ...errors: string[]): TotalsAnswer => ({ status, body: { errors } });

/** The answer of POST /insights/engagement/totals for an already-parsed JSON body. */
export function answerTotals(body: unknown, auth: SandboxAuth, now: number, fixture?: SandboxFixture): TotalsAnswer {
  const v = validateTotalsBody(body);
  if (!v.ok) return errorAnswer(400, ...v.errors);
  const { tweetIds, engagementTypes: types, groupings } = v.request;

  const ownedAsked = types.filter((t) => OWNED_TYPES.includes(t));
  if (auth.kind === 'bearer' && ownedAsked.length) return errorAnswer(403, `Forbidden to access metrics: ${ownedAsked.join(', ')}`);

  const sorted = sortTweets(tweetIds, types, auth, now, fixture, (t, type) => t.metrics[type as EngagementType] !== undefined);
  if ('status' in sorted) return sorted;
  const { available, extra } = sorted;
  const out: Record<string, unknown> = {};
  for (const g of groupings) out[g.name] = groupTree(g.groupBy, available, types);
  return { status: 200, body: { ...out, ...extra } };
}

/**
 * What /totals and the time series check once the body is valid: all Tweets unavailable (400),
 * unowned Tweets with user context (403), then the age lists; 400 when no requested type has a
 * value (`has`) for any available Tweet. Otherwise the available Tweets and the answer's other
 * top-level keys (the lists and `errors`).
 */
export function sortTweets(
  tweetIds: readonly string[],
  types: readonly AnyEngagementType[],
  auth: SandboxAuth,
  now: number,
  fixture: SandboxFixture | undefined,
  has: (t: SandboxTweet, type: AnyEngagementType) => boolean,
): TotalsAnswer | { available: SandboxTweet[]; extra: Record<string, unknown> } {
  const tweets = tweetIds.map((id) => sandboxMetrics(id, now, fixture));
  const unavailable = tweets.filter((t) => t.unavailable).map((t) => t.id);
  const available = tweets.filter((t) => !t.unavailable);
  if (available.length === 0) {
    return { status: 400, body: { errors: [`${unavailable.length} Tweet ID(s) are unavailable`], unavailable_tweet_ids: unavailable } };
  }
  // Unavailable Tweets are not checked for ownership: they are reported as unavailable instead.
  const notOwned = available.filter((t) => !t.owned).map((t) => t.id);
  if (auth.kind === 'oauth1' && notOwned.length) return errorAnswer(403, `Forbidden to access tweets: ${notOwned.join(', ')}`);

  const extra: Record<string, unknown> = {};
  const errors: string[] = [];
  if (unavailable.length) extra.unavailable_tweet_ids = unavailable;
  const ownedAsked = types.some((t) => OWNED_TYPES.includes(t as EngagementType));
  const oldForImpressions = ownedAsked ? available.filter((t) => !t.impressionsSupported).map((t) => t.id) : [];
  if (oldForImpressions.length) {
    extra.unsupported_for_impressions_engagements_tweet_ids = oldForImpressions;
    errors.push(`Impressions & engagements for tweets older than ${IMPRESSIONS_MAX_AGE_DAYS} days (${oldForImpressions.join(', ')}) are not supported`);
  }
  const oldForVideo = types.includes('video_views') ? available.filter((t) => !t.videoViewsSupported).map((t) => t.id) : [];
  if (oldForVideo.length) extra.unsupported_for_video_views_tweet_ids = oldForVideo;

  if (!available.some((t) => types.some((type) => has(t, type)))) {
    // Nothing at all to report (docs silent: our choice): 400 with the reasons and the lists.
    const reasons = ['None of the requested engagement types is available for these Tweets'];
    if (oldForVideo.length) reasons.push(`Video views for tweets older than ${VIDEO_VIEWS_MAX_AGE_DAYS} days (${oldForVideo.join(', ')}) are not supported`);
    return { status: 400, body: { ...extra, errors: [...reasons, ...errors] } };
  }
  if (errors.length) extra.errors = errors;
  return { available, extra };
}

/** One grouping's tree. Absent values are left out; empty branches are left out too. */
export function groupTree(groupBy: GroupField[], tweets: SandboxTweet[], types: EngagementType[]): GroupTree {
  const tree: GroupTree = {};
  const sum = (pairs: Array<string | undefined>): string | undefined => {
    const present = pairs.filter((x): x is string => x !== undefined);
    return present.length ? String(present.reduce((a, b) => a + BigInt(b), 0n)) : undefined;
  };
  const put = (key: string, value: GroupTree | string | undefined): void => {
    if (value !== undefined && (typeof value === 'string' || Object.keys(value).length)) tree[key] = value;
  };
  const [first, second] = groupBy;
  if (first === 'tweet.id' && second === 'engagement.type') {
    for (const t of tweets) put(t.id, pick(types.map((type) => [type, t.metrics[type]])));
  } else if (first === 'engagement.type' && second === 'tweet.id') {
    for (const type of types) put(type, pick(tweets.map((t) => [t.id, t.metrics[type]])));
  } else if (first === 'engagement.type') {
    for (const type of types) put(type, sum(tweets.map((t) => t.metrics[type])));
  } else {
    for (const t of tweets) put(t.id, sum(types.map((type) => t.metrics[type])));
  }
  return tree;
}

function pick(pairs: Array<[string, string | undefined]>): GroupTree {
  const o: GroupTree = {};
  for (const [k, v] of pairs) if (v !== undefined) o[k] = v;
  return o;
}
