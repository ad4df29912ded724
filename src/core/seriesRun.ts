// The time-series client: plans /28hr and /historical requests (25 IDs a batch, ranges longer
// than 4 weeks cut into windows), runs them through the same runner as /totals (engine.ts:
// rate budget, retries, deadline, cancellation, failed batches) and merges every answer into
// one result in the API's shape. Plain TypeScript: never import 'vscode' under src/core.
//
// Merging: every batch covers its own Tweets × its own window, so every leaf of every grouping
// adds up exactly (BigInt): per-Tweet leaves of different batches never meet (a union), and
// aggregate leaves ([engagement.type, engagement.day], a day split across two windows, hour-of-day
// buckets) are sums. An answer with any value that is not a count is not merged at all (its
// batch is tried again), so a retry can never count a cell twice.
import * as l10n from '@vscode/l10n';
import { BatchJob, FetchOptions, logDropped, RunBatch, runBatches } from './engine';
import { checkBaseUrl } from './http';
import { AnswerLists, AskedFor, checkAnswer, CheckedAnswer, CheckedGrouping, mergeAnswerTrees, orderTree } from './merge';
import { checkTweetIds, dedupeIds, PlanError, RESERVED_KEYS } from './plan';
import { Redactor } from './redact';
import {
  ceilHour,
  DAY_MS,
  floorHour,
  formatSeriesTime,
  HISTORICAL_MAX_DAYS_BACK,
  HISTORICAL_MAX_WINDOW_DAYS,
  HOUR_MS,
  LAST_HOURS_WINDOW,
  MAX_IDS_PER_SERIES_REQUEST,
  parseSeriesTime,
  SERIES_PATHS,
  SeriesEndpoint,
  SeriesRequestBody,
} from './series';
import {
  Credentials,
  DEFAULT_BASE_URL,
  FULL_SERIES_GROUP_BYS,
  GroupTree,
  Logger,
  MAX_GROUPINGS,
  REPLACED_SERIES_TYPES,
  SERIES_ENGAGEMENT_TYPES,
  SERIES_GROUP_FIELDS,
  SeriesEngagementType,
  SeriesGroupField,
} from './types';

export type SeriesGroupings = Record<string, { group_by: SeriesGroupField[] }>;

/** Without groupings of the caller's: each Tweet's hourly series, and its total over the whole range. */
export const DEFAULT_SERIES_GROUPINGS: Readonly<SeriesGroupings> = Object.freeze({
  hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] },
  perTweet: { group_by: ['tweet.id', 'engagement.type'] },
});
/** Without types of the caller's: all 17 the time series have. */
export const DEFAULT_SERIES_TYPES: readonly SeriesEngagementType[] = SERIES_ENGAGEMENT_TYPES;

export interface SeriesQuery {
  endpoint: SeriesEndpoint;
  tweetIds: string[];
  engagementTypes: SeriesEngagementType[];
  groupings: SeriesGroupings;
  /** /historical only: `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DD`; the range may be longer than 28 days (default: the previous 28 days). */
  start?: string;
  end?: string;
}

/** One request's window, in the API's time format. */
export interface SeriesWindowSpan {
  start: string;
  end: string;
}

export interface PlannedSeriesBatch extends RunBatch {
  /** /historical: the window sent; absent for /28hr. */
  window?: SeriesWindowSpan;
}

export interface FailedSeriesBatch {
  tweetIds: string[];
  /** The failed window (/historical). */
  start?: string;
  end?: string;
  status?: number;
  reason: string;
  retryable: boolean;
}

export interface SeriesResult {
  query: SeriesQuery;
  /** The whole window covered, whole hours ('' when no answer said, /28hr only). */
  start: string;
  end: string;
  /** grouping name → tree in the API's shape: decimal strings, days in time order (hours: read by value, see orderTree). */
  groupings: Record<string, GroupTree>;
  unavailableTweetIds: string[];
  unsupportedForImpressionsEngagementsTweetIds: string[];
  unsupportedForVideoViewsTweetIds: string[];
  /** Not owned by the user of the credentials: listed, not fatal. */
  forbiddenTweetIds: string[];
  failed: FailedSeriesBatch[];
  errors: string[];
  startedAt: string;
  finishedAt: string;
  requests: number;
  cancelled: boolean;
}

