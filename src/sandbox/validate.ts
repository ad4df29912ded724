// Validation of the request bodies of /totals and of the time series (/28hr, /historical).
// Messages name the offending field (docs silent: ours), except the documented one for a time
// bucket in a /totals grouping.
import { MAX_IDS_PER_SERIES_REQUEST, SeriesEndpoint, SeriesGrouping } from '../core/series';
import {
  ENGAGEMENT_TYPES,
  EngagementType,
  FULL_SERIES_GROUP_BYS,
  GROUP_FIELDS,
  Grouping,
  MAX_GROUPINGS,
  MAX_IDS_PER_REQUEST,
  REPLACED_SERIES_TYPES,
  SERIES_ENGAGEMENT_TYPES,
  SERIES_GROUP_FIELDS,
  SeriesEngagementType,
  TIME_GROUP_FIELDS,
} from '../core/types';

export interface ValidRequest {
  /** De-duplicated, in request order. */
  tweetIds: string[];
  /** De-duplicated, in request order. */
  engagementTypes: EngagementType[];
  groupings: Grouping[];
}

/** Top-level keys of an answer; a grouping may not take one of these names. */
export const RESERVED_KEYS = ['errors', 'unavailable_tweet_ids', 'unsupported_for_impressions_engagements_tweet_ids', 'unsupported_for_video_views_tweet_ids'];
/** A time-series answer also has `start` and `end` at the top level. */
export const SERIES_RESERVED_KEYS = [...RESERVED_KEYS, 'start', 'end'];

/** A time-series request, checked; `start`/`end` as sent (the window is resolved against the clock later). */
export interface ValidSeriesRequest {
  tweetIds: string[];
  engagementTypes: SeriesEngagementType[];
  groupings: SeriesGrouping[];
  start?: string;
  end?: string;
}

/** The documented 400 text for a time bucket in a /totals grouping (as X's example client quotes it). */
export function unsupportedGroupByMessage(fields: readonly string[]): string {
  return `One or more of the groupBys you have specified are not supported: (${fields.join(', ')}). Please adjust your request and try again.`;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v)));

/** Returns the request or every problem found (each one message of the 400 `errors`). */
export function validateTotalsBody(body: unknown): { ok: true; request: ValidRequest } | { ok: false; errors: string[] } {
  if (!isObject(body)) return { ok: false, errors: ['Request body must be a JSON object with tweet_ids, engagement_types and groupings'] };
  const errors: string[] = [];
  const tweetIds = checkTweetIds(body.tweet_ids, MAX_IDS_PER_REQUEST, errors);
  const engagementTypes = checkTypes(body.engagement_types, errors);
  const groupings = checkGroupings(body.groupings, errors) as Grouping[];
  if (errors.length) return { ok: false, errors };
  return { ok: true, request: { tweetIds, engagementTypes, groupings } };
}

/** The same for /28hr and /historical: 25 IDs, the 17 types, day/hour groupings, start/end (/historical only). */
export function validateSeriesBody(body: unknown, endpoint: SeriesEndpoint): { ok: true; request: ValidSeriesRequest } | { ok: false; errors: string[] } {
  if (!isObject(body)) return { ok: false, errors: ['Request body must be a JSON object with tweet_ids, engagement_types and groupings'] };
  const errors: string[] = [];
  const tweetIds = checkTweetIds(body.tweet_ids, MAX_IDS_PER_SERIES_REQUEST, errors);
  const engagementTypes = checkSeriesTypes(body.engagement_types, errors);
  const groupings = checkGroupings(body.groupings, errors, true);
  const times: { start?: string; end?: string } = {};
  for (const key of ['start', 'end'] as const) {
    const v = body[key];
    if (v === undefined) continue;
    if (endpoint === '28hr') errors.push(`${key} is not accepted by /28hr (it always answers the last 28 hours); use /historical for a date range`);
    else if (typeof v !== 'string') errors.push(`${key} must be a string: YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD`);
    else times[key] = v;
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, request: { tweetIds, engagementTypes, groupings, ...times } };
}

function checkTweetIds(v: unknown, max: number, errors: string[]): string[] {
  if (!Array.isArray(v)) {
    errors.push(`tweet_ids must be an array of 1 to ${max} Tweet IDs as strings`);
    return [];
  }
  if (v.length === 0) errors.push('tweet_ids must not be empty');
  if (v.length > max) errors.push(`tweet_ids has ${v.length} entries; the maximum is ${max}`);
  v.forEach((id, i) => {
    if (typeof id === 'number') errors.push(`tweet_ids[${i}] must be a string of digits, not a number (Tweet IDs exceed 2^53)`);
    else if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) errors.push(`tweet_ids[${i}] is not a Tweet ID: ${show(id)}`);
  });
  return [...new Set(v.filter((id): id is string => typeof id === 'string'))];
}

