// The hover's markdown, as a pure function of what is known about one Tweet, so it can be
// tested without an editor. Everything that comes from data is escaped; the only links
// are command links to the commands the hover's MarkdownString trusts.
import { changeOf, TweetLookup } from '../../core/metricsIndex';
import { ENGAGEMENT_TYPE_LABELS, ENGAGEMENT_TYPES } from '../../core/types';
import { ageText, commandUri, escapeMarkdown, formatThousands } from '../../shared/format';
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

  if (!lookup) {
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