/** FetchOptions, and the time "now" means for the windows (default the clock's). */
export type SeriesFetchOptions = FetchOptions & { now?: number };

const fail = (code: ConstructorParameters<typeof PlanError>[0], message: string): never => {
  throw new PlanError(code, message);
};

/** The caller's groupings as a list, checked against the API's rules (1–3, names, fields, the 4-value rule). */
function seriesGroupingList(groupings: SeriesGroupings): CheckedGrouping[] {
  const entries = Object.entries(groupings ?? {});
  if (entries.length < 1 || entries.length > MAX_GROUPINGS) fail('bad-groupings', l10n.t('Give 1 to {0} groupings (got {1}).', MAX_GROUPINGS, entries.length));
  const out: CheckedGrouping[] = [];
  for (const [name, g] of entries) {
    if (!name || name.trim() !== name) fail('bad-groupings', l10n.t('Grouping name "{0}" must be non-empty, without surrounding spaces.', name));
    if (RESERVED_KEYS.has(name)) fail('bad-groupings', l10n.t('Grouping name "{0}" is reserved by the API\'s answer; choose another.', name));
    const groupBy = Array.isArray(g?.group_by) ? g.group_by : [];
    if (groupBy.length < 1 || groupBy.length > SERIES_GROUP_FIELDS.length) {
      fail('bad-group-by', l10n.t('Grouping "{0}" needs group_by with 1 to 4 of: {1}.', name, SERIES_GROUP_FIELDS.join(', ')));
    }
    const unknown = groupBy.filter((f) => !(SERIES_GROUP_FIELDS as readonly string[]).includes(f));
    if (unknown.length > 0)
      fail('bad-group-by', l10n.t('Grouping "{0}": unknown group_by {1}. Use {2}.', name, unknown.map((f) => JSON.stringify(f)).join(', '), SERIES_GROUP_FIELDS.join(', ')));
    if (new Set(groupBy).size !== groupBy.length) fail('bad-group-by', l10n.t('Grouping "{0}" repeats a group_by field.', name));
    if (groupBy.length === 4 && !FULL_SERIES_GROUP_BYS.some((full) => full.every((f, i) => groupBy[i] === f))) {
      fail('bad-group-by', l10n.t('Grouping "{0}": a group_by of 4 must be {1} or {2}.', name, FULL_SERIES_GROUP_BYS[0].join(','), FULL_SERIES_GROUP_BYS[1].join(',')));
    }
    out.push({ name, groupBy: [...groupBy] });
  }
  if (out.filter((g) => g.groupBy.length === 4).length > 1) fail('bad-group-by', l10n.t('At most one grouping may have all 4 group_by fields.'));
  return out;
}

function checkSeriesTypes(types: readonly string[]): void {
  if (types.length === 0) fail('no-types', l10n.t('Choose at least one engagement type: {0}.', SERIES_ENGAGEMENT_TYPES.join(', ')));
  for (const t of types) {
    if ((SERIES_ENGAGEMENT_TYPES as readonly string[]).includes(t)) continue;
    const replaced = Object.hasOwn(REPLACED_SERIES_TYPES, t) ? REPLACED_SERIES_TYPES[t] : undefined;
    fail(
      'bad-type',
      replaced
        ? l10n.t('"{0}" was replaced by "{1}"; ask for {1}.', t, replaced)
        : t === 'quote_tweets'
          ? l10n.t('Unknown time-series engagement type "{0}". Use: {1} (quote_tweets is for totals only).', t, SERIES_ENGAGEMENT_TYPES.join(', '))
          : l10n.t('Unknown time-series engagement type "{0}". Use: {1}.', t, SERIES_ENGAGEMENT_TYPES.join(', ')),
    );
  }
}

