// Exports of a result: JSON in the API's own shape (what the CLI prints) and CSV with a
// row per Tweet. IDs and values stay strings; nothing here can hold a secret (the engine
// redacts what servers send). Both may be printed to a terminal: JSON escapes every control
// character, CSV cells have them removed.
import { escapeJsonText, forTerminal } from '../shared/untrusted';
import { flattenRows, leaves, statusById } from './rows';
import { ENGAGEMENT_TYPES, EngagementType, TotalsResult } from './types';

/**
 * Where the numbers came from, when known (the editor's runs): JSON gets `source_host` and
 * `sandbox`, CSV two last columns `source_host,sandbox` on every row (plain cells, so a
 * spreadsheet opens it as before and a filter on `sandbox` finds made-up numbers).
 */
export interface ExportOrigin {
  host: string;
  sandbox: boolean;
}

/** The merged answer as the API would give it for one request, plus what went missing. */
export function toApiShape(result: TotalsResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const g of result.query.groupings) out[g.name] = result.groupings[g.name] ?? {};
  out.unavailable_tweet_ids = result.unavailableTweetIds;
  if (result.unsupportedForImpressionsEngagementsTweetIds.length > 0) out.unsupported_for_impressions_engagements_tweet_ids = result.unsupportedForImpressionsEngagementsTweetIds;
  if (result.unsupportedForVideoViewsTweetIds.length > 0) out.unsupported_for_video_views_tweet_ids = result.unsupportedForVideoViewsTweetIds;
  if (result.forbiddenTweetIds.length > 0) out.forbidden_tweet_ids = result.forbiddenTweetIds;
  if (result.failed.length > 0) {
    out.failed = result.failed.map((f) => ({ tweet_ids: f.tweetIds, engagement_types: f.engagementTypes, status: f.status, reason: f.reason, retryable: f.retryable }));
  }
  if (result.errors.length > 0) out.errors = result.errors;
  return out;
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
 * CSV with a row per requested Tweet: tweet_id, a column per requested type, status.
 * When no grouping is per Tweet and type, one row per leaf of each grouping instead.
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
    lines.push(['tweet_id', ...types, 'status', ...originHead].join(','));
    for (const [id, s] of status) {
      const r = byId.get(id);
      lines.push([id, ...types.map((t: EngagementType) => r?.metrics[t] ?? ''), s, ...originCells].map(csvCell).join(','));
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
