// The hover's markdown, as a pure function of what is known about one Tweet, so it can be
// tested without an editor. Everything that comes from data is escaped; the only links
// are command links to the commands the hover's MarkdownString trusts. Our words come from
// `@vscode/l10n` (English in unit tests, the display language in the editor).
import * as l10n from '@vscode/l10n';
import { changeOf, TweetLookup } from '../../core/metricsIndex';
import type { TweetSeries } from '../../core/seriesMatrix';
import { engagementTypeLabels, ENGAGEMENT_TYPES, seriesTypeLabels } from '../../core/types';
import { DAY_MS, HOUR_MS } from '../../core/series';
import { ageText, bucketLabel, commandUri, escapeMarkdown, formatThousands, labelOf, seriesRunWindowLabel } from '../../shared/format';
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
 * window it covers ("Impressions per hour, last 28 hours (2024-05-31 08:00 UTC – 2024-06-01 13:00 UTC): 1,234").
 */
export function sparklineMarkdown(s: TweetSeries): string[] {
  const label = labelOf(seriesTypeLabels(), s.type);
  const step = s.step === 'day' ? DAY_MS : HOUR_MS;
  const first = s.times.length ? bucketLabel(s.times[0], s.step) : '…';
  const last = s.times.length ? bucketLabel(s.times[s.times.length - 1] + step, s.step) : '…';
  const what = escapeMarkdown(s.step === 'day' ? l10n.t('{0} per day', label) : l10n.t('{0} per hour', label));
  const sum = formatThousands(String(s.sum));
  const line =
    s.window.query.endpoint === '28hr'
      ? l10n.t('{0}, last 28 hours ({1} – {2}): {3}', what, first, last, sum)
      : l10n.t('{0}, {1} ({2} – {3}): {4}', what, escapeMarkdown(seriesRunWindowLabel(s.window)), first, last, sum);
  const show = `[${l10n.t('Show in panel')}](${commandUri(COMMANDS.showPanel, [s.runId])} "${l10n.t('Show the time series in the panel')}")`;
  return [`![${what}](${sparklineImage(s)})`, '', `$(graph-line) ${line} · ${show}`, ''];
}

/** The sparkline's data: URI, built once per series (the index hands the same object to each hover of the Tweet). */
const images = new WeakMap<TweetSeries, string>();
function sparklineImage(s: TweetSeries): string {
  let uri = images.get(s);
  if (uri === undefined) images.set(s, (uri = sparklineDataUri(s.values)));
  return uri;
}

/** The hover's line while Restricted Mode holds auto-fetch back. */
const autoFetchRestrictedNote = () => `$(shield) ${l10n.t('Auto-fetch is off in Restricted Mode: trust this workspace to turn it on.')}`;

/** The hover's line over numbers fetched from the in-editor sandbox. */
const sandboxNote = () => `$(beaker) **${l10n.t('Sandbox')}**: ${l10n.t('made-up numbers from the in-editor sandbox, not from X.')}`;

export function buildHoverMarkdown(model: HoverModel): string {
  const { id, lookup } = model;
  const lines: string[] = [`$(comment) **${l10n.t('Tweet {0}', escapeMarkdown(id))}**`, ''];
  const fetchTitle = l10n.t('Fetch engagement totals for this Tweet');
  const fetchLink = (label: string) => `[${label}](${commandUri(COMMANDS.fetchTweet, [id])} "${fetchTitle}")`;
  const openLink = `[$(link-external) ${l10n.t('Open on X')}](${commandUri(COMMANDS.openTweet, [id])} "${l10n.t('Open the Tweet on x.com')}")`;
  const fetching = `$(sync~spin) ${l10n.t('Fetching…')}`;

  // Made-up numbers are said once: over the totals when they are the sandbox's, else over a sandbox run's sparkline.
  const spark = model.series ? [...(model.series.sandbox && !lookup?.latest.sandbox ? [sandboxNote(), ''] : []), ...sparklineMarkdown(model.series)] : [];
  if (!lookup) {
    lines.push(...spark);
    lines.push(model.fetching ? fetching : fetchLink(`$(cloud-download) ${fetchTitle}`));
    lines.push('', openLink);
    if (model.autoFetchRestricted) lines.push('', autoFetchRestrictedNote());
    return lines.join('\n');
  }

  const { latest, previous } = lookup;
  if (latest.sandbox) lines.push(sandboxNote(), '');
  const types = ENGAGEMENT_TYPES.filter((t) => latest.metrics[t] !== undefined);
  if (types.length > 0) {
    const withChange = previous !== undefined;
    const head = [l10n.t('type'), l10n.t('value'), ...(withChange ? [l10n.t('change')] : [])];
    lines.push(`| ${head.join(' | ')} |`, withChange ? '|:--|--:|--:|' : '|:--|--:|');
    const labels = engagementTypeLabels();
    for (const t of types) {
      const value = formatThousands(latest.metrics[t]!);
      if (withChange) {
        const change = changeOf(latest.metrics[t], previous.metrics[t]);
        lines.push(`| ${labels[t]} | ${value} | ${change === undefined ? '' : escapeMarkdown(formatThousands(change))} |`);
      } else lines.push(`| ${labels[t]} | ${value} |`);
    }
    lines.push('');
  } else lines.push(l10n.t('No values for this Tweet in the last fetch.'), '');
  lines.push(...spark);

  const age = escapeMarkdown(ageText(latest.fetchedAt, model.nowMs));
  const profile = `*${escapeMarkdown(latest.profile)}*`;
  const fetched = model.fresh ? l10n.t('Fetched {0} with profile {1}', age, profile) : l10n.t('Fetched {0} with profile {1} (stale)', age, profile);
  const since = previous ? ` · ${l10n.t('change since {0}', escapeMarkdown(ageText(previous.fetchedAt, model.nowMs)))}` : '';
  lines.push(fetched + since, '');
  const links = [
    model.fetching ? fetching : fetchLink(`$(refresh) ${l10n.t('Refresh')}`),
    `[$(graph) ${l10n.t('Show in panel')}](${commandUri(COMMANDS.showPanel, [latest.runId])} "${l10n.t('Show the run in the panel')}")`,
    openLink,
  ];
  lines.push(links.join(' · '));
  if (model.autoFetchRestricted) lines.push('', autoFetchRestrictedNote());
  return lines.join('\n');
}
