// Validation of the /totals request body. Messages name the offending field (docs silent: ours).
import { ENGAGEMENT_TYPES, EngagementType, GROUP_FIELDS, GroupField, Grouping, MAX_GROUPINGS, MAX_IDS_PER_REQUEST } from '../core/types';

export interface ValidRequest {
  /** De-duplicated, in request order. */
  tweetIds: string[];
  /** De-duplicated, in request order. */
  engagementTypes: EngagementType[];
  groupings: Grouping[];
}

/** Top-level keys of an answer; a grouping may not take one of these names. */
export const RESERVED_KEYS = ['errors', 'unavailable_tweet_ids', 'unsupported_for_impressions_engagements_tweet_ids', 'unsupported_for_video_views_tweet_ids'];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v)));

/** Returns the request or every problem found (each one message of the 400 `errors`). */
export function validateTotalsBody(body: unknown): { ok: true; request: ValidRequest } | { ok: false; errors: string[] } {
  if (!isObject(body)) return { ok: false, errors: ['Request body must be a JSON object with tweet_ids, engagement_types and groupings'] };
  const errors: string[] = [];
  const tweetIds = checkTweetIds(body.tweet_ids, errors);
  const engagementTypes = checkTypes(body.engagement_types, errors);
  const groupings = checkGroupings(body.groupings, errors);
  if (errors.length) return { ok: false, errors };
  return { ok: true, request: { tweetIds, engagementTypes, groupings } };
}

function checkTweetIds(v: unknown, errors: string[]): string[] {
  if (!Array.isArray(v)) {
    errors.push(`tweet_ids must be an array of 1 to ${MAX_IDS_PER_REQUEST} Tweet IDs as strings`);
    return [];
  }
  if (v.length === 0) errors.push('tweet_ids must not be empty');
  if (v.length > MAX_IDS_PER_REQUEST) errors.push(`tweet_ids has ${v.length} entries; the maximum is ${MAX_IDS_PER_REQUEST}`);
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

function checkGroupings(v: unknown, errors: string[]): Grouping[] {
  if (!isObject(v)) {
    errors.push(`groupings must be an object with 1 to ${MAX_GROUPINGS} named groupings`);
    return [];
  }
  const entries = Object.entries(v);
  if (entries.length === 0) errors.push(`groupings must have at least 1 grouping (at most ${MAX_GROUPINGS})`);
  if (entries.length > MAX_GROUPINGS) errors.push(`groupings has ${entries.length} entries; the maximum is ${MAX_GROUPINGS}`);
  const out: Grouping[] = [];
  for (const [name, g] of entries) {
    if (RESERVED_KEYS.includes(name)) {
      errors.push(`groupings: the name ${show(name)} is reserved; choose another name`);
      continue;
    }
    const groupBy = isObject(g) ? g.group_by : undefined;
    if (!Array.isArray(groupBy) || groupBy.length === 0 || groupBy.length > GROUP_FIELDS.length) {
      errors.push(`groupings.${name}.group_by must be an array of tweet.id and/or engagement.type`);
      continue;
    }
    const unknown = groupBy.filter((f) => !(GROUP_FIELDS as readonly unknown[]).includes(f));
    for (const f of unknown) {
      errors.push(`groupings.${name}.group_by contains an unknown value: ${show(f)} (allowed: ${GROUP_FIELDS.join(', ')})`);
    }
    if (unknown.length) continue;
    if (new Set(groupBy).size !== groupBy.length) {
      errors.push(`groupings.${name}.group_by must not repeat a value`);
      continue;
    }
    out.push({ name, groupBy: groupBy as GroupField[] });
  }
  return out;
}
