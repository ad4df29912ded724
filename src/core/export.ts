// Exports of a result: JSON in the API's own shape (what the CLI prints) and CSV with a
// row per Tweet. IDs and values stay strings; nothing here can hold a secret (the engine
// redacts what servers send). Both may be printed to a terminal: JSON escapes every control
// character, CSV cells have them removed.
// CSV headers use X's words (Likes, Reposts…: a spreadsheet is read by people); the JSON keeps
// the API's names (favorites, retweets…: it is the API's own shape, for programs).
import { columnTotals } from '../shared/decimal';
import { postedIso } from '../shared/format';
import { escapeJsonText, forTerminal } from '../shared/untrusted';
import { flattenRows, leaves, perTweetGrouping, statusById } from './rows';
import type { ResultLists } from './merge';
import { timeGrouping } from './seriesMatrix';
import type { SeriesResult } from './seriesRun';
import {
  ENGAGEMENT_TYPE_LABELS,
  ENGAGEMENT_TYPES,
  EngagementType,
  GroupTree,
  SERIES_ENGAGEMENT_TYPE_LABELS,
  SERIES_ENGAGEMENT_TYPES,
  SeriesEngagementType,
  SeriesGroupField,
  TotalsResult,
} from './types';

/**
 * Where the numbers came from, when known (the editor's runs): JSON gets `source_host` and
 * `sandbox`, CSV two last columns `source_host,sandbox` on every row (plain cells, so a
 * spreadsheet opens it as before and a filter on `sandbox` finds made-up numbers).
 */
export interface ExportOrigin {
  host: string;
  sandbox: boolean;
}

/** The API's ID lists (unavailable always, the others when not empty), the failed batches and the messages, after the groupings. */
function withLists(out: Record<string, unknown>, result: ResultLists, failed: unknown[]): Record<string, unknown> {
  out.unavailable_tweet_ids = result.unavailableTweetIds;
  if (result.unsupportedForImpressionsEngagementsTweetIds.length > 0) out.unsupported_for_impressions_engagements_tweet_ids = result.unsupportedForImpressionsEngagementsTweetIds;
  if (result.unsupportedForVideoViewsTweetIds.length > 0) out.unsupported_for_video_views_tweet_ids = result.unsupportedForVideoViewsTweetIds;
  if (result.forbiddenTweetIds.length > 0) out.forbidden_tweet_ids = result.forbiddenTweetIds;
  if (failed.length > 0) out.failed = failed;
  if (result.errors.length > 0) out.errors = result.errors;
  return out;
}

/** The merged answer as the API would give it for one request, plus what went missing. */
export function toApiShape(result: TotalsResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of result.query.groupings) out[g.name] = result.groupings[g.name] ?? {};
  return withLists(
    out,
    result,
    result.failed.map((f) => ({ tweet_ids: f.tweetIds, engagement_types: f.engagementTypes, status: f.status, reason: f.reason, retryable: f.retryable })),
  );
}

export function toJson(result: TotalsResult, origin?: ExportOrigin): string {
  const shape = toApiShape(result);
  if (origin) Object.assign(shape, { source_host: origin.host, sandbox: origin.sandbox });
  return escapeJsonText(JSON.stringify(shape, null, 2)) + '\n';
}

