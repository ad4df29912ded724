// The Results view: runs (newest first) → groupings → their levels in group_by order →
// values, then sections for unavailable, unsupported, forbidden and failed Tweets.
// Children are built only when a node is expanded, and long levels are paged, so a run of
// 10,000 Tweets expands at once.
import * as vscode from 'vscode';
import { isEngagementType } from '../../core/plan';
import { failedIdCount } from '../../core/rows';
import { ENGAGEMENT_TYPE_LABELS, ID_SECTION_TEXT, isSeriesRun, RunRecord, SERIES_ENGAGEMENT_TYPE_LABELS, SeriesEngagementType } from '../../core/types';
import { RunStore } from '../../platform/runStore';
import { annotationText, formatThousands, seriesWindowLabel as windowWords, foundExtrasText, plural, postedLabel, runLabel, runTimeLabel } from '../../shared/format';
import { isLookups, LOOKUPS_SOURCE } from '../../core/lookups';
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

/** X's word for an engagement type (Likes, Reposts…, Link clicks for the time series' own), as the panel and hovers say it; other keys as they are. */
function typeWord(key: string): string {
  if (isEngagementType(key)) return ENGAGEMENT_TYPE_LABELS[key];
  return Object.prototype.hasOwnProperty.call(SERIES_ENGAGEMENT_TYPE_LABELS, key) ? SERIES_ENGAGEMENT_TYPE_LABELS[key as SeriesEngagementType] : key;
}

function typeTooltip(key: string): string {
  const word = typeWord(key);
  return word !== key ? `${word} (API name: ${key})` : key;
}

/** An hour key of a time series ("17") as shown: "17:00 UTC". */
const hourWord = (key: string) => `${key}:00 UTC`;

