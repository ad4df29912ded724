// What the fetch feature says, as pure functions of what happened: progress titles, the summary
// of skipped files, the report after a run. No `vscode`: unit tests check the words.
import { failedIdCount } from '../../core/rows';
import type { FallbackNote } from '../../core/credentialsCheck';
import { ENGAGEMENT_TYPE_LABELS, type FoundCounts, type RunRecord } from '../../core/types';
import { formatThousands, foundExtrasText, plural } from '../../shared/format';
import { forNotification } from '../../shared/untrusted';

/** A picked file that was not read, or not read whole. */
export interface SkippedFile {
  /** As shown to the user (fileLabel). */
  name: string;
  kind: 'not-regular' | 'too-large' | 'unreadable' | 'truncated';
  /** Why, in a few words, e.g. "a named pipe (FIFO)". Never echoes the path. */
  why: string;
}

export type { FoundCounts };

/** One message for the files a pick skipped: names, why, and what to do. */
export function skippedFilesMessage(skipped: SkippedFile[]): string {
  const list = skipped.map((s) => `${s.name} (${s.why})`).join('; ');
  const advice: string[] = [];
  if (skipped.some((s) => s.kind === 'not-regular')) advice.push('Only regular files are read.');
  if (skipped.some((s) => s.kind === 'too-large' || s.kind === 'truncated')) {
    advice.push('For larger exports use the command line (engagement-totals ids FILE), or open the file and select a part.');
  }
  const n = skipped.filter((s) => s.kind !== 'truncated').length;
  const head = n === skipped.length ? `Skipped ${n} file${n === 1 ? '' : 's'}` : `Skipped or cut short ${skipped.length} file${skipped.length === 1 ? '' : 's'}`;
  return `${head}: ${list}. ${advice.join(' ')}`.trim();
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** `what`: what is fetched ("engagement totals", or a time series' "engagement time series (last 28 hours)"). */
export function progressTitle(query: { tweetIds: readonly string[] }, found?: FoundCounts, what = 'engagement totals'): string {
  const n = query.tweetIds.length;
  const extras = found ? foundExtrasText(found) : '';
  const extra = extras ? ` (${extras})` : '';
  return `Fetching ${what} for ${n.toLocaleString('en-US')} Tweet${n === 1 ? '' : 's'}${extra}`;
}

/** "No Tweet IDs found in …": what was read and what counts as an ID. */
export function noIdsMessage(found: FoundCounts & { source: string }): string {
  return `No Tweet IDs found in ${forNotification(found.source)}${found.invalid ? ` (${found.invalid} long numbers were not valid Tweet IDs)` : ''}. Tweet IDs are 15–19 digit snowflakes or status URLs (x.com/…/status/…).`;
}

/** Buttons a run report may offer (the controller maps each to its command). */
export type ReportAction = 'Set credentials' | 'Retry failed batches' | 'Open log';

/** How a run went, in one message: a status bar line when all went well, else a warning (an error for 401) with the next steps. */
export function runReport(r: RunRecord['result'], what = 'totals'): { severity: 'info' | 'warning' | 'error'; message: string; actions: ReportAction[] } {
  const parts: string[] = [];
  const got = r.query.tweetIds.length - r.unavailableTweetIds.length - failedIdCount(r);
  if (r.unavailableTweetIds.length) parts.push(`${formatThousands(String(r.unavailableTweetIds.length))} unavailable`);
  if (r.forbiddenTweetIds.length)
    parts.push(`${formatThousands(String(r.forbiddenTweetIds.length))} not owned by the user${what === 'totals' ? ' (no impressions/engagements)' : ''}`);
  if (r.unsupportedForImpressionsEngagementsTweetIds.length)
    parts.push(`${formatThousands(String(r.unsupportedForImpressionsEngagementsTweetIds.length))} too old for impressions/engagements`);
  const detail = parts.length ? ` (${parts.join(', ')})` : '';
  if (r.failed.length === 0) return { severity: 'info', message: `$(check) X Engagement: ${what} for ${plural(r.query.tweetIds.length, 'Tweet')}${detail}`, actions: [] };
  const auth = r.failed.some((f) => f.status === 401);
  const message = `${r.cancelled ? 'Cancelled: kept' : 'Got'} ${what} for ${formatThousands(String(Math.max(0, got)))} of ${plural(r.query.tweetIds.length, 'Tweet')}${detail}; ${plural(r.failed.length, 'batch', 'batches')} ${r.cancelled ? 'not fetched' : 'failed'}: ${forNotification(r.failed[0].reason)}`;
  return auth
    ? { severity: 'error', message, actions: ['Set credentials', 'Retry failed batches', 'Open log'] }
    : { severity: 'warning', message, actions: ['Retry failed batches', 'Open log'] };
}

/** After the Bearer fallback: which credentials were refused, what was fetched instead and what was skipped. */
export function fallbackMessage(profile: string, f: FallbackNote): string {
  const skipped = f.skipped.map((t) => ENGAGEMENT_TYPE_LABELS[t]).join(' and ');
  return `The OAuth 1.0a credentials of "${forNotification(profile)}" were refused (${forNotification(f.reason)}). Fetched the public metrics with the profile's Bearer token instead; ${skipped} were skipped. Set credentials to fix the OAuth keys.`;
}
