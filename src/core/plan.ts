// Request planning: validate what the user asked for before anything is sent, de-duplicate
// the IDs and cut them into batches the API accepts. Error messages are shown in the editor too, so
// they go through `@vscode/l10n` (English in the CLI, which never configures it).
import * as l10n from '@vscode/l10n';
import {
  AuthKind,
  Credentials,
  ENGAGEMENT_TYPES,
  EngagementType,
  GROUP_FIELDS,
  GroupField,
  Grouping,
  MAX_GROUPINGS,
  MAX_IDS_PER_REQUEST,
  OWNED_TYPES,
  PUBLIC_TYPES,
  TotalsQuery,
  TotalsRequestBody,
} from './types';

export type PlanErrorCode =
  'no-ids' | 'bad-id' | 'no-types' | 'bad-type' | 'bad-groupings' | 'bad-group-by' | 'no-credentials' | 'owned-needs-oauth' | 'needs-user-context' | 'bad-window';

/** A problem with the query itself: nothing was sent. The message says what to do. */
export class PlanError extends Error {
  constructor(
    readonly code: PlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/** One request to send: which IDs, which types, with which credentials. */
export interface PlannedBatch {
  index: number;
  tweetIds: string[];
  engagementTypes: EngagementType[];
  auth: AuthKind;
}

const DIGITS = /^[0-9]{1,20}$/;
const MAX_ID = 18446744073709551615n;

export function isTweetIdString(id: string): boolean {
  return DIGITS.test(id) && BigInt(id) > 0n && BigInt(id) <= MAX_ID;
}

export function isEngagementType(t: string): t is EngagementType {
  return (ENGAGEMENT_TYPES as readonly string[]).includes(t);
}

/** De-duplicates IDs keeping first-seen order (leading zeros are not the same ID: rejected). */
export function dedupeIds(ids: readonly string[]): { unique: string[]; duplicates: number } {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(id);
  }
  return { unique, duplicates: ids.length - unique.length };
}

/** Parses `name=field1,field2` (the CLI's --group and the settings' shorthand). */
export function parseGrouping(spec: string): Grouping {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new PlanError('bad-groupings', l10n.t('Grouping "{0}" should look like name=tweet.id,engagement.type.', spec));
  const name = spec.slice(0, eq).trim();
  const fields = spec
    .slice(eq + 1)
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  return { name, groupBy: fields as GroupField[] };
}

export const DEFAULT_GROUPINGS: Grouping[] = [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }];
export const DEFAULT_TYPES: EngagementType[] = [...PUBLIC_TYPES];

/** Throws PlanError when there are no IDs or one is not a Tweet ID (every endpoint's rule). */
export function checkTweetIds(ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new PlanError('no-ids', l10n.t('No Tweet IDs found. Select text with Tweet IDs or status URLs, or open a file that has some.'));
  }
  const bad = ids.filter((id) => !isTweetIdString(id));
  if (bad.length > 0) {
    throw new PlanError(
      'bad-id',
      l10n.t(
        'Not a Tweet ID: {0}. Tweet IDs are strings of digits.',
        bad
          .slice(0, 3)
          .map((b) => JSON.stringify(b))
          .join(', ') + (bad.length > 3 ? l10n.t(' and {0} more', bad.length - 3) : ''),
      ),
    );
  }
}