/** Throws PlanError for anything the API would reject or the user should fix first (windows aside). */
export function validateSeriesQuery(query: SeriesQuery, credentials: Credentials): CheckedGrouping[] {
  if (!credentials.oauth) {
    fail(
      'needs-user-context',
      credentials.bearerToken
        ? l10n.t(
            "Time series (/28hr and /historical) need OAuth 1.0a user-context credentials (the Tweet owner's tokens); a Bearer token is not accepted. Set OAuth 1.0a credentials (consumer key and secret, access token and secret).",
          )
        : l10n.t(
            "Time series (/28hr and /historical) need OAuth 1.0a user-context credentials (the Tweet owner's tokens). Set OAuth 1.0a credentials (consumer key and secret, access token and secret).",
          ),
    );
  }
  checkTweetIds(query.tweetIds);
  checkSeriesTypes(query.engagementTypes);
  if (query.endpoint !== '28hr' && query.endpoint !== 'historical')
    fail('bad-window', l10n.t('Unknown time-series endpoint "{0}": use 28hr or historical.', String(query.endpoint)));
  if (query.endpoint === '28hr' && (query.start !== undefined || query.end !== undefined)) {
    fail('bad-window', l10n.t('The last-28-hours series takes no start or end; use historical for a date range.'));
  }
  return seriesGroupingList(query.groupings);
}

/**
 * Cuts a /historical range into windows the API takes: at most 28 days each, cut on whole hours
 * (the API widens start down and end up, so windows that meet on an hour never overlap), the
 * first starting at `start` and the last ending at `end` as given. Date-only values are midnight
 * UTC. Default: the 28 days up to now (from the next whole hour); with only a start, up to now; with only an end, the 28
 * days before it. A start up to a day before the 365-day limit (a date-only "a year ago") starts
 * at the limit; an end up to a day in the future (a date-only "tomorrow") ends now. Anything
 * further out, or an end not after the start, throws PlanError('bad-window').
 */
export function historicalWindows(start: string | undefined, end: string | undefined, now: number): SeriesWindowSpan[] {
  const read = (key: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseSeriesTime(text);
    return ms ?? fail('bad-window', l10n.t('--{0} must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC); got "{1}".', key, text.slice(0, 40)));
  };
  const window = HISTORICAL_MAX_WINDOW_DAYS * DAY_MS;
  const earliest = now - HISTORICAL_MAX_DAYS_BACK * DAY_MS;
  const givenEnd = read('end', end);
  let e = givenEnd ?? now;
  // Without a start: the 28 days before the end, from a whole hour, so that one request (widened to whole hours) covers it.
  let s = read('start', start) ?? ceilHour(e - window);
  if (e > now + DAY_MS) fail('bad-window', l10n.t('The end {0} is in the future; the latest end is now ({1}).', formatSeriesTime(e), formatSeriesTime(now)));
  e = Math.min(e, now);
  if (s < earliest - DAY_MS) {
    fail(
      'bad-window',
      l10n.t(
        'The start {0} is more than {1} days back; the API has data from {2} on.',
        formatSeriesTime(s),
        HISTORICAL_MAX_DAYS_BACK,
        formatSeriesTime(Math.ceil(earliest / 1000) * 1000),
      ),
    );
  }
  // At the limit: from the first whole hour at least 10 minutes after it, since the API judges each
  // request by its own clock, later than ours (retries and rate-limit waits included).
  s = Math.max(s, ceilHour(earliest + 10 * 60_000));
  if (e <= s) fail('bad-window', l10n.t('The end ({0}) must be after the start ({1}).', formatSeriesTime(e), formatSeriesTime(s)));
  const out: SeriesWindowSpan[] = [];
  for (let cut = floorHour(s); cut < e; cut += window) {
    out.push({ start: formatSeriesTime(Math.max(s, cut)), end: formatSeriesTime(Math.min(e, cut + window)) });
  }
  return out;
}

/** A planned run: its batches, the IDs once each (in the order asked for) and the checked groupings. */
export interface SeriesPlan {
  batches: PlannedSeriesBatch[];
  tweetIds: string[];
  groupings: CheckedGrouping[];
}

/** Validates and splits the query: at most 25 IDs a batch, × each window of a /historical range. Throws PlanError. */
export function planSeries(query: SeriesQuery, credentials: Credentials, now = Date.now()): SeriesPlan {
  const groupings = validateSeriesQuery(query, credentials);
  const windows = query.endpoint === 'historical' ? historicalWindows(query.start, query.end, now) : [undefined];
  const { unique } = dedupeIds(query.tweetIds);
  const batches: PlannedSeriesBatch[] = [];
  for (const window of windows) {
    for (let i = 0; i < unique.length; i += MAX_IDS_PER_SERIES_REQUEST) {
      const batch: PlannedSeriesBatch = { index: batches.length, tweetIds: unique.slice(i, i + MAX_IDS_PER_SERIES_REQUEST), auth: 'oauth1' };
      if (window) batch.window = window;
      batches.push(batch);
    }
  }
  return { batches, tweetIds: unique, groupings };
}

