// The Results view: runs (newest first) → groupings → their levels in group_by order →
// values, then sections for unavailable, unsupported, forbidden and failed Tweets.
// Children are built only when a node is expanded, and long levels are paged, so a run of
// 10,000 Tweets expands at once.
import * as vscode from 'vscode';
import { isEngagementType } from '../../core/plan';
import { failedIdCount } from '../../core/rows';
import { engagementTypeLabels, idSectionText, isSeriesRun, RunRecord, seriesTypeLabels } from '../../core/types';
import { RunStore } from '../../platform/runStore';
import { annotationText, counted, formatThousands, foundExtrasText, labelOf, postedLabel, runLabel, runTimeLabel, seriesRunWindowLabel, tweetCount } from '../../shared/format';
import { isLookups } from '../../core/lookups';
import { NodeFactory, PAGE_SIZE, ResultNode, RunNode, SectionKind, subtree } from './resultNodes';
import { forTooltip, forLabel } from '../../shared/untrusted';
import { INTERNAL_COMMANDS } from '../../commands';

export type { ResultNode } from './resultNodes';

/** Internal command of the "Show more…" nodes (not contributed: never in the palette). */
export const SHOW_MORE_COMMAND = INTERNAL_COMMANDS.showMore;

const TYPE_ICONS: Record<string, string> = {
  impressions: 'eye',
  engagements: 'pulse',
  favorites: 'heart',
  retweets: 'sync',
  quote_tweets: 'quote',
  replies: 'comment-discussion',
  video_views: 'play',
};

/**
 * X's words for the engagement types (Likes, Reposts…, Link clicks for the time series' own), as the
 * panel and hovers say them: built on first use (the display language is fixed while the extension
 * runs), not per tree line.
 */
let typeWords: Record<string, string> | undefined;

/** X's word for an engagement type key; other keys as they are. */
function typeWord(key: string): string {
  typeWords ??= { ...seriesTypeLabels(), ...engagementTypeLabels() };
  return labelOf(typeWords, key);
}

function typeTooltip(key: string): string {
  const word = typeWord(key);
  return word !== key ? vscode.l10n.t('{0} (API name: {1})', word, key) : key;
}

/** An hour key of a time series ("17") as shown: "17:00 UTC". */
const hourWord = (key: string) => vscode.l10n.t('{0}:00 UTC', key);

/** Each section's words and icon (a function: the words are in the display language, looked up when shown). */
function sectionInfo(kind: SectionKind): { label: string; icon: string; tooltip: string } {
  const text = idSectionText();
  switch (kind) {
    case 'unavailable':
      return { label: text.unavailable.label, icon: 'circle-slash', tooltip: text.unavailable.help };
    case 'noImpressions':
      return { label: text.noImpressions.label, icon: 'eye-closed', tooltip: text.noImpressions.help };
    case 'noVideoViews':
      return { label: text.noVideoViews.label, icon: 'device-camera-video', tooltip: text.noVideoViews.help };
    case 'forbidden':
      return { label: text.forbidden.label, icon: 'lock', tooltip: text.forbidden.help };
    case 'failed':
      return { label: vscode.l10n.t('Failed batches'), icon: 'error', tooltip: vscode.l10n.t('Batches that failed after retries. Use Retry failed batches to fetch them again.') };
    case 'messages':
      return { label: vscode.l10n.t('Messages'), icon: 'info', tooltip: vscode.l10n.t('Messages the API sent with its answers.') };
  }
}

/** The newest run the user started (the hover lookups are never it). */
function newestUserRun(runs: readonly RunRecord[]): RunRecord | undefined {
  return runs.find((r) => !isLookups(r));
}

/** A Tweet node's contextValue: "revealable" when the run knows its source files (Reveal in file). */
function tweetContext(run: RunRecord): string {
  return run.sourceUris?.length ? 'tweet revealable' : 'tweet';
}

/** "Tweet 1790…\nPosted 2024-05-01 14:03 (local time)". */
function tweetTooltip(id: string): string {
  const posted = postedLabel(id);
  return posted ? vscode.l10n.t('Tweet {0}\nPosted {1} (local time)', id, posted) : vscode.l10n.t('Tweet {0}', id);
}

