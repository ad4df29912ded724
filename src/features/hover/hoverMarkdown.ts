// The hover's markdown, as a pure function of what is known about one Tweet, so it can be
// tested without an editor. Everything that comes from data is escaped; the only links
// are command links to the commands the hover's MarkdownString trusts.
import { changeOf, TweetLookup } from '../../core/metricsIndex';
import type { TweetSeries } from '../../core/seriesMatrix';
import { ENGAGEMENT_TYPE_LABELS, ENGAGEMENT_TYPES, SERIES_ENGAGEMENT_TYPE_LABELS } from '../../core/types';
import { ageText, commandUri, escapeMarkdown, formatThousands, seriesWindowLabel } from '../../shared/format';
import { sparklineDataUri } from '../../shared/sparkline';
import { COMMANDS } from '../../commands';

/** Commands the hover's links may run (the MarkdownString's `isTrusted.enabledCommands`). */
export const HOVER_COMMANDS = [COMMANDS.fetchTweet, COMMANDS.showPanel, COMMANDS.openTweet, COMMANDS.refreshRun] as const;

export interface HoverModel {
  id: string;
  lookup?: TweetLookup;
  /** Whether the cached numbers are younger than the max age. */
  fresh: boolean;
  /** An auto-fetch for this ID is queued or in flight. */
  fetching: boolean;
  nowMs: number;
  /** Auto-fetch is on but off in this untrusted workspace (Restricted Mode). */
  autoFetchRestricted?: boolean;
  /** The Tweet's newest fetched time series (an owned Tweet's), for the sparkline. */
  series?: TweetSeries;
}

/**
 * The sparkline lines: the image (numbers only: an SVG data: URI), then what it shows and the
 * window it covers ("Impressions per hour, last 28 hours (2024-05-31 08:00 – 2024-06-01 13:00 UTC): 1,234").
 */
export function sparklineMarkdown(s: TweetSeries): string[] {
  const label = (SERIES_ENGAGEMENT_TYPE_LABELS as Record<string, string>)[s.type] ?? s.type;
  const window = seriesWindowLabel(s.endpoint, s.queryStart ?? s.start, s.queryEnd ?? s.end);
  const utc = (ms: number | undefined) =>
    ms === undefined
      ? '…'
      : new Date(ms)
          .toISOString()
          .slice(0, s.step === 'day' ? 10 : 16)
          .replace('T', ' ');
  const first = s.times[0];
  const last = s.times.length ? s.times[s.times.length - 1] + (s.step === 'day' ? 86_400_000 : 3_600_000) : undefined;
  const alt = `${label} per ${s.step}`;
  return [
    `![${escapeMarkdown(alt)}](${sparklineDataUri(s.values)})`,
    '',
    `$(graph-line) ${escapeMarkdown(label)} per ${s.step}, ${escapeMarkdown(window.charAt(0).toLowerCase() + window.slice(1))} (${utc(first)} – ${utc(last)} UTC): ${formatThousands(String(s.sum))} · [Show in panel](${commandUri(COMMANDS.showPanel, [s.runId])} "Show the time series in the panel")`,
    '',
  ];
}

/** The hover's line while Restricted Mode holds auto-fetch back. */
export const AUTO_FETCH_RESTRICTED_NOTE = '$(shield) Auto-fetch is off in Restricted Mode: trust this workspace to turn it on.';

/** The hover's line over numbers fetched from the in-editor sandbox. */
export const SANDBOX_NOTE = '$(beaker) **Sandbox**: made-up numbers from the in-editor sandbox, not from X.';

export function buildHoverMarkdown(model: HoverModel): string {
  const { id, lookup } = model;
  const lines: string[] = [`$(comment) **Tweet ${escapeMarkdown(id)}**`, ''];
  const fetchLink = (label: string) => `[${label}](${commandUri(COMMANDS.fetchTweet, [id])} "Fetch engagement totals for this Tweet")`;
  const openLink = `[$(link-external) Open on X](${commandUri(COMMANDS.openTweet, [id])} "Open the Tweet on x.com")`;

  const spark = model.series ? sparklineMarkdown(model.series) : [];
  if (!lookup) {
    lines.push(...spark);
    lines.push(model.fetching ? '$(sync~spin) Fetching…' : fetchLink('$(cloud-download) Fetch engagement totals for this Tweet'));
    lines.push('', openLink);
    if (model.autoFetchRestricted) lines.push('', AUTO_FETCH_RESTRICTED_NOTE);
    return lines.join('\n');
  }

  const { latest, previous } = lookup;
  if (latest.sandbox) lines.push(SANDBOX_NOTE, '');
  const types = ENGAGEMENT_TYPES.filter((t) => latest.metrics[t] !== undefined);
  if (types.length > 0) {
    const withChange = previous !== undefined;
    lines.push(withChange ? '| type | value | change |' : '| type | value |', withChange ? '|:--|--:|--:|' : '|:--|--:|');
    for (const t of types) {
      const value = formatThousands(latest.metrics[t]!);
      if (withChange) {
        const change = changeOf(latest.metrics[t], previous.metrics[t]);
        lines.push(`| ${ENGAGEMENT_TYPE_LABELS[t]} | ${value} | ${change === undefined ? '' : escapeMarkdown(formatThousands(change))} |`);
      } else lines.push(`| ${ENGAGEMENT_TYPE_LABELS[t]} | ${value} |`);
    }
    lines.push('');
  } else lines.push('No values for this Tweet in the last fetch.', '');
  lines.push(...spark);

  const age = ageText(latest.fetchedAt, model.nowMs);
  const since = previous ? ` · change since ${escapeMarkdown(ageText(previous.fetchedAt, model.nowMs))}` : '';
  lines.push(`Fetched ${escapeMarkdown(age)} with profile *${escapeMarkdown(latest.profile)}*${model.fresh ? '' : ' (stale)'}${since}`, '');
  const links = [
    model.fetching ? '$(sync~spin) Fetching…' : fetchLink('$(refresh) Refresh'),
    `[$(graph) Show in panel](${commandUri(COMMANDS.showPanel, [latest.runId])} "Show the run in the panel")`,
    openLink,
  ];
  lines.push(links.join(' · '));
  if (model.autoFetchRestricted) lines.push('', AUTO_FETCH_RESTRICTED_NOTE);
  return lines.join('\n');
}
