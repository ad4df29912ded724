// From an API-shaped time-series answer (GroupTree nested in group_by order, day keys
// "YYYY-MM-DD", hour keys "00"…"23") to what a chart draws: one row of contiguous time buckets
// (hourly or daily, bucket start in ms UTC), a Float64Array per Tweet × type, the total line per
// type, the top Tweets per type and the hour-of-day profile. Pure (no 'vscode'): the panel, the
// hover sparkline, the bench and the tests call it. The tree is untrusted: keys that are not
// dates, hours, IDs or types are skipped, values that are not counts are skipped, and every
// count is clamped to [0, MAX_SAFE_INTEGER] (a chart has no use for exact 20-digit numbers).
import { DAY_MS, HOUR_MS, isHourKey, parseDayKey } from './series';
import { isSeriesRun, SERIES_ENGAGEMENT_TYPES, type RunRecord, type SeriesRunRecord } from './types';
import type { SeriesWindowSource } from '../shared/format';
import { TWEET_ID } from '../shared/tweetId';
import type { SeriesGroupField } from '../shared/vocabulary';

export type SeriesStep = 'hour' | 'day';

/** A grouping as the request declared it (name → group_by). */
export type SeriesGroupingsDecl = Record<string, { group_by: readonly SeriesGroupField[] }>;

export interface SeriesMatrix {
  step: SeriesStep;
  /** Bucket start times (ms, UTC), contiguous, ascending. */
  times: number[];
  /** Types in first-seen order (or the order asked for, when given). */
  types: string[];
  /** Tweets that have at least one bucket, in the order asked for, then first-seen. */
  tweets: string[];
  /** `${tweetId}\u0000${type}` → one value per bucket (0 where the answer had none). */
  values: Map<string, Float64Array>;
  /** type → sum of every Tweet per bucket (from the Tweets' buckets, or a grouping without tweet.id). */
  total: Map<string, Float64Array>;
  /** type → 24 sums: each hour of the day (UTC) over the window. */
  hourProfile: Map<string, Float64Array>;
}

/** Type keys: the time series' own types only (not `constructor`, `__proto__` or any other word). */
const TYPE_KEYS: ReadonlySet<string> = new Set(SERIES_ENGAGEMENT_TYPES);
const COUNT = /^\s*[0-9]{1,30}\s*$/;

/** A leaf value as a plain number: digit strings (or non-negative numbers), clamped; undefined for anything else. */
export function countValue(v: unknown): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && COUNT.test(v)) n = Number(v);
  else return undefined;
  if (!Number.isFinite(n) || n < 0) return n === Infinity ? Number.MAX_SAFE_INTEGER : undefined;
  return Math.min(Math.floor(n), Number.MAX_SAFE_INTEGER);
}

/**
 * The grouping with the most time detail, by its declared group_by: day+hour beats day beats
 * hour-of-day; with a tie, one that keeps tweet.id. Undefined when no grouping has a time field.
 */
export function timeGrouping(groupings: SeriesGroupingsDecl): { name: string; groupBy: readonly SeriesGroupField[] } | undefined {
  let best: { name: string; groupBy: readonly SeriesGroupField[]; score: number } | undefined;
  for (const [name, g] of Object.entries(groupings)) {
    const by = g?.group_by ?? [];
    const day = by.includes('engagement.day');
    const hour = by.includes('engagement.hour');
    if (!day && !hour) continue;
    const score = (day && hour ? 6 : day ? 4 : 2) + (by.includes('tweet.id') ? 1 : 0);
    if (!best || score > best.score) best = { name, groupBy: by, score };
  }
  return best && { name: best.name, groupBy: best.groupBy };
}

export interface MatrixOptions {
  /**
   * The window (ms): buckets from its start (floored to the step) up to its end (exclusive).
   * Values in buckets outside it are left out (of the rows, totals and the hour-of-day profile).
   */
  start?: number;
  end?: number;
  /** Tweets in this order first (the order asked for). */
  tweetOrder?: readonly string[];
  /** Types in this order first (the order asked for). */
  typeOrder?: readonly string[];
  /** A cap on buckets (a damaged window cannot ask for millions): default 24 × 400. */
  maxBuckets?: number;
}

interface Leaf {
  tweet?: string;
  type: string;
  /** Bucket start (ms), or undefined for hour-of-day buckets. */
  time?: number;
  /** Hour of day (UTC) when known. */
  hour?: number;
  value: number;
}

