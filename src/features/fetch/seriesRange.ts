// The date ranges the "Fetch engagement time series (date range…)" command offers, and the check
// of a custom range as the user types it. Pure (no 'vscode'): unit tests check the words (through
// `@vscode/l10n`). Dates are UTC days, as the API's; the engine widens and splits what is sent
// (core/seriesRun.ts).
import * as l10n from '@vscode/l10n';
import { DAY_MS, HISTORICAL_MAX_DAYS_BACK, HISTORICAL_MAX_WINDOW_DAYS, parseDayKey } from '../../core/series';
import type { SeriesGroupings } from '../../core/seriesRun';

export interface SeriesRange {
  /** `YYYY-MM-DD` (midnight UTC at its start). */
  start: string;
  /** `YYYY-MM-DD` of the day after the last one asked for; undefined: up to now. */
  end?: string;
}

/** The quick pick's preset ranges, in days back from today. */
export const PRESET_DAYS = [7, 28, 90, 365] as const;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = (now: number) => Math.floor(now / DAY_MS) * DAY_MS;

/** The last `days` days up to now (the first day counted from today's date, UTC). */
export function presetRange(days: number, now: number): SeriesRange {
  return { start: dayOf(today(now) - days * DAY_MS) };
}

/** A typed date as ms at midnight UTC, or undefined (not YYYY-MM-DD, or no such day). */
export function parseDay(text: string): number | undefined {
  return parseDayKey(text.trim());
}

/** Why a typed start date cannot be used, or undefined when it can. */
export function checkStartDay(text: string, now: number): string | undefined {
  const ms = parseDay(text);
  if (ms === undefined) return l10n.t('A date as YYYY-MM-DD (UTC), e.g. {0}', dayOf(today(now) - 7 * DAY_MS));
  if (ms > today(now)) return l10n.t('The start cannot be in the future.');
  if (ms < today(now) - HISTORICAL_MAX_DAYS_BACK * DAY_MS)
    return l10n.t('The API keeps time series for the last {0} days: start on {1} or later.', HISTORICAL_MAX_DAYS_BACK, dayOf(today(now) - HISTORICAL_MAX_DAYS_BACK * DAY_MS));
  return undefined;
}

/** Why a typed end date (the last day, included) cannot follow `startText`, or undefined when it can. */
export function checkEndDay(text: string, startText: string, now: number): string | undefined {
  const ms = parseDay(text);
  if (ms === undefined) return l10n.t('A date as YYYY-MM-DD (UTC), e.g. {0}', dayOf(today(now)));
  if (ms > today(now)) return l10n.t('The end cannot be in the future: {0} at the latest.', dayOf(today(now)));
  const start = parseDay(startText);
  if (start !== undefined && ms < start) return l10n.t('The end must not be before the start ({0}).', startText);
  return undefined;
}

/** The custom range from start to end (both included), once both pass their checks. */
export function customRange(startText: string, endText: string, now: number): SeriesRange | undefined {
  if (checkStartDay(startText, now) || checkEndDay(endText, startText, now)) return undefined;
  const end = parseDay(endText)! + DAY_MS;
  return { start: startText.trim(), ...(end <= today(now) ? { end: dayOf(end) } : {}) };
}

/**
 * The groupings a time-series command asks for: hourly buckets per Tweet and type when the window
 * is at most 28 days (and always for the last 28 hours), daily ones beyond (an hourly year of 250
 * Tweets would be tens of millions of numbers), with the hour-of-day profile; and each Tweet's
 * total over the window.
 */
export function seriesGroupingsFor(days: number | undefined): SeriesGroupings {
  if (days === undefined || days <= HISTORICAL_MAX_WINDOW_DAYS) {
    return {
      hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] },
      perTweet: { group_by: ['tweet.id', 'engagement.type'] },
    };
  }
  return {
    daily: { group_by: ['tweet.id', 'engagement.type', 'engagement.day'] },
    hourOfDay: { group_by: ['engagement.type', 'engagement.hour'] },
    perTweet: { group_by: ['tweet.id', 'engagement.type'] },
  };
}

/** How many whole days a range spans (up to now when it has no end): "Last 28 days" is 28. */
export function rangeDays(range: SeriesRange, now: number): number {
  const start = parseDay(range.start) ?? now;
  const end = range.end ? (parseDay(range.end) ?? now) : now;
  return Math.floor((end - start) / DAY_MS);
}
