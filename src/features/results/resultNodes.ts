// The nodes of the Results view and their children, computed from a run on demand.
// Plain TypeScript (no 'vscode'): the provider turns nodes into TreeItems. Every node
// carries `runId` (the lead's showPanel/refreshRun/retryFailed read it) and, where it
// has them, the raw `tweetId` and `value` for the copy/open commands.
import { EngagementType, GroupTree, isSeriesRun, RunRecord, SeriesGroupField } from '../../core/types';

/** Children shown per page under one node before a "Show more…" node. */
export const PAGE_SIZE = 1000;

export type SectionKind = 'unavailable' | 'noImpressions' | 'noVideoViews' | 'forbidden' | 'failed' | 'messages';

interface NodeBase {
  /** Unique in the whole tree and stable across refreshes (the TreeItem id). */
  readonly key: string;
  readonly runId: string;
  readonly parent?: ResultNode;
  readonly tweetId?: string;
  readonly value?: string;
}

export interface RunNode extends NodeBase {
  readonly kind: 'run';
}
export interface GroupingNode extends NodeBase {
  readonly kind: 'grouping';
  readonly grouping: string;
  readonly groupBy: SeriesGroupField[];
}
/** A key of a grouping tree that has more levels below it. */
export interface LevelNode extends NodeBase {
  readonly kind: 'level';
  readonly grouping: string;
  readonly groupBy: SeriesGroupField[];
  readonly path: string[];
  readonly field: SeriesGroupField;
}
/** A key of a grouping tree with its value. */
export interface ValueNode extends NodeBase {
  readonly kind: 'value';
  readonly grouping: string;
  readonly path: string[];
  readonly field: SeriesGroupField;
  readonly value: string;
  readonly engagementType?: EngagementType;
}
export interface SectionNode extends NodeBase {
  readonly kind: 'section';
  readonly section: SectionKind;
  readonly count: number;
}
export interface FailedBatchNode extends NodeBase {
  readonly kind: 'failedBatch';
  readonly index: number;
}
export interface IdNode extends NodeBase {
  readonly kind: 'id';
  readonly tweetId: string;
}
export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly text: string;
}
export interface MoreNode extends NodeBase {
  readonly kind: 'more';
  /** The node whose children are paged. */
  readonly parent: ResultNode;
  readonly shown: number;
  readonly total: number;
}

export type ResultNode = RunNode | GroupingNode | LevelNode | ValueNode | SectionNode | FailedBatchNode | IdNode | MessageNode | MoreNode;

const seg = (s: string) => encodeURIComponent(s);

export function runKey(runId: string): string {
  return `run/${seg(runId)}`;
}

/** The field a level of a grouping tree is keyed by: from group_by, else guessed from the key. */
function fieldAt(groupBy: SeriesGroupField[], depth: number, key: string): SeriesGroupField {
  return groupBy[depth] ?? (/^\d+$/.test(key) ? 'tweet.id' : 'engagement.type');
}

export function subtree(tree: GroupTree | undefined, path: readonly string[]): GroupTree | string | undefined {
  let at: GroupTree | string | undefined = tree;
  for (const k of path) {
    if (at === undefined || typeof at === 'string') return undefined;
    at = Object.prototype.hasOwnProperty.call(at, k) ? at[k] : undefined;
  }
  return at;
}

/** The ID lists of a run's sections, in display order. */
export function sectionIds(run: RunRecord, section: SectionKind): string[] {
  const r = run.result;
  switch (section) {
    case 'unavailable':
      return r.unavailableTweetIds ?? [];
    case 'noImpressions':
      return r.unsupportedForImpressionsEngagementsTweetIds ?? [];
    case 'noVideoViews':
      return r.unsupportedForVideoViewsTweetIds ?? [];
    case 'forbidden':
      return r.forbiddenTweetIds ?? [];
    default:
      return [];
  }
}

export function sectionCount(run: RunRecord, section: SectionKind): number {
  if (section === 'failed') return run.result.failed?.length ?? 0;
  if (section === 'messages') return run.result.errors?.length ?? 0;
  return sectionIds(run, section).length;
}

/** The groupings a run asked for, in its order: a list for totals, name → group_by for time series. */
export function declaredGroupings(run: RunRecord): Array<{ name: string; groupBy: SeriesGroupField[] }> {
  if (isSeriesRun(run)) return Object.entries(run.result.query.groupings ?? {}).map(([name, g]) => ({ name, groupBy: [...(g?.group_by ?? [])] }));
  return run.result.query.groupings ?? [];
}

const SECTIONS: SectionKind[] = ['unavailable', 'noImpressions', 'noVideoViews', 'forbidden', 'failed', 'messages'];

