// The time-series endpoints' wire types and rules that the client and the sandbox share:
// paths, limits, the request body, the answer's shape and the API's time format. Plain
// TypeScript: never import 'vscode' under src/core. The vocabulary (the 17 types, the
// day/hour group fields) is in src/shared/vocabulary.ts.
import type { GroupTree } from './types';
import type { SeriesEngagementType, SeriesGroupField } from '../shared/vocabulary';

/** The two time-series endpoints, by the name the client and the CLI use for them. */
export const SERIES_PATHS = { '28hr': '/insights/engagement/28hr', historical: '/insights/engagement/historical' } as const;
export type SeriesEndpoint = keyof typeof SERIES_PATHS;

/** At most 25 Tweet IDs a time-series request (/totals takes 250). */
export const MAX_IDS_PER_SERIES_REQUEST = 25;
/** /historical: the longest window one request may ask for (longer ranges are split by the client). */
export const HISTORICAL_MAX_WINDOW_DAYS = 28;
/** /historical: how far back the data goes, counted from now. */
export const HISTORICAL_MAX_DAYS_BACK = 365;
/** /28hr: the window is the last 28 hours, widened to whole hours (so 28 or 29 hourly buckets). */
export const LAST_HOURS_WINDOW = 28;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** One entry of a time-series request's `groupings`: the name is the caller's and keys the answer. */
export interface SeriesGrouping {
  name: string;
  groupBy: SeriesGroupField[];
}

/** The JSON body of POST /28hr or /historical, exactly as sent (start/end: /historical only, both optional). */
export interface SeriesRequestBody {
  tweet_ids: string[];
  engagement_types: SeriesEngagementType[];
  groupings: Record<string, { group_by: SeriesGroupField[] }>;
  start?: string;
  end?: string;
}

/**
 * The JSON answer of a time-series request (values are digit strings; a tolerant client also
 * accepts numbers). Beside `start`/`end` and the lists, every other top-level key is a grouping.
 * A time bucket's keys: `engagement.day` → "YYYY-MM-DD" (UTC), `engagement.hour` → "00"…"23"
 * (under a day: that day's hours; without a day above it: hour-of-day summed over the window).
 */
export interface SeriesAnswerBody {
  start: string;
  end: string;
  unavailable_tweet_ids?: string[];
  unsupported_for_impressions_engagements_tweet_ids?: string[];
  unsupported_for_video_views_tweet_ids?: string[];
  errors?: string[];
  [grouping: string]: GroupTree | string | string[] | undefined;
}

/** The API's time format: `YYYY-MM-DDTHH:MM:SSZ` (UTC, no milliseconds). */
export function formatSeriesTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const SERIES_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;

/**
 * Reads a `start`/`end` value: `YYYY-MM-DDTHH:MM:SSZ`, or date-only `YYYY-MM-DD` (midnight UTC
 * at the start of that day). Undefined for anything else, impossible dates included.
 */
export function parseSeriesTime(text: string): number | undefined {
  const m = SERIES_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const back = new Date(ms);
  const same = back.getUTCFullYear() === Number(y) && back.getUTCMonth() === Number(mo) - 1 && back.getUTCDate() === Number(d) && back.getUTCHours() === Number(h);
  return same && Number(mi) < 60 && Number(s) < 60 ? ms : undefined;
}

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_KEY = /^(?:[01]\d|2[0-3])$/;

/** A day key `YYYY-MM-DD` (a real UTC day) as ms at midnight UTC; undefined for anything else (a time of day included). */
export function parseDayKey(key: string): number | undefined {
  return DAY_KEY.test(key) ? parseSeriesTime(key) : undefined;
}

/** Whether a key is an hour key of the answer: "00"…"23". */
export function isHourKey(key: string): boolean {
  return HOUR_KEY.test(key);
}

/** Whole hours: a time widened down (a window's start) or up (its end). */
export const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const ceilHour = (ms: number): number => Math.ceil(ms / HOUR_MS) * HOUR_MS;
