// The answers of POST /insights/engagement/28hr and /historical for an already-parsed body: pure,
// from the same world as /totals (world.ts for who owns what and the lifetime numbers,
// timeline.ts for when they happened). Everything a test needs to check an answer is exported.
import {
  DAY_MS,
  HISTORICAL_MAX_DAYS_BACK,
  HISTORICAL_MAX_WINDOW_DAYS,
  HOUR_MS,
  LAST_HOURS_WINDOW,
  SeriesEndpoint,
  SeriesGrouping,
  ceilHour,
  floorHour,
  formatSeriesTime,
  parseSeriesTime,
} from '../core/series';
import { GroupTree, OWNED_TYPES, SeriesEngagementType, SeriesGroupField } from '../core/types';
import { SandboxFixture } from './fixture';
import { countAt, shareAt, tweetCurve } from './timeline';
import { validateSeriesBody } from './validate';
import { SandboxAuth, SandboxTweet, sortTweets, TotalsAnswer } from './world';

export const BEARER_FORBIDDEN_SERIES = 'Forbidden to access time series with a Bearer token: /28hr and /historical need OAuth 1.0a user context';

/** A resolved window: whole hours, [start, end). `end` may lie up to an hour past now (the current hour, counted up to now). */
export interface SeriesWindow {
  start: number;
  end: number;
}

/**
 * The window a request covers, or the reasons it is refused. /28hr: the last 28 hours widened
 * to whole hours. /historical: `start`/`end` as sent (date-only is midnight UTC), by default
 * the 4 weeks up to now (or 4 weeks from `start`, or up to `end`); at most 28 days, no end in the
 * future, no start more than 365 days back; then widened to whole hours (start down, end up).
 */
export function seriesWindow(endpoint: SeriesEndpoint, now: number, start?: string, end?: string): SeriesWindow | { errors: string[] } {
  if (endpoint === '28hr') return { start: floorHour(now - LAST_HOURS_WINDOW * HOUR_MS), end: ceilHour(now) };
  const errors: string[] = [];
  const read = (key: 'start' | 'end', text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseSeriesTime(text);
    if (ms === undefined) errors.push(`${key} must be YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD (got ${JSON.stringify(text)})`);
    return ms;
  };
  const given = { start: read('start', start), end: read('end', end) };
  if (errors.length) return { errors };
  const window = HISTORICAL_MAX_WINDOW_DAYS * DAY_MS;
  const e = given.end ?? (given.start !== undefined ? Math.min(given.start + window, now) : now);
  const s = given.start ?? e - window;
  if (e > now) errors.push(`end must not be in the future: ${formatSeriesTime(e)} is after ${formatSeriesTime(now)}`);
  if (e <= s) errors.push(`end must be after start (start ${formatSeriesTime(s)}, end ${formatSeriesTime(e)})`);
  else if (e - s > window)
    errors.push(
      `The window from ${formatSeriesTime(s)} to ${formatSeriesTime(e)} is longer than ${HISTORICAL_MAX_WINDOW_DAYS} days; ask for at most ${HISTORICAL_MAX_WINDOW_DAYS} days at a time`,
    );
  const earliest = now - HISTORICAL_MAX_DAYS_BACK * DAY_MS;
  if (s < earliest) errors.push(`start must be within the last ${HISTORICAL_MAX_DAYS_BACK} days: ${formatSeriesTime(s)} is before ${formatSeriesTime(earliest)}`);
  return errors.length ? { errors } : { start: floorHour(s), end: ceilHour(e) };
}

/** Whether the world has numbers of this type for this Tweet (the 90-day and 1800-day rules). */
export function seriesTypeSupported(t: SandboxTweet, type: SeriesEngagementType): boolean {
  if (OWNED_TYPES.includes(type as (typeof OWNED_TYPES)[number])) return t.impressionsSupported;
  return type !== 'video_views' || t.videoViewsSupported;
}

/** A Tweet's hourly buckets of one type: bucket i is the hour starting at `first` + i hours. */
export interface TypeSeries {
  tweetId: string;
  type: SeriesEngagementType;
  first: number;
  values: bigint[];
  /** The lifetime number: no sum of these values exceeds it. */
  lifetime: bigint;
}

/**
 * The hourly buckets of a Tweet in a window, for each type it has: every hour of the window that
 * ends after the Tweet was created (nothing before its creation hour), counted up to `now`.
 */
