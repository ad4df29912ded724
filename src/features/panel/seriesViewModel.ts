// What the results page draws for a time-series run: the series matrix (core/seriesMatrix.ts)
// cut down to what crosses postMessage: per metric the total line, the top Tweets' lines and
// the hour-of-day profile (250 Tweets × 28 days × 10 types stay a few hundred KB). Plain
// TypeScript: no 'vscode' import, so unit tests and the bench run it in Node; words through `@vscode/l10n`.
import * as l10n from '@vscode/l10n';
import { buildSeriesMatrix, seriesKey, timeGrouping, topTweets } from '../../core/seriesMatrix';
import { seriesTypeLabels, type SeriesRunRecord } from '../../core/types';
import { localDateTime, seriesRunWindowLabel } from '../../shared/format';
import { SERIES_TOP_N, type SeriesPanelMetric, type SeriesPanelModel } from '../../shared/panelProtocol';
import { panelRunBase } from './viewModel';

/** "Last 28 hours", "2024-05-01 – 2024-05-29" (UTC days of the window asked for, else the one answered). */
export function seriesWindowLabel(run: SeriesRunRecord): string {
  return seriesRunWindowLabel(run.result);
}

/** "X Engagement: ids.txt · Last 28 hours · 2024-05-01 14:03", "… (Sandbox)". */
export function seriesPanelTitle(run: SeriesRunRecord): string {
  const when = localDateTime(Date.parse(run.result.finishedAt)) || run.result.finishedAt;
  return run.sandbox
    ? l10n.t('X Engagement: {0} · {1} · {2} (Sandbox)', run.source, seriesWindowLabel(run), when)
    : l10n.t('X Engagement: {0} · {1} · {2}', run.source, seriesWindowLabel(run), when);
}

export function buildSeriesPanelModel(run: SeriesRunRecord, topN = SERIES_TOP_N): SeriesPanelModel {
  const r = run.result;
  const grouping = timeGrouping(r.query.groupings);
  const parse = (t: string) => (t ? Date.parse(t) : undefined);
  const m = grouping
    ? buildSeriesMatrix(r.groupings[grouping.name], grouping.groupBy, {
        start: parse(r.start),
        end: parse(r.end),
        tweetOrder: r.query.tweetIds,
        typeOrder: r.query.engagementTypes,
      })
    : undefined;
  // Daily buckets have no hours: the profile then comes from an hour-of-day grouping, when the run has one.
  const hourOnly =
    grouping && !grouping.groupBy.includes('engagement.hour')
      ? Object.entries(r.query.groupings).find(([, g]) => g.group_by.includes('engagement.hour') && !g.group_by.includes('engagement.day'))
      : undefined;
  const profiles = hourOnly ? buildSeriesMatrix(r.groupings[hourOnly[0]], hourOnly[1].group_by).hourProfile : m?.hourProfile;
  const metrics: Record<string, SeriesPanelMetric> = {};
  for (const type of m?.types ?? []) {
    metrics[type] = {
      total: Array.from(m!.total.get(type)!),
      top: topTweets(m!, type, topN).map(({ id, sum }) => ({ id, sum, values: Array.from(m!.values.get(seriesKey(id, type))!) })),
      profile: Array.from(profiles?.get(type) ?? new Float64Array(24)),
    };
  }
  return {
    ...panelRunBase(run, seriesPanelTitle(run), seriesTypeLabels()),
    kind: 'series',
    windowLabel: seriesWindowLabel(run),
    step: m?.step ?? 'hour',
    times: m?.times ?? [],
    types: m?.types ?? [],
    requested: r.query.tweetIds.length,
    withValues: m?.tweets.length ?? 0,
    metrics,
  };
}
