// What the fetch feature says, as pure functions of what happened: progress titles, the summary
// of skipped files, the report after a run. No `vscode`: unit tests check the words (English:
// `@vscode/l10n` is not configured there; in the editor it speaks the display language).
import * as l10n from '@vscode/l10n';
import { failedIdCount } from '../../core/rows';
import type { FallbackNote } from '../../core/credentialsCheck';
import { engagementTypeLabels, type FoundCounts, type RunRecord, type TotalsQuery } from '../../core/types';
import type { SeriesQuery } from '../../core/seriesRun';
import { counted, formatThousands, foundExtrasText, tweetCount } from '../../shared/format';
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
  const list = skipped.map((s) => l10n.t('{0} ({1})', s.name, s.why)).join(l10n.t('; '));
  const advice: string[] = [];
  if (skipped.some((s) => s.kind === 'not-regular')) advice.push(l10n.t('Only regular files are read.'));
  if (skipped.some((s) => s.kind === 'too-large' || s.kind === 'truncated')) {
    advice.push(l10n.t('For larger exports use the command line (engagement-totals ids FILE), or open the file and select a part.'));
  }
  const n = skipped.filter((s) => s.kind !== 'truncated').length;
  const head =
    n === skipped.length
      ? counted(n, l10n.t('Skipped {0} file'), l10n.t('Skipped {0} files'))
      : counted(skipped.length, l10n.t('Skipped or cut short {0} file'), l10n.t('Skipped or cut short {0} files'));
  return l10n.t('{0}: {1}. {2}', head, list, advice.join(' ')).trim();
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return l10n.t('{0} bytes', bytes);
  if (bytes < 1024 * 1024) return l10n.t('{0} KB', Math.round(bytes / 1024));
  const mb = bytes / (1024 * 1024);
  return l10n.t('{0} MB', mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1));
}

/** A time series' title names its window: the last 28 hours, or the range's first day. */
export function progressTitle(query: TotalsQuery | SeriesQuery, found?: FoundCounts): string {
  const n = query.tweetIds.length;
  const extras = found ? foundExtrasText(found) : '';
  const series = 'endpoint' in query ? query : undefined;
  const title = !series
    ? counted(n, l10n.t('Fetching engagement totals for {0} Tweet'), l10n.t('Fetching engagement totals for {0} Tweets'))
    : series.endpoint === '28hr'
      ? counted(n, l10n.t('Fetching engagement time series (last 28 hours) for {0} Tweet'), l10n.t('Fetching engagement time series (last 28 hours) for {0} Tweets'))
      : counted(n, l10n.t('Fetching engagement time series for {0} Tweet'), l10n.t('Fetching engagement time series for {0} Tweets'));
  const notes = [series?.start ? l10n.t('from {0}', forNotification(series.start.slice(0, 10))) : '', extras].filter(Boolean).join(l10n.t(', '));
  return notes ? l10n.t('{0} ({1})', title, notes) : title;
}

/** "No Tweet IDs found in …": what was read and what counts as an ID. */
export function noIdsMessage(found: FoundCounts & { source: string }): string {
  const source = forNotification(found.source);
  return found.invalid
    ? l10n.t(
        'No Tweet IDs found in {0} ({1} long numbers were not valid Tweet IDs). Tweet IDs are 15–19 digit snowflakes or status URLs (x.com/…/status/…).',
        source,
        found.invalid,
      )
    : l10n.t('No Tweet IDs found in {0}. Tweet IDs are 15–19 digit snowflakes or status URLs (x.com/…/status/…).', source);
}

/** Buttons a run report may offer (the controller maps each to its command). */
export type ReportAction = 'setCredentials' | 'retryFailed' | 'openLog' | 'useSandbox';

/** A button's words in the display language (the message shows these; the controller maps them back). */
export function actionTitle(action: ReportAction): string {
  switch (action) {
    case 'setCredentials':
      return l10n.t('Set credentials');
    case 'retryFailed':
      return l10n.t('Retry failed batches');
    case 'openLog':
      return l10n.t('Open log');
    case 'useSandbox':
      return l10n.t('Use sandbox');
  }
}

/** How a run went, in one message: a status bar line when all went well, else a warning (an error for 401) with the next steps. */
/** `kind`: a totals run, or a time series (whose not-owned Tweets have no series at all, not only no impressions). */
export function runReport(r: RunRecord['result'], kind: 'totals' | 'series' = 'totals'): { severity: 'info' | 'warning' | 'error'; message: string; actions: string[] } {
  const parts: string[] = [];
  const got = r.query.tweetIds.length - r.unavailableTweetIds.length - failedIdCount(r);
  const count = (n: number) => formatThousands(String(n));
  const series = kind === 'series';
  if (r.unavailableTweetIds.length) parts.push(l10n.t('{0} unavailable', count(r.unavailableTweetIds.length)));
  if (r.forbiddenTweetIds.length)
    parts.push(
      series
        ? l10n.t('{0} not owned by the user', count(r.forbiddenTweetIds.length))
        : l10n.t('{0} not owned by the user (no impressions/engagements)', count(r.forbiddenTweetIds.length)),
    );
  if (r.unsupportedForImpressionsEngagementsTweetIds.length)
    parts.push(l10n.t('{0} too old for impressions/engagements', count(r.unsupportedForImpressionsEngagementsTweetIds.length)));
  const tweets = tweetCount(r.query.tweetIds.length);
  const what = parts.length ? l10n.t('{0} ({1})', tweets, parts.join(l10n.t(', '))) : tweets;
  if (r.failed.length === 0)
    return { severity: 'info', message: `$(check) ${series ? l10n.t('X Engagement: time series for {0}', what) : l10n.t('X Engagement: totals for {0}', what)}`, actions: [] };
  const auth = r.failed.some((f) => f.status === 401);
  const batches = counted(r.failed.length, l10n.t('{0} batch'), l10n.t('{0} batches'));
  const reason = forNotification(r.failed[0].reason);
  const gotCount = count(Math.max(0, got));
  const message = series
    ? r.cancelled
      ? l10n.t('Cancelled: kept time series for {0} of {1}; {2} not fetched: {3}', gotCount, what, batches, reason)
      : l10n.t('Got time series for {0} of {1}; {2} failed: {3}', gotCount, what, batches, reason)
    : r.cancelled
      ? l10n.t('Cancelled: kept totals for {0} of {1}; {2} not fetched: {3}', gotCount, what, batches, reason)
      : l10n.t('Got totals for {0} of {1}; {2} failed: {3}', gotCount, what, batches, reason);
  const actions: ReportAction[] = auth ? ['setCredentials', 'retryFailed', 'openLog'] : ['retryFailed', 'openLog'];
  return { severity: auth ? 'error' : 'warning', message, actions: actions.map(actionTitle) };
}

/** After the Bearer fallback: which credentials were refused, what was fetched instead and what was skipped. */
export function fallbackMessage(profile: string, f: FallbackNote): string {
  const labels = engagementTypeLabels();
  const skipped = f.skipped.map((t) => labels[t]).join(l10n.t(' and '));
  return l10n.t(
    'The OAuth 1.0a credentials of "{0}" were refused ({1}). Fetched the public metrics with the profile\'s Bearer token instead; {2} were skipped. Set credentials to fix the OAuth keys.',
    forNotification(profile),
    forNotification(f.reason),
    skipped,
  );
}
