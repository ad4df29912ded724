// What the results page shows for one run, computed once on the extension side: a compact
// model (rows as arrays, types listed once) that crosses postMessage and holds no secrets.
// Plain TypeScript: no 'vscode' import, so unit tests run it in Node.
import { CachedMetrics, changeOf } from '../../core/metricsIndex';
import { flattenRows, leaves } from '../../core/rows';
import { ENGAGEMENT_TYPE_LABELS, ENGAGEMENT_TYPES, ID_SECTION_TEXT, RunRecord } from '../../core/types';
import { columnTotals, compareDecimal } from '../../shared/decimal';
import type { PanelGrouping, PanelModel } from '../../shared/panelProtocol';

/** How many Tweets the "top" lists and the chart hold per type. */
export const TOP_N = 5;
/** How many IDs of a failed batch the page lists. */
export const FAILED_SAMPLE = 5;

/**
 * "X Engagement: export.csv · 2024-05-01 14:03" (local time of the fetch), "… (Sandbox)" for
 * sandbox numbers. `source` as stored: a tab title is plain text.
 */
export function panelTitle(run: RunRecord): string {
  const d = new Date(run.result.finishedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = Number.isNaN(d.getTime()) ? run.result.finishedAt : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return run.sandbox ? `X Engagement: ${run.source} · ${when} (Sandbox)` : `X Engagement: ${run.source} · ${when}`;
}

export function buildPanelModel(run: RunRecord, previousFor: (tweetId: string, runId: string) => CachedMetrics | undefined): PanelModel {
  const result = run.result;
  const asked = new Set(result.query.engagementTypes);
  const types = ENGAGEMENT_TYPES.filter((t) => asked.has(t));
  const flat = flattenRows(result);

  const rows: PanelModel['rows'] = [];
  const changes: PanelModel['changes'] = {};
  for (const r of flat) {
    rows.push([r.tweetId, ...types.map((t) => r.metrics[t] ?? null)]);
    const before = previousFor(r.tweetId, run.id);
    if (before) {
      const deltas = types.map((t) => changeOf(r.metrics[t], before.metrics[t]) ?? null);
      if (deltas.some((d) => d !== null)) changes[r.tweetId] = deltas;
    }
  }

  // The same sums the page makes of the filtered rows: one rule for both.
  const totals = columnTotals(rows, types.length);

  const top: PanelModel['top'] = {};
  types.forEach((t, i) => {
    const col = i + 1;
    // Keeps the TOP_N best in a small sorted list: O(rows) rather than a full sort per type.
    const best: Array<{ id: string; value: string }> = [];
    for (const row of rows) {
      const v = row[col];
      if (v === null || v === undefined) continue;
      if (best.length === TOP_N && compareDecimal(v, best[TOP_N - 1].value) <= 0) continue;
      let at = best.length;
      while (at > 0 && compareDecimal(v, best[at - 1].value) > 0) at--;
      best.splice(at, 0, { id: row[0], value: v });
      if (best.length > TOP_N) best.pop();
    }
    top[t] = best;
  });

  const groupings: PanelGrouping[] = result.query.groupings.map((g) => {
    const out: PanelGrouping = { name: g.name, groupBy: [...g.groupBy] };
    if (g.groupBy.length === 1 && g.groupBy[0] === 'engagement.type') {
      const tree = result.groupings[g.name] ?? {};
      out.values = [...leaves(tree)].map(({ path, value }) => [path.join(' / '), value]);
    }
    return out;
  });

  return {
    runId: run.id,
    title: panelTitle(run),
    profile: run.profile,
    ...(run.host ? { host: run.host } : {}),
    ...(run.sandbox ? { sandbox: true } : {}),
    source: run.source,
    fetchedAt: result.finishedAt,
    requested: result.query.tweetIds.length,
    ...(run.found ? { found: { duplicates: run.found.duplicates, invalid: run.found.invalid } } : {}),
    types,
    typeLabels: { ...ENGAGEMENT_TYPE_LABELS },
    sectionText: ID_SECTION_TEXT,
    rows,
    changes,
    totals,
    top,
    unavailable: [...result.unavailableTweetIds],
    unsupportedImpressions: [...result.unsupportedForImpressionsEngagementsTweetIds],
    unsupportedVideo: [...result.unsupportedForVideoViewsTweetIds],
    forbidden: [...result.forbiddenTweetIds],
    failed: result.failed.map((f) => ({ ids: f.tweetIds.length, reason: f.reason, status: f.status, retryable: f.retryable, sample: f.tweetIds.slice(0, FAILED_SAMPLE) })),
    errors: [...result.errors],
    cancelled: result.cancelled,
    groupings,
  };
}