/** Runs newest first (by start time, then ID). */
function sortedRuns(store: RunStore): RunRecord[] {
  return [...store.runs()].sort((a, b) => b.result.startedAt.localeCompare(a.result.startedAt) || b.id.localeCompare(a.id));
}

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ResultNode>();
  private readonly limits = new Map<string, number>();
  private readonly factory: NodeFactory;
  private readonly subscription: vscode.Disposable;
  private newestRunId: string | undefined;

  constructor(private readonly store: RunStore) {
    this.factory = new NodeFactory(
      (node) => {
        const known = this.nodes.get(node.key);
        if (known && known.kind === node.kind) return known as typeof node;
        this.nodes.set(node.key, node);
        return node;
      },
      (key) => this.limits.get(key) ?? PAGE_SIZE,
    );
    this.subscription = store.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  /** The node of a run (the same object the view holds, for reveal). */
  runNode(runId: string): RunNode | undefined {
    const run = this.store.get(runId);
    return run ? this.factory.run(run) : undefined;
  }

  getChildren(node?: ResultNode): ResultNode[] {
    if (!node) {
      const runs = sortedRuns(this.store);
      // The hover lookups grow on every hover: the newest run the user started is the one open.
      this.newestRunId = newestUserRun(runs)?.id;
      return runs.map((r) => this.factory.run(r));
    }
    const run = this.store.get(node.runId);
    return run ? this.factory.children(run, node) : [];
  }

  getParent(node: ResultNode): ResultNode | undefined {
    return node.parent;
  }

  /** Shows the next page of children under a "Show more…" node's parent. */
  showMore(more: ResultNode): void {
    if (more.kind !== 'more') return;
    const target = more.parent;
    this.limits.set(target.key, (this.limits.get(target.key) ?? PAGE_SIZE) + PAGE_SIZE);
    this.changed.fire(this.nodes.get(target.key) ?? target);
  }

  getTreeItem(node: ResultNode): vscode.TreeItem {
    const run = this.store.get(node.runId);
    const item = run ? this.describe(node, run) : new vscode.TreeItem(vscode.l10n.t('(removed)'));
    item.id = node.key;
    return item;
  }

  private describe(node: ResultNode, run: RunRecord): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'run': {
        const r = run.result;
        const lookups = isLookups(run);
        const label = lookups ? vscode.l10n.t('Hover lookups') : forLabel(runLabel(run.source, r.startedAt));
        const newest = (this.newestRunId ?? newestUserRun(sortedRuns(this.store))?.id) === run.id;
        const item = new vscode.TreeItem(label, newest ? C.Expanded : C.Collapsed);
        const failed = failedIdCount(run.result);
        const series = isSeriesRun(run) ? run.result : undefined;
        const window = series ? seriesRunWindowLabel(series) : '';
        const parts = [...(series ? [forLabel(window)] : []), tweetCount(r.query.tweetIds.length), forLabel(run.profile)];
        // Said once: the sandbox's own profile is already called Sandbox.
        if (run.sandbox && run.profile !== 'Sandbox') parts.push(vscode.l10n.t('Sandbox'));
        if (lookups) parts.push(vscode.l10n.t('updated {0}', runTimeLabel(r.finishedAt)));
        if (failed > 0) parts.push(vscode.l10n.t('⚠ {0} failed', formatThousands(String(failed))));
        if (r.cancelled) parts.push(vscode.l10n.t('cancelled'));
        const description = parts.join(' · ');
        item.description = description;
        const extras = run.found ? foundExtrasText(run.found) : '';
        const asked = formatThousands(String(r.query.tweetIds.length));
        item.tooltip = [
          ...(lookups
            ? [vscode.l10n.t('Tweets fetched by hovers, newest numbers of each (one entry, not a run per hover)')]
            : [vscode.l10n.t('Source: {0}', forTooltip(run.source))]),
          ...(series
            ? [
                series.start
                  ? vscode.l10n.t(
                      'Time series ({0}): {1}, {2} to {3}',
                      forTooltip(`/${series.query.endpoint}`),
                      forTooltip(window),
                      forTooltip(series.start),
                      forTooltip(series.end),
                    )
                  : vscode.l10n.t('Time series ({0}): {1}', forTooltip(`/${series.query.endpoint}`), forTooltip(window)),
              ]
            : []),
          ...(run.sandbox ? [vscode.l10n.t('Sandbox: made-up numbers from the in-editor sandbox, not from X')] : []),
          vscode.l10n.t('Profile: {0}', forTooltip(run.profile)),
          ...(run.host ? [vscode.l10n.t('Host: {0}', forTooltip(run.host))] : []),
          vscode.l10n.t('Started: {0}', new Date(r.startedAt).toLocaleString(vscode.env.language)),
          vscode.l10n.t('Finished: {0}', new Date(r.finishedAt).toLocaleString(vscode.env.language)),
          vscode.l10n.t('Requests: {0}', formatThousands(String(r.requests))),
          extras ? vscode.l10n.t('Tweets asked for: {0} (also found: {1})', asked, extras) : vscode.l10n.t('Tweets asked for: {0}', asked),
          vscode.l10n.t('Types: {0}', r.query.engagementTypes.map(typeTooltip).join(', ')),
          ...(failed > 0 ? [vscode.l10n.t('Failed: {0} in {1}', tweetCount(failed), counted(r.failed.length, vscode.l10n.t('{0} batch'), vscode.l10n.t('{0} batches')))] : []),
          ...(r.cancelled ? [vscode.l10n.t('Cancelled before the end')] : []),
        ].join('\n');
        item.contextValue = 'run';
        item.iconPath = new vscode.ThemeIcon(
          failed > 0 ? 'warning' : r.cancelled ? 'debug-stop' : run.sandbox ? 'beaker' : lookups ? 'search' : isSeriesRun(run) ? 'graph-line' : 'history',
        );
        item.accessibilityInformation = {
          label: `${lookups ? label : vscode.l10n.t('Run {0}', label)}, ${parts.join(', ').replace('⚠ ', '')}`,
          role: 'treeitem',
        };
        return item;
      }
      case 'grouping': {
        const tree = run.result.groupings?.[node.grouping];
        const empty = !tree || Object.keys(tree).length === 0;
        const item = new vscode.TreeItem(forLabel(node.grouping), empty ? C.None : C.Collapsed);
        const by = forLabel(node.groupBy.join(' → '));
        item.description = empty ? vscode.l10n.t('{0} · empty', by) : by;
        item.tooltip = forTooltip(vscode.l10n.t('Grouping "{0}" (group_by: {1})', node.grouping, by || vscode.l10n.t('unknown')));
        item.iconPath = new vscode.ThemeIcon('list-tree');
        item.contextValue = 'grouping';
        item.accessibilityInformation = { label: vscode.l10n.t('Grouping {0}, by {1}', node.grouping, node.groupBy.join(vscode.l10n.t(' then '))) };
        return item;
      }
      case 'level': {
        const at = subtree(run.result.groupings?.[node.grouping], node.path);
        const children = at && typeof at === 'object' ? (at as Record<string, unknown>) : {};
        const key = node.path[node.path.length - 1];
        const item = new vscode.TreeItem(forLabel(node.field === 'engagement.type' ? typeWord(key) : node.field === 'engagement.hour' ? hourWord(key) : key), C.Collapsed);
        if (node.field === 'engagement.day' || node.field === 'engagement.hour') {
          item.contextValue = 'bucket';
          item.iconPath = new vscode.ThemeIcon(node.field === 'engagement.day' ? 'calendar' : 'clock');
          const n = Object.keys(children).length;
          item.description = counted(n, vscode.l10n.t('{0} entry'), vscode.l10n.t('{0} entries'));
          item.accessibilityInformation = {
            label:
              node.field === 'engagement.day'
                ? vscode.l10n.t('Day {0}, {1}', forLabel(key), item.description)
                : vscode.l10n.t('Hour {0}, {1}', forLabel(hourWord(key)), item.description),
          };
        } else if (node.field === 'tweet.id') {
          item.contextValue = tweetContext(run);
          item.iconPath = new vscode.ThemeIcon('comment');
          // A Tweet's values one level down: a short summary on the line (not when time buckets are below).
          item.description = Object.values(children).every((v) => typeof v === 'string') ? annotationText(children as Record<string, string>) || undefined : undefined;
          item.tooltip = tweetTooltip(key);
          item.accessibilityInformation = { label: vscode.l10n.t('Tweet {0}', key) };
        } else {
          item.contextValue = 'type';
          item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[key] ?? 'symbol-number');
          const below = node.groupBy[node.path.length];
          const n = Object.keys(children).length;
          item.description = below === undefined || below === 'tweet.id' ? tweetCount(n) : counted(n, vscode.l10n.t('{0} entry'), vscode.l10n.t('{0} entries'));
          item.tooltip = forTooltip(typeTooltip(key));
          item.accessibilityInformation = { label: forLabel(`${typeWord(key)}, ${item.description}`) };
        }
        return item;
      }
      case 'value': {
        const key = node.path[node.path.length - 1];
        // Only engagement types have words: days, hours and other keys are shown as they are.
        const word = node.field === 'engagement.type' ? typeWord(key) : node.field === 'engagement.hour' ? hourWord(key) : key;
        const item = new vscode.TreeItem(forLabel(`${word}: ${formatThousands(node.value)}`), C.None);
        item.contextValue = node.tweetId ? 'tweet value' : 'value';
        item.iconPath = new vscode.ThemeIcon(node.engagementType ? (TYPE_ICONS[node.engagementType] ?? 'symbol-number') : 'comment');
        const type = node.engagementType ?? node.path.find(isEngagementType);
        const what = type ? typeWord(type) : vscode.l10n.t('total');
        const named = type ? vscode.l10n.t('{0} (API: {1})', what, type) : what;
        const value = formatThousands(node.value);
        item.tooltip = forTooltip(node.tweetId ? vscode.l10n.t('{0} of Tweet {1}: {2}', named, node.tweetId, value) : `${named}: ${value}`);
        item.accessibilityInformation = { label: forLabel(node.tweetId ? vscode.l10n.t('{0} {1} for Tweet {2}', what, node.value, node.tweetId) : `${what} ${node.value}`) };
        return item;
      }
      case 'section': {
        const info = sectionInfo(node.section);
        const item = new vscode.TreeItem(`${info.label} (${formatThousands(String(node.count))})`, C.Collapsed);
        item.contextValue = node.section === 'failed' ? 'failed' : 'section';
        item.iconPath = new vscode.ThemeIcon(info.icon, node.section === 'failed' ? new vscode.ThemeColor('list.errorForeground') : undefined);
        item.tooltip = info.tooltip;
        item.accessibilityInformation = { label: `${info.label}, ${node.count}` };
        return item;
      }
      case 'failedBatch': {
        const batch = run.result.failed[node.index];
        const item = new vscode.TreeItem(tweetCount(batch?.tweetIds.length ?? 0), C.Collapsed);
        const status = batch?.status !== undefined ? `HTTP ${batch.status}: ` : '';
        item.description = forLabel(`${status}${batch?.reason ?? ''}`);
        item.tooltip = forTooltip(
          [
            `${status}${batch?.reason ?? ''}`,
            ...(batch && 'auth' in batch ? [vscode.l10n.t('Auth: {0}', String(batch.auth)), vscode.l10n.t('Types: {0}', batch.engagementTypes.map(typeTooltip).join(', '))] : []),
            ...(batch && 'start' in batch && (batch.start || batch.end) ? [vscode.l10n.t('Window: {0} – {1}', batch.start ?? '…', batch.end ?? '…')] : []),
            batch?.retryable ? vscode.l10n.t('Retryable') : vscode.l10n.t('Not retryable'),
          ].join('\n'),
        );
        item.contextValue = 'failedBatch';
        item.iconPath = new vscode.ThemeIcon('error');
        item.accessibilityInformation = { label: vscode.l10n.t('Failed batch of {0} Tweets: {1}', batch?.tweetIds.length ?? 0, String(item.description)) };
        return item;
      }
      case 'id': {
        const item = new vscode.TreeItem(forLabel(node.tweetId), C.None);
        item.contextValue = tweetContext(run);
        item.description = postedLabel(node.tweetId) || undefined;
        item.tooltip = tweetTooltip(node.tweetId);
        item.iconPath = new vscode.ThemeIcon('comment');
        item.accessibilityInformation = { label: vscode.l10n.t('Tweet {0}', node.tweetId) };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(forLabel(node.text), C.None);
        item.tooltip = forTooltip(node.text);
        item.contextValue = 'message';
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Show more…'), C.None);
        item.description = vscode.l10n.t('{0} of {1} shown', formatThousands(String(node.shown)), formatThousands(String(node.total)));
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = { command: SHOW_MORE_COMMAND, title: vscode.l10n.t('Show more'), arguments: [node] };
        item.accessibilityInformation = { label: vscode.l10n.t('Show more, {0} of {1} shown', node.shown, node.total), role: 'button' };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