/**
 * Calls `visit` for every leaf of a grouping tree read by its group_by (keys checked against
 * their field). A plain recursive walk with the day keys parsed once each: a year of hourly
 * buckets for 250 Tweets is millions of leaves.
 */
function readLeaves(tree: unknown, groupBy: readonly SeriesGroupField[], visit: (leaf: Leaf) => void): void {
  const depth = groupBy.length;
  if (depth === 0) return;
  const at = (f: SeriesGroupField) => groupBy.indexOf(f);
  const iTweet = at('tweet.id');
  const iType = at('engagement.type');
  const iDay = at('engagement.day');
  const iHour = at('engagement.hour');
  if (iType < 0) return;
  const days = new Map<string, number | undefined>();
  const dayMs = (key: string) => {
    let ms = days.get(key);
    if (ms === undefined && !days.has(key)) days.set(key, (ms = parseDayKey(key)));
    return ms;
  };
  const path: string[] = new Array(depth);
  const leaf: Leaf = { type: '', value: 0 };
  const walk = (node: unknown, level: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const field = groupBy[level];
    for (const key of Object.keys(node)) {
      if (field === 'tweet.id' ? !TWEET_ID.test(key) : field === 'engagement.type' ? !TYPE_KEYS.has(key) : field === 'engagement.day' ? dayMs(key) === undefined : !isHourKey(key))
        continue;
      path[level] = key;
      const child = (node as Record<string, unknown>)[key];
      if (level < depth - 1) {
        walk(child, level + 1);
        continue;
      }
      const value = countValue(child);
      if (value === undefined) continue;
      const day = iDay < 0 ? undefined : dayMs(path[iDay]);
      const hour = iHour < 0 ? undefined : Number(path[iHour]);
      leaf.tweet = iTweet < 0 ? undefined : path[iTweet];
      leaf.type = path[iType];
      leaf.time = day === undefined ? undefined : day + (hour ?? 0) * HOUR_MS;
      leaf.hour = hour;
      leaf.value = value;
      visit(leaf);
    }
  };
  walk(tree, 0);
}

/**
 * The matrix of one grouping: `groupBy` is the grouping's declared group_by (the tree's levels).
 * Hourly when it has day and hour, daily with day only; hour-of-day only (no day) gives an empty
 * time axis and just the profile. Missing buckets are 0; keys in any order.
 */
export function buildSeriesMatrix(tree: unknown, groupBy: readonly SeriesGroupField[], options: MatrixOptions = {}): SeriesMatrix {
  const hourly = groupBy.includes('engagement.hour');
  const daily = groupBy.includes('engagement.day');
  const step: SeriesStep = daily && !hourly ? 'day' : 'hour';
  const stepMs = step === 'day' ? DAY_MS : HOUR_MS;
  // First pass: the span of the time axis, the types and the Tweets. A bound given is kept: a
  // bucket outside it (a server's stray "1990-01-01") is left out, not a reason to widen the axis.
  const lo = options.start !== undefined && Number.isFinite(options.start) ? Math.floor(options.start / stepMs) * stepMs : undefined;
  const hi = options.end !== undefined && Number.isFinite(options.end) ? Math.ceil(options.end / stepMs) * stepMs - stepMs : undefined;
  const outside = (time: number | undefined) => time !== undefined && ((lo !== undefined && time < lo) || (hi !== undefined && time > hi));
  let first = lo ?? Infinity;
  let last = hi ?? -Infinity;
  const typeSet = new Set<string>();
  const tweetSet = new Set<string>();
  readLeaves(tree, groupBy, (l) => {
    if (outside(l.time)) return;
    typeSet.add(l.type);
    if (l.tweet !== undefined) tweetSet.add(l.tweet);
    if (l.time !== undefined) {
      if (l.time < first) first = l.time;
      if (l.time > last) last = l.time;
    }
  });
  const maxBuckets = options.maxBuckets ?? 24 * 400;
  const times: number[] = [];
  if (daily && first <= last) {
    const count = Math.min(maxBuckets, Math.floor((last - first) / stepMs) + 1);
    for (let i = 0; i < count; i++) times.push(first + i * stepMs);
  }
  const n = times.length;
  const types = ordered(options.typeOrder, typeSet);
  const tweets = ordered(options.tweetOrder, tweetSet);

  const values = new Map<string, Float64Array>();
  const total = new Map<string, Float64Array>();
  const hourProfile = new Map<string, Float64Array>();
  for (const t of types) {
    total.set(t, new Float64Array(n));
    hourProfile.set(t, new Float64Array(24));
  }
  const clampAdd = (a: number, b: number) => Math.min(a + b, Number.MAX_SAFE_INTEGER);
  // Second pass: the buckets (the row of the last Tweet × type is kept at hand: leaves come grouped).
  let lastKey = '';
  let lastRow: Float64Array | undefined;
  readLeaves(tree, groupBy, (l) => {
    if (outside(l.time)) return;
    if (l.hour !== undefined) {
      const p = hourProfile.get(l.type)!;
      p[l.hour] = clampAdd(p[l.hour], l.value);
    }
    if (l.time === undefined) return;
    const i = Math.round((l.time - first) / stepMs);
    if (i < 0 || i >= n) return;
    const tot = total.get(l.type)!;
    tot[i] = clampAdd(tot[i], l.value);
    if (l.tweet === undefined) return;
    const key = seriesKey(l.tweet, l.type);
    let row = key === lastKey ? lastRow : values.get(key);
    if (!row) values.set(key, (row = new Float64Array(n)));
    lastKey = key;
    lastRow = row;
    row[i] = clampAdd(row[i], l.value);
  });
  return { step, times, types, tweets, values, total, hourProfile };
}