/** Throws PlanError for anything the API would reject or the user should fix first. */
export function validateQuery(query: TotalsQuery): void {
  checkTweetIds(query.tweetIds);
  if (query.engagementTypes.length === 0) {
    throw new PlanError('no-types', l10n.t('Choose at least one engagement type: {0}.', ENGAGEMENT_TYPES.join(', ')));
  }
  const badTypes = query.engagementTypes.filter((t) => !isEngagementType(t));
  if (badTypes.length > 0) {
    throw new PlanError('bad-type', l10n.t('Unknown engagement type {0}. Use: {1}.', badTypes.map((t) => `"${t}"`).join(', '), ENGAGEMENT_TYPES.join(', ')));
  }
  if (query.groupings.length < 1 || query.groupings.length > MAX_GROUPINGS) {
    throw new PlanError('bad-groupings', l10n.t('Give 1 to {0} groupings (got {1}).', MAX_GROUPINGS, query.groupings.length));
  }
  const names = new Set<string>();
  for (const g of query.groupings) {
    if (!g.name || g.name.trim() !== g.name) throw new PlanError('bad-groupings', l10n.t('Grouping name "{0}" must be non-empty, without surrounding spaces.', g.name));
    if (names.has(g.name)) throw new PlanError('bad-groupings', l10n.t('Grouping name "{0}" is used twice.', g.name));
    if (RESERVED_KEYS.has(g.name)) throw new PlanError('bad-groupings', l10n.t('Grouping name "{0}" is reserved by the API\'s answer; choose another.', g.name));
    names.add(g.name);
    if (g.groupBy.length < 1 || g.groupBy.length > GROUP_FIELDS.length) {
      throw new PlanError('bad-group-by', l10n.t('Grouping "{0}" needs group_by with tweet.id and/or engagement.type.', g.name));
    }
    const badFields = g.groupBy.filter((f) => !(GROUP_FIELDS as readonly string[]).includes(f));
    if (badFields.length > 0) {
      throw new PlanError('bad-group-by', l10n.t('Grouping "{0}": unknown group_by {1}. Use tweet.id and/or engagement.type.', g.name, badFields.map((f) => `"${f}"`).join(', ')));
    }
    if (new Set(g.groupBy).size !== g.groupBy.length) throw new PlanError('bad-group-by', l10n.t('Grouping "{0}" repeats a group_by field.', g.name));
  }
}

/** Top-level keys of an answer that are not groupings. */
export const RESERVED_KEYS = new Set([
  'errors',
  'unavailable_tweet_ids',
  'unsupported_for_impressions_engagements_tweet_ids',
  'unsupported_for_video_views_tweet_ids',
  'start',
  'end',
  '__proto__',
  'constructor',
  'prototype',
]);

export function hasOwnedTypes(types: readonly EngagementType[]): boolean {
  return types.some((t) => OWNED_TYPES.includes(t));
}

/**
 * Which credentials a request for these types goes with. Owned metrics need OAuth 1.0a;
 * public metrics go with the Bearer token when there is one (user context may only name
 * the user's own Tweets).
 */
export function chooseAuth(types: readonly EngagementType[], credentials: Credentials): AuthKind {
  if (hasOwnedTypes(types)) {
    if (credentials.oauth) return 'oauth1';
    if (credentials.bearerToken) {
      throw new PlanError(
        'owned-needs-oauth',
        l10n.t(
          "{0} need OAuth 1.0a user-context credentials (the Tweet owner's tokens); this profile has only a Bearer token. Add user tokens, or continue with public metrics only.",
          types.filter((t) => OWNED_TYPES.includes(t)).join(l10n.t(' and ')),
        ),
      );
    }
  } else {
    if (credentials.bearerToken) return 'bearer';
    if (credentials.oauth) return 'oauth1';
  }
  throw new PlanError('no-credentials', l10n.t('No credentials: set a Bearer token or OAuth 1.0a user tokens (or use the sandbox).'));
}

/** Validates, de-duplicates and splits into batches of at most `batchSize` (≤ 250) IDs. */
export function planBatches(query: TotalsQuery, credentials: Credentials, batchSize = MAX_IDS_PER_REQUEST): PlannedBatch[] {
  validateQuery(query);
  const size = Math.max(1, Math.min(MAX_IDS_PER_REQUEST, Math.floor(batchSize)));
  const auth = chooseAuth(query.engagementTypes, credentials);
  const { unique } = dedupeIds(query.tweetIds);
  const batches: PlannedBatch[] = [];
  for (let i = 0; i < unique.length; i += size) {
    batches.push({ index: batches.length, tweetIds: unique.slice(i, i + size), engagementTypes: [...query.engagementTypes], auth });
  }
  return batches;
}

export function requestBody(batch: Pick<PlannedBatch, 'tweetIds' | 'engagementTypes'>, groupings: readonly Grouping[]): TotalsRequestBody {
  const g: TotalsRequestBody['groupings'] = {};
  for (const grouping of groupings) g[grouping.name] = { group_by: [...grouping.groupBy] };
  return { tweet_ids: [...batch.tweetIds], engagement_types: [...batch.engagementTypes], groupings: g };
}

/** Drops the owned types from a query (for "Continue with public metrics only"). */
export function publicOnly(query: TotalsQuery): TotalsQuery {
  return { ...query, engagementTypes: query.engagementTypes.filter((t) => !OWNED_TYPES.includes(t)) };
}
