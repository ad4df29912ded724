// Shared vocabulary of the core. Plain TypeScript: never import 'vscode' under src/core.
// Tweet IDs are 64-bit and exceed 2^53: they are strings everywhere, never numbers.

// The API's vocabulary (engagement types, group fields) and the words shown for it live in
// src/shared/vocabulary.ts, where the webview page can import them too.
export * from '../shared/vocabulary';
import type { EngagementType, GroupField } from '../shared/vocabulary';
import type { SeriesResult } from './seriesRun';

/** One entry of the request's `groupings`: the name is the caller's and keys the answer. */
export interface Grouping {
  name: string;
  groupBy: GroupField[];
}

/** The documented API host (https://data-api.x.com is the same service). */
export const DEFAULT_BASE_URL = 'https://data-api.twitter.com';

/** Batches in flight at once: the setting's and the CLI option's bounds and default (package.json repeats them; a test holds them together). */
export const CONCURRENCY = { min: 1, default: 8, max: 32 } as const;

export const MAX_IDS_PER_REQUEST = 250;
export const MAX_GROUPINGS = 3;

/** What the user asked for, before planning. */
export interface TotalsQuery {
  tweetIds: string[];
  engagementTypes: EngagementType[];
  groupings: Grouping[];
}

/** The JSON body of POST /insights/engagement/totals, exactly as sent. */
export interface TotalsRequestBody {
  tweet_ids: string[];
  engagement_types: EngagementType[];
  groupings: Record<string, { group_by: GroupField[] }>;
}

export interface OAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** A profile's secrets: a Bearer token, user-context tokens, or both. */
export interface Credentials {
  bearerToken?: string;
  oauth?: OAuth1Credentials;
}

export type AuthKind = 'bearer' | 'oauth1';

/**
 * A grouping's answer: nested objects keyed by tweet ID or engagement type, in group_by
 * order, with values as decimal strings (sums are done with BigInt, so they stay exact).
 */
export interface GroupTree {
  [key: string]: GroupTree | string;
}

/** A batch that failed for good (after retries), kept so it can be retried alone. */
export interface FailedBatch {
  tweetIds: string[];
  engagementTypes: EngagementType[];
  auth: AuthKind;
  status?: number;
  /** One line, safe to show: the API's own message or a description of the fault. */
  reason: string;
  retryable: boolean;
}

/** The merged answer of a whole run. Everything here is safe to persist and show. */
export interface TotalsResult {
  query: TotalsQuery;
  /** grouping name → tree, the API's own shape. */
  groupings: Record<string, GroupTree>;
  unavailableTweetIds: string[];
  unsupportedForImpressionsEngagementsTweetIds: string[];
  unsupportedForVideoViewsTweetIds: string[];
  /** IDs a user-context request was forbidden to access (not owned by the user). */
  forbiddenTweetIds: string[];
  failed: FailedBatch[];
  /** Messages from 200 answers' `errors` arrays, de-duplicated. */
  errors: string[];
  startedAt: string;
  finishedAt: string;
  /** Number of HTTP requests sent (including retries). */
  requests: number;
  cancelled: boolean;
}

/** One row of the per-Tweet table: values as decimal strings. */
export interface TweetRow {
  tweetId: string;
  metrics: Partial<Record<EngagementType, string>>;
}

/** What every stored run has, whatever it fetched. No secrets in it. */
interface RunBase {
  /** Unique, sortable (ISO time + counter). */
  id: string;
  /** Name of the credentials profile used (never its secrets). */
  profile: string;
  /** Where the IDs came from, for display: a file name, "selection in x.json", "hover". */
  source: string;
  /** What the finder skipped in the source besides the IDs asked for (absent for hover lookups and older runs). */
  found?: FoundCounts;
  /** Where it was fetched from (the API's base URL; absent in runs of older versions). */
  host?: string;
  /** Fetched from the in-editor sandbox: made-up numbers, marked wherever they show. */
  sandbox?: boolean;
  /**
   * The files the IDs were read from (URI strings, at most MAX_SOURCE_URIS), for Reveal in file;
   * absent for hover lookups and older runs.
   */
  sourceUris?: string[];
}

/** A /totals fetch as the editor keeps it (cache, tree, panel, hovers). */
export interface TotalsRunRecord extends RunBase {
  result: TotalsResult;
  /**
   * 'lookups': the one entry hovers fetch into (merged, not a run of its own; see core/lookups.ts);
   * absent for a run the user started.
   */
  kind?: 'lookups';
  /** Lookups only: when each Tweet was last fetched (its numbers are as old as that, not as the entry). */
  fetchedAt?: Record<string, string>;
}

/** A time-series fetch (/28hr or /historical): its own result shape; never read as totals. */
export interface SeriesRunRecord extends RunBase {
  kind: 'series';
  result: SeriesResult;
}

/** One fetch run as the editor keeps it (cache, tree, panel). Runs stored before time series had no `kind` or 'lookups': totals. */
export type RunRecord = TotalsRunRecord | SeriesRunRecord;

export function isSeriesRun(run: RunRecord): run is SeriesRunRecord {
  return run.kind === 'series';
}

export function isTotalsRun(run: RunRecord): run is TotalsRunRecord {
  return run.kind !== 'series';
}

/** How many source files a run remembers for Reveal in file. */
export const MAX_SOURCE_URIS = 20;

/** IDs the finder saw more than once, and long numbers it did not take for IDs. */
export interface FoundCounts {
  duplicates: number;
  invalid: number;
}

/** Minimal logging sink the core writes to; the editor adapts a LogOutputChannel to it. */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { trace() {}, info() {}, warn() {}, error() {} };