/** The key of a Tweet × type row in `SeriesMatrix.values`. */
export function seriesKey(tweetId: string, type: string): string {
  return `${tweetId}\u0000${type}`;
}

function ordered(order: readonly string[] | undefined, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const k of order ?? []) if (seen.delete(k)) out.push(k);
  return out.concat([...seen]);
}

/** Sum of a row (clamped). */
export function rowSum(row: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < row.length; i++) s += row[i];
  return Math.min(s, Number.MAX_SAFE_INTEGER);
}

/** The `n` Tweets with the highest sums of `type` over the window (ties: the order of `tweets`); Tweets summing to 0 are left out. */
export function topTweets(m: SeriesMatrix, type: string, n: number): Array<{ id: string; sum: number }> {
  const all: Array<{ id: string; sum: number; at: number }> = [];
  m.tweets.forEach((id, at) => {
    const row = m.values.get(seriesKey(id, type));
    const sum = row ? rowSum(row) : 0;
    if (sum > 0) all.push({ id, sum, at });
  });
  all.sort((a, b) => b.sum - a.sum || a.at - b.at);
  return all.slice(0, Math.max(0, n)).map(({ id, sum }) => ({ id, sum }));
}

/** One Tweet's buckets of one type from a stored time-series run, for a hover's sparkline. */
export interface TweetSeries {
  runId: string;
  type: string;
  step: SeriesStep;
  /** Bucket starts (ms UTC) and values, the run's whole window. */
  times: number[];
  values: Float64Array;
  sum: number;
  /** The run's result (not a copy), for its window in words: seriesRunWindowLabel (shared/format.ts). */
  window: SeriesWindowSource;
  /** The run came from the in-editor sandbox: made-up numbers. */
  sandbox: boolean;
}

/** Which type a sparkline shows: the first of these the Tweet has counts of, else its first type with any. */
const SPARK_TYPES = ['impressions', 'engagements', 'favorites', 'retweets', 'replies', 'video_views'];

/** A series run's grouping with per-Tweet buckets, tweet first or type then tweet; undefined when it has none. */
function tweetBuckets(run: SeriesRunRecord): { groupBy: readonly SeriesGroupField[]; tree: Record<string, unknown> } | undefined {
  const g = timeGrouping(run.result.query.groupings);
  if (!g || !g.groupBy.includes('tweet.id') || !g.groupBy.includes('engagement.day')) return undefined;
  const tree = run.result.groupings[g.name];
  if (typeof tree !== 'object' || tree === null) return undefined;
  const tweetFirst = g.groupBy[0] === 'tweet.id' && g.groupBy[1] === 'engagement.type';
  const typeFirst = g.groupBy[0] === 'engagement.type' && g.groupBy[1] === 'tweet.id';
  return tweetFirst || typeFirst ? { groupBy: g.groupBy, tree: tree as Record<string, unknown> } : undefined;
}

const own = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;