/** A CSV cell: without controls, quoted when needed; cells that a spreadsheet would run as a formula are defused. */
export function csvCell(value: string): string {
  let v = forTerminal(value);
  if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
  return /[",\r\n']/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/**
 * CSV with a row per requested Tweet: Tweet ID, Posted (UTC, from the ID), a column per requested
 * type in X's words, Status. When no grouping is per Tweet and type, one row per leaf of each
 * grouping instead.
 */
export function toCsv(result: TotalsResult, origin?: ExportOrigin): string {
  const types = ENGAGEMENT_TYPES.filter((t) => result.query.engagementTypes.includes(t));
  const rows = flattenRows(result);
  const lines: string[] = [];
  const originHead = origin ? ['source_host', 'sandbox'] : [];
  const originCells = origin ? [origin.host, String(origin.sandbox)] : [];
  if (rows.length > 0 || result.query.groupings.some((g) => g.groupBy.length === 2)) {
    const byId = new Map(rows.map((r) => [r.tweetId, r]));
    const status = statusById(result, rows);
    lines.push(['Tweet ID', 'Posted', ...types.map((t) => ENGAGEMENT_TYPE_LABELS[t]), 'Status', ...originHead].map(csvCell).join(','));
    for (const [id, s] of status) {
      const r = byId.get(id);
      lines.push([id, postedIso(id), ...types.map((t: EngagementType) => r?.metrics[t] ?? ''), s, ...originCells].map(csvCell).join(','));
    }
  } else {
    lines.push(['grouping', 'key1', 'key2', 'value', ...originHead].join(','));
    for (const g of result.query.groupings) {
      for (const { path, value } of leaves(result.groupings[g.name] ?? {})) {
        lines.push([g.name, path[0] ?? '', path[1] ?? '', value, ...originCells].map(csvCell).join(','));
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * The result as if only `ids` had been asked for, in that order (IDs not in the run are
 * ignored): what the panel exports when a filter or sort is on. Per-Tweet groupings keep those
 * Tweets; aggregate groupings by type are summed again from them (left out when the run has no
 * per-Tweet values to sum); the ID lists and failed batches keep those IDs only.
 */
export function restrictToTweets(result: TotalsResult, ids: readonly string[]): TotalsResult {
  const asked = new Set(result.query.tweetIds);
  const keep = [...new Set(ids)].filter((id) => asked.has(id));
  const kept = new Set(keep);
  const types = ENGAGEMENT_TYPES.filter((t) => result.query.engagementTypes.includes(t));
  const rows = flattenRows(result).filter((r) => kept.has(r.tweetId));
  const sums = perTweetGrouping(result)
    ? columnTotals(
        rows.map((r) => [r.tweetId, ...types.map((t) => r.metrics[t] ?? null)]),
        types.length,
      )
    : undefined;
  const groupings: TotalsResult['groupings'] = {};
  const declared = result.query.groupings.filter((g) => {
    const tree = result.groupings[g.name];
    if (!tree) return false;
    const depth = g.groupBy.indexOf('tweet.id');
    if (depth >= 0) {
      groupings[g.name] = pickTweets(tree, depth, keep);
      return true;
    }
    if (sums && g.groupBy.length === 1 && g.groupBy[0] === 'engagement.type') {
      const tree: GroupTree = {};
      types.forEach((t, i) => {
        if (sums[i] !== null) tree[t] = sums[i]!;
      });
      groupings[g.name] = tree;
      return true;
    }
    return false;
  });
  const only = (list: readonly string[]) => list.filter((id) => kept.has(id));
  return {
    ...result,
    query: { ...result.query, tweetIds: keep, groupings: declared },
    groupings,
    unavailableTweetIds: only(result.unavailableTweetIds),
    unsupportedForImpressionsEngagementsTweetIds: only(result.unsupportedForImpressionsEngagementsTweetIds),
    unsupportedForVideoViewsTweetIds: only(result.unsupportedForVideoViewsTweetIds),
    forbiddenTweetIds: only(result.forbiddenTweetIds),
    failed: result.failed.map((f) => ({ ...f, tweetIds: only(f.tweetIds) })).filter((f) => f.tweetIds.length > 0),
  };
}

/** The tree with only `ids` at the tweet.id level (`depth` levels down), in the order of `ids`. */
function pickTweets(tree: GroupTree, depth: number, ids: readonly string[]): GroupTree {
  const out: GroupTree = {};
  if (depth === 0) {
    for (const id of ids) if (Object.prototype.hasOwnProperty.call(tree, id)) out[id] = tree[id];
    return out;
  }
  for (const [k, v] of Object.entries(tree)) if (typeof v === 'object') out[k] = pickTweets(v, depth - 1, ids);
  return out;
}

/** A time-series result as the API would answer one request for the whole window, plus what went missing. */
export function seriesToApiShape(result: SeriesResult): Record<string, unknown> {
  const out: Record<string, unknown> = { start: result.start, end: result.end };
  for (const name of Object.keys(result.query.groupings)) out[name] = Object.hasOwn(result.groupings, name) ? result.groupings[name] : {};
  return withLists(
    out,
    result,
    result.failed.map((f) => ({ tweet_ids: f.tweetIds, start: f.start, end: f.end, status: f.status, reason: f.reason, retryable: f.retryable })),
  );
}

export function seriesToJson(result: SeriesResult, origin?: ExportOrigin): string {
  const shape = seriesToApiShape(result);
  if (origin) Object.assign(shape, { source_host: origin.host, sandbox: origin.sandbox });
  return escapeJsonText(JSON.stringify(shape, null, 2)) + '\n';
}

/** The CSV header of a time series in long form, in X's words like the totals CSV's (days and hours are UTC). */
export const SERIES_CSV_HEADER = ['Tweet ID', 'Type', 'Day (UTC)', 'Hour (UTC)', 'Value'] as const;

/**
 * CSV of a time series in long form, one row per value: Tweet ID, type (X's words), day, hour,
 * value; a cell stays empty when the grouping has no such level (a grouping without tweet.id sums
 * every Tweet; one without a day has hours of the day). Rows come from the grouping the panel
 * charts (timeGrouping: the most time detail), else from the one with the most levels, in request
 * order of the Tweets, canonical order of the types, then time order.
 */
export function seriesToCsv(result: SeriesResult, origin?: ExportOrigin): string {
  // The grouping the panel charts (timeGrouping), else (no time field at all) the one with the most levels.
  const longest = Object.entries(result.query.groupings).reduce<{ name: string; groupBy: readonly SeriesGroupField[] } | undefined>(
    (a, [name, g]) => (a === undefined || g.group_by.length > a.groupBy.length ? { name, groupBy: g.group_by } : a),
    undefined,
  );
  const best = timeGrouping(result.query.groupings) ?? longest;
  const lines = [[...SERIES_CSV_HEADER, ...(origin ? ['source_host', 'sandbox'] : [])].map(csvCell).join(',')];
  const originCells = origin ? [origin.host, String(origin.sandbox)] : [];
  if (best && Object.hasOwn(result.groupings, best.name)) {
    const at = (field: string) => best.groupBy.indexOf(field as never);
    const [idAt, typeAt, dayAt, hourAt] = [at('tweet.id'), at('engagement.type'), at('engagement.day'), at('engagement.hour')];
    const idRank = new Map(result.query.tweetIds.map((id, i) => [id, i]));
    const typeRank = new Map<string, number>(SERIES_ENGAGEMENT_TYPES.map((t, i) => [t, i]));
    const rows = [...leaves(result.groupings[best.name])].map(({ path, value }) => ({
      id: idAt >= 0 ? (path[idAt] ?? '') : '',
      type: typeAt >= 0 ? (path[typeAt] ?? '') : '',
      day: dayAt >= 0 ? (path[dayAt] ?? '') : '',
      hour: hourAt >= 0 ? (path[hourAt] ?? '') : '',
      value,
    }));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    rows.sort(
      (a, b) =>
        (idRank.get(a.id) ?? Infinity) - (idRank.get(b.id) ?? Infinity) ||
        (typeRank.get(a.type) ?? Infinity) - (typeRank.get(b.type) ?? Infinity) ||
        cmp(a.day, b.day) ||
        cmp(a.hour, b.hour),
    );
    for (const r of rows) {
      const label = Object.hasOwn(SERIES_ENGAGEMENT_TYPE_LABELS, r.type) ? SERIES_ENGAGEMENT_TYPE_LABELS[r.type as SeriesEngagementType] : r.type;
      lines.push([r.id, label, r.day, r.hour, r.value, ...originCells].map(csvCell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