/** Fetches a time series: plan, send, retry, merge. Throws PlanError only. */
export async function fetchSeries(query: SeriesQuery, options: SeriesFetchOptions): Promise<SeriesResult> {
  const now = options.now ?? options.clock?.now() ?? Date.now();
  const { batches, tweetIds, groupings } = planSeries(query, options.credentials, now);
  const builder = new SeriesResultBuilder({ ...query, tweetIds }, groupings);
  if (query.endpoint === 'historical') builder.cover(batches[0].window!.start, batches[batches.length - 1].window!.end);
  return runBatches(new SeriesJob(builder, options, now), batches, options);
}

/** Fetches again only the failed batches (Tweets × window) of an earlier result, merging into a copy of it. */
export async function retrySeriesFailed(previous: SeriesResult, options: SeriesFetchOptions): Promise<SeriesResult> {
  const builder = SeriesResultBuilder.from(previous);
  const batches = previous.failed.map((f, index): PlannedSeriesBatch => {
    const batch: PlannedSeriesBatch = { index, tweetIds: [...f.tweetIds], auth: 'oauth1' };
    if (f.start !== undefined && f.end !== undefined) batch.window = { start: f.start, end: f.end };
    return batch;
  });
  if (batches.length > 0) validateSeriesQuery(previous.query, options.credentials);
  return runBatches(new SeriesJob(builder, options, options.now ?? options.clock?.now() ?? Date.now()), batches, options);
}

/** /28hr and /historical batches, checked and merged by a SeriesResultBuilder. */
class SeriesJob implements BatchJob<PlannedSeriesBatch, SeriesResult> {
  readonly url: string;
  readonly requestsBefore: number;
  constructor(
    private readonly builder: SeriesResultBuilder,
    options: FetchOptions,
    private readonly now: number,
  ) {
    this.url = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL) + SERIES_PATHS[builder.query.endpoint];
    this.requestsBefore = builder.requests;
  }

  body(batch: PlannedSeriesBatch): SeriesRequestBody {
    const q = this.builder.query;
    const groupings: SeriesRequestBody['groupings'] = {};
    for (const g of this.builder.groupings) groupings[g.name] = { group_by: [...g.groupBy] };
    const body: SeriesRequestBody = { tweet_ids: [...batch.tweetIds], engagement_types: [...q.engagementTypes], groupings };
    if (batch.window) Object.assign(body, batch.window);
    return body;
  }

  describe(batch: PlannedSeriesBatch): string {
    return `${batch.tweetIds.length} IDs, ${batch.window ? `${batch.window.start} to ${batch.window.end}` : 'last 28 hours'}`;
  }

  accept(batch: PlannedSeriesBatch, body: Record<string, unknown>, logger: Logger): string | undefined {
    const asked: AskedFor = { tweetIds: batch.tweetIds, engagementTypes: this.builder.query.engagementTypes, window: this.windowOf(batch) };
    // Checked whole first (no leaves collected), then merged from the body: nothing of a refused answer is kept.
    const checked = checkAnswer(body, asked, this.builder.groupings, false);
    if (!checked.ok) return checked.reason;
    // Every leaf is summed: keeping part of an answer would let its retry count the rest twice.
    if (checked.answer.unusable) return `${checked.answer.unusable.reason.replace(/; fetch them again\.$/, '')}; nothing of this batch was kept.`;
    logDropped(logger, batch.index, checked.answer.dropped);
    this.builder.add(checked.answer, body, asked, !batch.window);
    return undefined;
  }

  /**
   * The window a batch asked for (ms): its own (/historical), or about the last 28 hours (/28hr:
   * from 29 hours before the run's now up to an hour after it, for the server's clock and the
   * run's length). Keys and a start/end outside it are the server's mistakes.
   */
  private windowOf(batch: PlannedSeriesBatch): { start: number; end: number } {
    const s = batch.window && parseSeriesTime(batch.window.start);
    const e = batch.window && parseSeriesTime(batch.window.end);
    if (s !== undefined && e !== undefined) return { start: s, end: e };
    return { start: this.now - (LAST_HOURS_WINDOW + 1) * HOUR_MS, end: this.now + HOUR_MS };
  }

  forbidden(batch: PlannedSeriesBatch, ids: Set<string>, logger: Logger): Array<Omit<PlannedSeriesBatch, 'index'>> {
    this.builder.addForbidden(ids);
    const rest = batch.tweetIds.filter((id) => !ids.has(id));
    logger.warn(`${ids.size} Tweet(s) not owned by this user: listed as forbidden; fetching the other ${rest.length} without them.`);
    return rest.length > 0 ? [{ tweetIds: rest, auth: batch.auth, window: batch.window }] : [];
  }

  fail(batch: PlannedSeriesBatch, reason: string, status: number | undefined, retryable: boolean): void {
    const failed: FailedSeriesBatch = { tweetIds: batch.tweetIds, reason, retryable };
    if (batch.window) Object.assign(failed, batch.window);
    if (status !== undefined) failed.status = status;
    this.builder.failed.push(failed);
  }

  result(run: { requests: number; cancelled: boolean }, redactor: Redactor): SeriesResult {
    this.builder.requests = run.requests;
    if (run.cancelled) this.builder.cancelled = true;
    return redactor.redactResult(this.builder.result());
  }
}