export function tweetSeries(t: SandboxTweet, types: readonly SeriesEngagementType[], window: SeriesWindow, now: number): TypeSeries[] {
  const curve = tweetCurve(t.id, t.createdAt);
  const first = Math.max(window.start, floorHour(t.createdAt));
  if (first >= window.end) return [];
  const shares: bigint[] = [];
  for (let h = first; h <= window.end; h += HOUR_MS) shares.push(shareAt(curve, Math.min(h, now)));
  const out: TypeSeries[] = [];
  for (const type of types) {
    if (!seriesTypeSupported(t, type)) continue;
    const values = new Array<bigint>(shares.length - 1);
    let before = countAt(t.lifetime, type, shares[0]);
    for (let i = 1; i < shares.length; i++) {
      const after = countAt(t.lifetime, type, shares[i]);
      values[i - 1] = after - before;
      before = after;
    }
    out.push({ tweetId: t.id, type, first, values, lifetime: t.lifetime[type] });
  }
  return out;
}

/** The keys of the window's hours in an answer: "YYYY-MM-DD" and "00"…"23" (UTC), by hour from the window's start. */
function hourKeys(window: SeriesWindow): { day: string[]; hour: string[] } {
  const day: string[] = [];
  const hour: string[] = [];
  for (let h = window.start; h < window.end; h += HOUR_MS) {
    const iso = new Date(h).toISOString();
    day.push(iso.slice(0, 10));
    hour.push(iso.slice(11, 13));
  }
  return { day, hour };
}

/**
 * One grouping's tree: nested in group_by order, each leaf the sum of the buckets under it. An
 * hour without a day above it is an hour of the day ("00"…"23") summed over the window.
 */
export function seriesTree(groupBy: readonly SeriesGroupField[], series: readonly TypeSeries[], window: SeriesWindow): GroupTree {
  type Node = Map<string, Node | bigint | number>;
  // Sums in plain numbers when no sum can pass 2^53 (they stay exact and make no garbage), else BigInt.
  const exact = series.reduce((sum, s) => sum + s.lifetime, 0n) <= BigInt(Number.MAX_SAFE_INTEGER);
  const keys = hourKeys(window);
  const root: Node = new Map();
  const path = new Array<string>(groupBy.length);
  for (const s of series) {
    const offset = (s.first - window.start) / HOUR_MS;
    for (let i = 0; i < s.values.length; i++) {
      for (let level = 0; level < groupBy.length; level++) {
        const field = groupBy[level];
        path[level] = field === 'tweet.id' ? s.tweetId : field === 'engagement.type' ? s.type : field === 'engagement.day' ? keys.day[offset + i] : keys.hour[offset + i];
      }
      let node = root;
      for (let level = 0; level < path.length - 1; level++) {
        let next = node.get(path[level]) as Node | undefined;
        if (!next) node.set(path[level], (next = new Map()));
        node = next;
      }
      const leaf = path[path.length - 1];
      const before = node.get(leaf) as bigint | number | undefined;
      node.set(leaf, exact ? ((before as number | undefined) ?? 0) + Number(s.values[i]) : ((before as bigint | undefined) ?? 0n) + s.values[i]);
    }
  }
  const toTree = (node: Node): GroupTree => {
    const out: GroupTree = {};
    for (const [k, v] of node) out[k] = typeof v === 'object' ? toTree(v) : String(v);
    return out;
  };
  return toTree(root);
}

const errorAnswer = (status: number, ...errors: string[]): TotalsAnswer => ({ status, body: { errors } });

/** The answer of POST /insights/engagement/28hr or /historical. Order of checks as /totals', Bearer first. */
export function answerSeries(endpoint: SeriesEndpoint, body: unknown, auth: SandboxAuth, now: number, fixture?: SandboxFixture): TotalsAnswer {
  if (auth.kind === 'bearer') return errorAnswer(403, BEARER_FORBIDDEN_SERIES);
  const v = validateSeriesBody(body, endpoint);
  if (!v.ok) return errorAnswer(400, ...v.errors);
  const { tweetIds, engagementTypes: types, groupings } = v.request;
  const window = seriesWindow(endpoint, now, v.request.start, v.request.end);
  if ('errors' in window) return errorAnswer(400, ...window.errors);

  const sorted = sortTweets(tweetIds, types, auth, now, fixture, (t, type) => seriesTypeSupported(t, type as SeriesEngagementType));
  if ('status' in sorted) return sorted;
  const { available, extra } = sorted;
  const series = available.flatMap((t) => tweetSeries(t, types, window, now));
  const out: Record<string, unknown> = { start: formatSeriesTime(window.start), end: formatSeriesTime(window.end) };
  for (const g of groupings as SeriesGrouping[]) out[g.name] = seriesTree(g.groupBy, series, window);
  return { status: 200, body: { ...out, ...extra } };
}