/**
 * Builds children lazily; `intern` keeps one object per key so the view can be told to
 * refresh a node it already holds; `limitOf` says how many children of a node to show.
 */
export class NodeFactory {
  constructor(
    private readonly intern: <T extends ResultNode>(node: T) => T,
    private readonly limitOf: (key: string) => number,
  ) {}

  run(run: RunRecord): RunNode {
    return this.intern({ kind: 'run', key: runKey(run.id), runId: run.id });
  }

  children(run: RunRecord, node: ResultNode): ResultNode[] {
    switch (node.kind) {
      case 'run':
        return this.runChildren(run, node);
      case 'grouping':
        return this.levelChildren(run, node, node.grouping, node.groupBy, []);
      case 'level':
        return this.levelChildren(run, node, node.grouping, node.groupBy, node.path);
      case 'section':
        return this.sectionChildren(run, node);
      case 'failedBatch':
        return this.idChildren(node, run.result.failed?.[node.index]?.tweetIds ?? []);
      default:
        return [];
    }
  }

  private runChildren(run: RunRecord, node: RunNode): ResultNode[] {
    const out: ResultNode[] = [];
    const declared = declaredGroupings(run);
    const names = new Set(declared.map((g) => g.name));
    const all = [
      ...declared,
      ...Object.keys(run.result.groupings ?? {})
        .filter((n) => !names.has(n))
        .map((name) => ({ name, groupBy: [] as SeriesGroupField[] })),
    ];
    for (const g of all) {
      out.push(this.intern({ kind: 'grouping', key: `${node.key}/g/${seg(g.name)}`, runId: run.id, parent: node, grouping: g.name, groupBy: g.groupBy }));
    }
    for (const section of SECTIONS) {
      const count = sectionCount(run, section);
      if (count > 0) out.push(this.intern({ kind: 'section', key: `${node.key}/s/${section}`, runId: run.id, parent: node, section, count }));
    }
    return out;
  }

  private levelChildren(run: RunRecord, node: GroupingNode | LevelNode, grouping: string, groupBy: SeriesGroupField[], path: string[]): ResultNode[] {
    const at = subtree(run.result.groupings?.[grouping], path);
    if (at === undefined || typeof at === 'string') return [];
    const keys = Object.keys(at);
    const tweetOnPath = (p: string[]) => {
      for (let d = 0; d < p.length; d++) if (fieldAt(groupBy, d, p[d]) === 'tweet.id') return p[d];
      return undefined;
    };
    return this.paged(node, keys, (k) => {
      const childPath = [...path, k];
      const field = fieldAt(groupBy, path.length, k);
      const key = `${node.key}/${seg(k)}`;
      const v = at[k];
      const tweetId = tweetOnPath(childPath);
      if (typeof v === 'string') {
        const engagementType = field === 'engagement.type' ? (k as EngagementType) : undefined;
        return this.intern({ kind: 'value', key, runId: run.id, parent: node, grouping, path: childPath, field, value: v, tweetId, engagementType });
      }
      return this.intern({ kind: 'level', key, runId: run.id, parent: node, grouping, groupBy, path: childPath, field, tweetId });
    });
  }

  private sectionChildren(run: RunRecord, node: SectionNode): ResultNode[] {
    if (node.section === 'failed') {
      return (run.result.failed ?? []).map((_, index) => this.intern({ kind: 'failedBatch', key: `${node.key}/${index}`, runId: run.id, parent: node, index }));
    }
    if (node.section === 'messages') {
      return (run.result.errors ?? []).map((text, i) => this.intern({ kind: 'message', key: `${node.key}/${i}`, runId: run.id, parent: node, text }));
    }
    return this.idChildren(node, sectionIds(run, node.section));
  }

  private idChildren(node: SectionNode | FailedBatchNode, ids: string[]): ResultNode[] {
    return this.paged(node, ids, (id, i) => this.intern({ kind: 'id', key: `${node.key}/${i}/${seg(id)}`, runId: node.runId, parent: node, tweetId: id }));
  }

  private paged<K>(node: ResultNode, keys: readonly K[], make: (k: K, i: number) => ResultNode): ResultNode[] {
    const limit = this.limitOf(node.key);
    const shown = Math.min(keys.length, limit);
    const out: ResultNode[] = new Array(shown);
    for (let i = 0; i < shown; i++) out[i] = make(keys[i], i);
    if (keys.length > shown) {
      out.push(this.intern({ kind: 'more', key: `${node.key}/more/${shown}`, runId: node.runId, parent: node, shown, total: keys.length }));
    }
    return out;
  }
}