/** Collects checked answers of a time-series run into one SeriesResult. */
class SeriesResultBuilder {
  private readonly trees: Record<string, GroupTree> = {};
  private start?: number;
  private end?: number;
  readonly failed: FailedSeriesBatch[] = [];

  constructor(
    readonly query: SeriesQuery,
    readonly groupings: CheckedGrouping[],
    readonly lists = new AnswerLists(),
  ) {
    for (const g of groupings) this.trees[g.name] = {};
  }

  get requests(): number {
    return this.lists.requests;
  }
  set requests(n: number) {
    this.lists.requests = n;
  }
  set cancelled(c: boolean) {
    this.lists.cancelled = c;
  }

  static from(previous: SeriesResult): SeriesResultBuilder {
    const b = new SeriesResultBuilder(previous.query, seriesGroupingList(previous.query.groupings), AnswerLists.from(previous));
    for (const g of b.groupings) b.trees[g.name] = structuredClone(Object.hasOwn(previous.groupings, g.name) ? previous.groupings[g.name] : {});
    if (previous.start) b.cover(previous.start, previous.end);
    return b;
  }

  /**
   * Widens the window covered (times the API format reads; anything else is ignored), clamped to
   * `within` (the window asked for, widened to whole hours) when given: a server's start/end
   * cannot stretch the result's window.
   */
  cover(start: unknown, end: unknown, within?: { start: number; end: number }): void {
    let s = typeof start === 'string' ? parseSeriesTime(start) : undefined;
    let e = typeof end === 'string' ? parseSeriesTime(end) : undefined;
    if (s === undefined || e === undefined) return;
    if (within) {
      s = Math.max(s, floorHour(within.start));
      e = Math.min(e, ceilHour(within.end));
    }
    if (e <= s) return;
    this.start = Math.min(this.start ?? s, s);
    this.end = Math.max(this.end ?? e, e);
  }

  /** Adds a checked answer (its body, which checkAnswer accepted); `covers`: the answer's own start/end say what it covered (/28hr). */
  add(answer: CheckedAnswer, body: Record<string, unknown>, asked: AskedFor, covers: boolean): void {
    mergeAnswerTrees(this.trees, body, asked, this.groupings);
    this.lists.add(answer);
    if (covers) this.cover(body.start, body.end, asked.window);
  }

  addForbidden(ids: Iterable<string>): void {
    this.lists.addForbidden(ids);
  }

  result(): SeriesResult {
    const rank = new Map(this.query.tweetIds.map((id, i) => [id, i]));
    const groupings: Record<string, GroupTree> = {};
    for (const g of this.groupings) groupings[g.name] = orderTree(this.trees[g.name], g.groupBy, rank);
    return {
      query: this.query,
      start: this.start === undefined ? '' : formatSeriesTime(floorHour(this.start)),
      end: this.end === undefined ? '' : formatSeriesTime(ceilHour(this.end)),
      groupings,
      ...this.lists.result(rank),
      failed: [...this.failed],
    };
  }
}