const SECTION_INFO: Record<SectionKind, { label: string; icon: string; tooltip: string }> = {
  unavailable: { label: ID_SECTION_TEXT.unavailable.label, icon: 'circle-slash', tooltip: ID_SECTION_TEXT.unavailable.help },
  noImpressions: { label: ID_SECTION_TEXT.noImpressions.label, icon: 'eye-closed', tooltip: ID_SECTION_TEXT.noImpressions.help },
  noVideoViews: { label: ID_SECTION_TEXT.noVideoViews.label, icon: 'device-camera-video', tooltip: ID_SECTION_TEXT.noVideoViews.help },
  forbidden: { label: ID_SECTION_TEXT.forbidden.label, icon: 'lock', tooltip: ID_SECTION_TEXT.forbidden.help },
  failed: { label: 'Failed batches', icon: 'error', tooltip: 'Batches that failed after retries. Use Retry failed batches to fetch them again.' },
  messages: { label: 'Messages', icon: 'info', tooltip: 'Messages the API sent with its answers.' },
};

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
  return posted ? `Tweet ${id}\nPosted ${posted} (local time)` : `Tweet ${id}`;
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
    const item = run ? this.describe(node, run) : new vscode.TreeItem('(removed)');
    item.id = node.key;
    return item;
  }

  private describe(node: ResultNode, run: RunRecord): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'run': {
        const r = run.result;
        const lookups = isLookups(run);
        const label = lookups ? LOOKUPS_SOURCE : forLabel(runLabel(run.source, r.startedAt));
        const newest = (this.newestRunId ?? newestUserRun(sortedRuns(this.store))?.id) === run.id;
        const item = new vscode.TreeItem(label, newest ? C.Expanded : C.Collapsed);
        const failed = failedIdCount(run.result);
        let description = `${isSeriesRun(run) ? `${windowWords(run.result.query.endpoint, run.result.query.start ?? run.result.start, run.result.query.end ?? run.result.end)} · ` : ''}${plural(r.query.tweetIds.length, 'Tweet')} · ${forLabel(run.profile)}`;
        // Said once: the sandbox's own profile is already called Sandbox.
        if (run.sandbox && run.profile !== 'Sandbox') description += ' · Sandbox';
        if (lookups) description += ` · updated ${runTimeLabel(r.finishedAt)}`;
        if (failed > 0) description += ` · ⚠ ${formatThousands(String(failed))} failed`;
        if (r.cancelled) description += ' · cancelled';
        item.description = description;
        item.tooltip = [
          ...(lookups ? ['Tweets fetched by hovers, newest numbers of each (one entry, not a run per hover)'] : [`Source: ${forTooltip(run.source)}`]),
          ...(isSeriesRun(run)
            ? [
                `Time series (${run.result.query.endpoint === '28hr' ? '/28hr' : '/historical'}): ${windowWords(run.result.query.endpoint, run.result.query.start ?? run.result.start, run.result.query.end ?? run.result.end)}${run.result.start ? `, ${forTooltip(run.result.start)} to ${forTooltip(run.result.end)}` : ''}`,
              ]
            : []),
          ...(run.sandbox ? ['Sandbox: made-up numbers from the in-editor sandbox, not from X'] : []),
          `Profile: ${forTooltip(run.profile)}`,
          ...(run.host ? [`Host: ${forTooltip(run.host)}`] : []),
          `Started: ${new Date(r.startedAt).toLocaleString()}`,
          `Finished: ${new Date(r.finishedAt).toLocaleString()}`,
          `Requests: ${formatThousands(String(r.requests))}`,
          `Tweets asked for: ${formatThousands(String(r.query.tweetIds.length))}${run.found && foundExtrasText(run.found) ? ` (also found: ${foundExtrasText(run.found)})` : ''}`,
          `Types: ${r.query.engagementTypes.map(typeTooltip).join(', ')}`,
          ...(failed > 0 ? [`Failed: ${plural(failed, 'Tweet')} in ${plural(r.failed.length, 'batch', 'batches')}`] : []),
          ...(r.cancelled ? ['Cancelled before the end'] : []),
        ].join('\n');
        item.contextValue = 'run';
        item.iconPath = new vscode.ThemeIcon(
          failed > 0 ? 'warning' : r.cancelled ? 'debug-stop' : run.sandbox ? 'beaker' : lookups ? 'search' : isSeriesRun(run) ? 'graph-line' : 'history',
        );
        item.accessibilityInformation = {
          label: `${lookups ? label : `Run ${label}`}, ${description.replace(/ · /g, ', ').replace('⚠ ', '')}`,
          role: 'treeitem',
        };
        return item;
      }
      case 'grouping': {
        const tree = run.result.groupings?.[node.grouping];
        const empty = !tree || Object.keys(tree).length === 0;
        const item = new vscode.TreeItem(forLabel(node.grouping), empty ? C.None : C.Collapsed);
        const by = forLabel(node.groupBy.join(' → '));
        item.description = empty ? `${by} · empty` : by;
        item.tooltip = forTooltip(`Grouping "${node.grouping}" (group_by: ${by || 'unknown'})`);
        item.iconPath = new vscode.ThemeIcon('list-tree');
        item.contextValue = 'grouping';
        item.accessibilityInformation = { label: `Grouping ${node.grouping}, by ${node.groupBy.join(' then ')}` };
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
          item.description = plural(n, 'entry', 'entries');
          item.accessibilityInformation = { label: `${node.field === 'engagement.day' ? 'Day' : 'Hour'} ${key}, ${item.description}` };
        } else if (node.field === 'tweet.id') {
          item.contextValue = tweetContext(run);
          item.iconPath = new vscode.ThemeIcon('comment');
          // A Tweet's values one level down: a short summary on the line (not when time buckets are below).
          item.description = Object.values(children).every((v) => typeof v === 'string') ? annotationText(children as Record<string, string>) || undefined : undefined;
          item.tooltip = tweetTooltip(key);
          item.accessibilityInformation = { label: `Tweet ${key}` };
        } else {
          item.contextValue = 'type';
          item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[key] ?? 'symbol-number');
          const below = node.groupBy[node.path.length];
          item.description = below === undefined || below === 'tweet.id' ? plural(Object.keys(children).length, 'Tweet') : plural(Object.keys(children).length, 'entry', 'entries');
          item.tooltip = forTooltip(typeTooltip(key));
          item.accessibilityInformation = { label: `${typeWord(key)}, ${item.description}` };
        }
        return item;
      }
      case 'value': {
        const key = node.path[node.path.length - 1];
        const word = node.field === 'engagement.hour' ? hourWord(key) : typeWord(key);
        const item = new vscode.TreeItem(forLabel(`${word}: ${formatThousands(node.value)}`), C.None);
        item.contextValue = node.tweetId ? 'tweet value' : 'value';
        item.iconPath = new vscode.ThemeIcon(node.engagementType ? (TYPE_ICONS[node.engagementType] ?? 'symbol-number') : 'comment');
        const type = node.engagementType ?? node.path.find(isEngagementType);
        const what = type ? typeWord(type) : 'total';
        const api = type ? ` (API: ${type})` : '';
        item.tooltip = forTooltip(node.tweetId ? `${what}${api} of Tweet ${node.tweetId}: ${formatThousands(node.value)}` : `${what}${api}: ${formatThousands(node.value)}`);
        item.accessibilityInformation = { label: node.tweetId ? `${what} ${node.value} for Tweet ${node.tweetId}` : `${what} ${node.value}` };
        return item;
      }
      case 'section': {
        const info = SECTION_INFO[node.section];
        const item = new vscode.TreeItem(`${info.label} (${formatThousands(String(node.count))})`, C.Collapsed);
        item.contextValue = node.section === 'failed' ? 'failed' : 'section';
        item.iconPath = new vscode.ThemeIcon(info.icon, node.section === 'failed' ? new vscode.ThemeColor('list.errorForeground') : undefined);
        item.tooltip = info.tooltip;
        item.accessibilityInformation = { label: `${info.label}, ${node.count}` };
        return item;
      }
      case 'failedBatch': {
        const batch = run.result.failed[node.index];
        const item = new vscode.TreeItem(plural(batch?.tweetIds.length ?? 0, 'Tweet'), C.Collapsed);
        const status = batch?.status !== undefined ? `HTTP ${batch.status}: ` : '';
        item.description = forLabel(`${status}${batch?.reason ?? ''}`);
        item.tooltip = forTooltip(
          [
            `${status}${batch?.reason ?? ''}`,
            ...(batch && 'auth' in batch ? [`Auth: ${batch.auth}`, `Types: ${batch.engagementTypes.map(typeTooltip).join(', ')}`] : []),
            ...(batch && 'start' in batch && (batch.start || batch.end) ? [`Window: ${batch.start ?? '…'} – ${batch.end ?? '…'}`] : []),
            batch?.retryable ? 'Retryable' : 'Not retryable',
          ].join('\n'),
        );
        item.contextValue = 'failedBatch';
        item.iconPath = new vscode.ThemeIcon('error');
        item.accessibilityInformation = { label: `Failed batch of ${batch?.tweetIds.length ?? 0} Tweets: ${item.description}` };
        return item;
      }
      case 'id': {
        const item = new vscode.TreeItem(forLabel(node.tweetId), C.None);
        item.contextValue = tweetContext(run);
        item.description = postedLabel(node.tweetId) || undefined;
        item.tooltip = tweetTooltip(node.tweetId);
        item.iconPath = new vscode.ThemeIcon('comment');
        item.accessibilityInformation = { label: `Tweet ${node.tweetId}` };
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
        const item = new vscode.TreeItem('Show more…', C.None);
        item.description = `${formatThousands(String(node.shown))} of ${formatThousands(String(node.total))} shown`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = { command: SHOW_MORE_COMMAND, title: 'Show more', arguments: [node] };
        item.accessibilityInformation = { label: `Show more, ${node.shown} of ${node.total} shown`, role: 'button' };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