/** The Tweets a series run has buckets for (the keys of its tree's Tweet level). */
function tweetsOf(run: SeriesRunRecord): Iterable<string> {
  const b = tweetBuckets(run);
  if (!b) return [];
  if (b.groupBy[0] === 'tweet.id') return Object.keys(b.tree);
  const ids = new Set<string>();
  for (const byTweet of Object.values(b.tree)) if (typeof byTweet === 'object' && byTweet !== null) for (const id of Object.keys(byTweet)) ids.add(id);
  return ids;
}

/** The Tweet's series in one series run, or undefined (no buckets with counts). Reads only that Tweet's part of the run's most detailed grouping. */
export function tweetSeriesOfRun(run: SeriesRunRecord, tweetId: string): TweetSeries | undefined {
  const b = tweetBuckets(run);
  if (!b) return undefined;
  // Only this Tweet's branch: under the root (tweet first) or under each type (type first).
  let part: Record<string, unknown> | undefined;
  if (b.groupBy[0] === 'tweet.id') {
    const mine = own(b.tree, tweetId);
    part = typeof mine === 'object' && mine !== null ? (mine as Record<string, unknown>) : undefined;
  } else {
    part = {};
    for (const [type, byTweet] of Object.entries(b.tree)) {
      const mine = own(byTweet, tweetId);
      if (mine !== undefined) part[type] = mine;
    }
  }
  if (!part) return undefined;
  const parse = (t: string) => (t ? Date.parse(t) : undefined);
  const rest = b.groupBy.filter((f) => f !== 'tweet.id');
  const m = buildSeriesMatrix({ [tweetId]: part }, ['tweet.id', ...rest], { start: parse(run.result.start), end: parse(run.result.end) });
  const withCounts = m.types.filter((t) => rowSum(m.values.get(seriesKey(tweetId, t)) ?? []) > 0);
  const type = SPARK_TYPES.find((t) => withCounts.includes(t)) ?? withCounts[0];
  if (!type) return undefined;
  const values = m.values.get(seriesKey(tweetId, type))!;
  return { runId: run.id, type, step: m.step, times: m.times, values, sum: rowSum(values), window: run.result, sandbox: !!run.sandbox };
}

/** Series runs newest first. */
const newestFirst = (runs: readonly RunRecord[]): SeriesRunRecord[] => runs.filter(isSeriesRun).sort((a, b) => b.result.finishedAt.localeCompare(a.result.finishedAt));

/**
 * The Tweet's series in the newest series run that has counts for it (runs in any order; totals
 * runs are skipped), or undefined. Walks every run: for each hover, use TweetSeriesIndex.
 */
export function seriesForTweet(runs: readonly RunRecord[], tweetId: string): TweetSeries | undefined {
  for (const run of newestFirst(runs)) {
    const s = tweetSeriesOfRun(run, tweetId);
    if (s) return s;
  }
  return undefined;
}

/**
 * seriesForTweet for the hover's hot path: which series runs have buckets for which Tweet, built
 * once per change of the stored series runs (`update` is cheap when they did not change: the hover
 * lookups change on every auto-fetch), and each Tweet's series per run built once.
 */
export class TweetSeriesIndex {
  private runs: SeriesRunRecord[] = [];
  /** Tweet ID → the series runs with buckets for it, newest first. */
  private byTweet = new Map<string, SeriesRunRecord[]>();
  /** Per stored run record (a refreshed or retried run is a new record under the same ID): Tweet ID → its series (null: none with counts). */
  private readonly memo = new WeakMap<SeriesRunRecord, Map<string, TweetSeries | null>>();

  /** Takes the store's runs; rebuilds only when its series runs (by record) changed. */
  update(all: readonly RunRecord[]): void {
    const runs = newestFirst(all);
    if (runs.length === this.runs.length && runs.every((r, i) => r === this.runs[i])) return;
    this.runs = runs;
    this.byTweet = new Map();
    for (const run of runs)
      for (const id of tweetsOf(run)) {
        const list = this.byTweet.get(id);
        if (list) list.push(run);
        else this.byTweet.set(id, [run]);
      }
  }

  /** As seriesForTweet over the runs of the last `update`. The same object for the same run and Tweet. */
  get(tweetId: string): TweetSeries | undefined {
    for (const run of this.byTweet.get(tweetId) ?? []) {
      let ofRun = this.memo.get(run);
      if (!ofRun) this.memo.set(run, (ofRun = new Map()));
      let s = ofRun.get(tweetId);
      if (s === undefined) ofRun.set(tweetId, (s = tweetSeriesOfRun(run, tweetId) ?? null));
      if (s) return s;
    }
    return undefined;
  }
}
