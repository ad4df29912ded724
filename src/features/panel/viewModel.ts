// What the results page shows for one run, computed once on the extension side: a compact
// model (rows as arrays, types listed once) that crosses postMessage and holds no secrets.
// Plain TypeScript: no 'vscode' import, so unit tests run it in Node; words through `@vscode/l10n`.
import * as l10n from '@vscode/l10n';
import { CachedMetrics, changeOf } from '../../core/metricsIndex';
import { flattenRows, leaves } from '../../core/rows';
import { engagementTypeLabels, ENGAGEMENT_TYPES, idSectionText, RunRecord, TotalsRunRecord } from '../../core/types';
import { columnTotals, topValues } from '../../shared/decimal';
import { localDateTime } from '../../shared/format';
import { TOP_N, type PanelFailed, type PanelGrouping, type PanelModel, type PanelRunBase } from '../../shared/panelProtocol';

/** How many IDs of a failed batch the page lists. */
export const FAILED_SAMPLE = 5;

/**
 * "X Engagement: export.csv · 2024-05-01 14:03" (local time of the fetch), "… (Sandbox)" for
 * sandbox numbers. `source` as stored: a tab title is plain text.
 */
export function panelTitle(run: TotalsRunRecord): string {
  const when = localDateTime(Date.parse(run.result.finishedAt)) || run.result.finishedAt;
  return run.sandbox ? l10n.t('X Engagement: {0} · {1} (Sandbox)', run.source, when) : l10n.t('X Engagement: {0} · {1}', run.source, when);
}

/**
 * What the page shows of any run, totals or time series: who fetched it from where, the ID lists
 * and the failed batches (a time series' failed window named).
 */
export function panelRunBase(run: RunRecord, title: string, typeLabels: Readonly<Record<string, string>>): PanelRunBase {
  const r = run.result;
  const failed: PanelFailed[] = r.failed.map((f) => ({
    ids: f.tweetIds.length,
    reason: f.reason,
    status: f.status,
    retryable: f.retryable,
    sample: f.tweetIds.slice(0, FAILED_SAMPLE),
    ...('start' in f && (f.start || f.end) ? { window: `${f.start ?? '…'} – ${f.end ?? '…'}` } : {}),
  }));
  return {
    runId: run.id,
    title,
    profile: run.profile,
    ...(run.host ? { host: run.host } : {}),
    ...(run.sandbox ? { sandbox: true } : {}),
    source: run.source,
    fetchedAt: r.finishedAt,
    typeLabels: { ...typeLabels },
    sectionText: idSectionText(),
    unavailable: [...r.unavailableTweetIds],
    unsupportedImpressions: [...r.unsupportedForImpressionsEngagementsTweetIds],
    unsupportedVideo: [...r.unsupportedForVideoViewsTweetIds],
    forbidden: [...r.forbiddenTweetIds],
    failed,
    errors: [...r.errors],
    cancelled: r.cancelled,
  };
}

export function buildPanelModel(run: TotalsRunRecord, previousFor: (tweetId: string, runId: string) => CachedMetrics | undefined): PanelModel {
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
    top[t] = topValues(rows, i + 1, TOP_N);
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
    ...panelRunBase(run, panelTitle(run), engagementTypeLabels()),
    requested: result.query.tweetIds.length,
    ...(run.found ? { found: { duplicates: run.found.duplicates, invalid: run.found.invalid } } : {}),
    types,
    rows,
    changes,
    totals,
    top,
    groupings,
    canReveal: (run.sourceUris?.length ?? 0) > 0,
  };
}
