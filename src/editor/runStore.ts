// The results cache shared by tree, panel and hovers: runs persisted in the extension's
// global storage (no secrets: only results and profile names), newest first, with an
// index per Tweet.
import * as vscode from 'vscode';
import { MetricsIndex, TweetLookup, CachedMetrics } from '../core/metricsIndex';
import { RunRecord } from '../core/types';

const KEY = 'xEngagement.runs.v1';

export class RunStore implements vscode.Disposable {
  private records: RunRecord[];
  /** Built on the first lookup after a change, so activation does not index every stored run. */
  private indexCache: MetricsIndex | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any add, replace or remove. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly maxRuns = 50,
    /** Older runs are dropped once the runs hold more Tweets than this (the newest is always kept). */
    private readonly maxTweets = 200_000,
  ) {
    this.records = sanitize(memento.get<unknown>(KEY));
  }

  private get index(): MetricsIndex {
    return (this.indexCache ??= new MetricsIndex(this.records));
  }

  /** Newest first. */
  runs(): readonly RunRecord[] {
    return this.records;
  }

  get(runId: string): RunRecord | undefined {
    return this.records.find((r) => r.id === runId);
  }

  async add(run: RunRecord): Promise<void> {
    const before = this.records.length;
    const isNew = !this.records.some((r) => r.id === run.id);
    this.records = keepWithin([run, ...this.records.filter((r) => r.id !== run.id)], this.maxRuns, this.maxTweets);
    // A new run and nothing dropped (the usual case, e.g. each hover auto-fetch): the index takes
    // the run as it is. Otherwise it is rebuilt on the next lookup.
    if (this.indexCache && isNew && this.records.length === before + 1) this.indexCache.add(run);
    else this.indexCache = undefined;
    await this.persist();
  }

  /** Replaces a run in place (refresh, retry of failed batches). */
  async replace(run: RunRecord): Promise<void> {
    const at = this.records.findIndex((r) => r.id === run.id);
    if (at < 0) return this.add(run);
    this.records = this.records.map((r) => (r.id === run.id ? run : r));
    this.indexCache = undefined;
    await this.persist();
  }

  async remove(runId: string): Promise<void> {
    this.records = this.records.filter((r) => r.id !== runId);
    this.indexCache = undefined;
    await this.persist();
  }

  async clear(): Promise<void> {
    this.records = [];
    this.indexCache = undefined;
    await this.persist();
  }

  lookup(tweetId: string): TweetLookup | undefined {
    return this.index.lookup(tweetId);
  }

  previousFor(tweetId: string, runId: string): CachedMetrics | undefined {
    return this.index.previousFor(tweetId, runId);
  }

  private async persist(): Promise<void> {
    await this.memento.update(KEY, this.records);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The newest runs, at most `maxRuns` of them and at most `maxTweets` Tweets in all. */
function keepWithin(runs: RunRecord[], maxRuns: number, maxTweets: number): RunRecord[] {
  const kept: RunRecord[] = [];
  let tweets = 0;
  for (const r of runs) {
    tweets += r.result.query.tweetIds.length;
    if (kept.length > 0 && (kept.length >= maxRuns || tweets > maxTweets)) break;
    kept.push(r);
  }
  return kept;
}

/** What was stored by an older or damaged version is dropped rather than trusted. */
function sanitize(value: unknown): RunRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is RunRecord =>
      typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.profile === 'string' && typeof r.result === 'object' && r.result !== null && Array.isArray(r.result.query?.tweetIds) && typeof r.result.groupings === 'object',
  );
}

let counter = 0;
/** A unique, sortable run ID. */
export function newRunId(now = new Date()): string {
  counter = (counter + 1) % 1000;
  return `${now.toISOString()}#${String(counter).padStart(3, '0')}`;
}