function checkTypes(v: unknown, errors: string[]): EngagementType[] {
  if (!Array.isArray(v) || v.length === 0) {
    errors.push(`engagement_types must be a non-empty array of: ${ENGAGEMENT_TYPES.join(', ')}`);
    return [];
  }
  for (const t of v) {
    if (!(ENGAGEMENT_TYPES as readonly unknown[]).includes(t)) {
      errors.push(`engagement_types contains an unknown type: ${show(t)} (allowed: ${ENGAGEMENT_TYPES.join(', ')})`);
    }
  }
  return [...new Set(v as EngagementType[])];
}

function checkSeriesTypes(v: unknown, errors: string[]): SeriesEngagementType[] {
  if (!Array.isArray(v) || v.length === 0) {
    errors.push(`engagement_types must be a non-empty array of: ${SERIES_ENGAGEMENT_TYPES.join(', ')}`);
    return [];
  }
  for (const t of v) {
    if ((SERIES_ENGAGEMENT_TYPES as readonly unknown[]).includes(t)) continue;
    const replacement = typeof t === 'string' && Object.prototype.hasOwnProperty.call(REPLACED_SERIES_TYPES, t) ? REPLACED_SERIES_TYPES[t] : undefined;
    if (replacement) errors.push(`engagement_types: ${t} was replaced by ${replacement}; ask for ${replacement}`);
    else if (t === 'quote_tweets') errors.push('engagement_types: quote_tweets is only available from /totals, not as a time series');
    else errors.push(`engagement_types contains an unknown type: ${show(t)} (allowed: ${SERIES_ENGAGEMENT_TYPES.join(', ')})`);
  }
  return [...new Set(v as SeriesEngagementType[])];
}

/** Both endpoints' groupings; `series` allows the day/hour fields and their 4-value rule. */
function checkGroupings(v: unknown, errors: string[], series = false): SeriesGrouping[] {
  const fields: readonly string[] = series ? SERIES_GROUP_FIELDS : GROUP_FIELDS;
  const reserved = series ? SERIES_RESERVED_KEYS : RESERVED_KEYS;
  if (!isObject(v)) {
    errors.push(`groupings must be an object with 1 to ${MAX_GROUPINGS} named groupings`);
    return [];
  }
  const entries = Object.entries(v);
  if (entries.length === 0) errors.push(`groupings must have at least 1 grouping (at most ${MAX_GROUPINGS})`);
  if (entries.length > MAX_GROUPINGS) errors.push(`groupings has ${entries.length} entries; the maximum is ${MAX_GROUPINGS}`);
  const out: SeriesGrouping[] = [];
  const timeBuckets = new Set<string>();
  for (const [name, g] of entries) {
    if (reserved.includes(name)) {
      errors.push(`groupings: the name ${show(name)} is reserved; choose another name`);
      continue;
    }
    const groupBy = isObject(g) ? g.group_by : undefined;
    if (!Array.isArray(groupBy) || groupBy.length === 0 || groupBy.length > fields.length) {
      errors.push(
        series
          ? `groupings.${name}.group_by must be an array of 1 to 4 of: ${fields.join(', ')}`
          : `groupings.${name}.group_by must be an array of tweet.id and/or engagement.type`,
      );
      continue;
    }
    const unknown = groupBy.filter((f) => !fields.includes(f as string));
    for (const f of unknown) {
      if (!series && (TIME_GROUP_FIELDS as readonly unknown[]).includes(f)) timeBuckets.add(f as string);
      else errors.push(`groupings.${name}.group_by contains an unknown value: ${show(f)} (allowed: ${fields.join(', ')})`);
    }
    if (unknown.length) continue;
    if (new Set(groupBy).size !== groupBy.length) {
      errors.push(`groupings.${name}.group_by must not repeat a value`);
      continue;
    }
    if (groupBy.length === 4 && !FULL_SERIES_GROUP_BYS.some((allowed) => allowed.every((f, i) => groupBy[i] === f))) {
      errors.push(`groupings.${name}.group_by with 4 values must be ${FULL_SERIES_GROUP_BYS.map((f) => `[${f.join(', ')}]`).join(' or ')}`);
      continue;
    }
    out.push({ name, groupBy: groupBy as SeriesGrouping['groupBy'] });
  }
  const full = out.filter((g) => g.groupBy.length === 4).map((g) => g.name);
  if (full.length > 1) errors.push(`groupings: at most one grouping may have 4 values (${full.join(', ')} have)`);
  if (timeBuckets.size) errors.push(unsupportedGroupByMessage([...timeBuckets]));
  return out;
}
