// The cache's index: for each Tweet, its metrics from every run that fetched it, newest
// first, so hovers, tree and panel answer "what are the numbers, how old, what changed"
// in O(1).
import { flattenRows } from './rows';
import { EngagementType, isTotalsRun, RunRecord } from './types';

export interface CachedMetrics {
  runId: string;
  fetchedAt: string;
  profile: string;
  /** Fetched from the in-editor sandbox (made-up numbers). */
  sandbox?: boolean;
  metrics: Partial<Record<EngagementType, string>>;
}

export interface TweetLookup {
  latest: CachedMetrics;
  /** The fetch before the latest one, for "change since". */
  previous?: CachedMetrics;
}

export class MetricsIndex {
  private readonly byId = new Map<string, CachedMetrics[]>();

  /** Builds from runs in any order. */
  constructor(runs: readonly RunRecord[] = []) {
    // Time-series runs hold buckets of a window, not totals: hovers and "change since" never read them.
    for (const run of runs.filter(isTotalsRun).sort((a, b) => a.result.finishedAt.localeCompare(b.result.finishedAt))) this.add(run);
  }

  /** Adds a run (newer than those already in). */
  add(run: RunRecord): void {
    if (!isTotalsRun(run)) return;
    for (const row of flattenRows(run.result)) {
      // The hover lookups keep each Tweet's own fetch time (core/lookups.ts).
      const fetchedAt = run.fetchedAt?.[row.tweetId] ?? run.result.finishedAt;
      const entry: CachedMetrics = { runId: run.id, fetchedAt, profile: run.profile, ...(run.sandbox ? { sandbox: true } : {}), metrics: row.metrics };
      const list = this.byId.get(row.tweetId);
      if (list) {
        const at = list.findIndex((e) => e.runId === run.id);
        if (at >= 0) list.splice(at, 1);
        list.unshift(entry);
        list.sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt));
      } else this.byId.set(row.tweetId, [entry]);
    }
  }

  lookup(tweetId: string): TweetLookup | undefined {
    const list = this.byId.get(tweetId);
    if (!list || list.length === 0) return undefined;
    return { latest: list[0], previous: list[1] };
  }

  /** The newest metrics of a Tweet fetched before `runId`'s fetch (for a run's "change since"). */
  previousFor(tweetId: string, runId: string): CachedMetrics | undefined {
    const list = this.byId.get(tweetId);
    if (!list) return undefined;
    const at = list.findIndex((e) => e.runId === runId);
    return at >= 0 ? list[at + 1] : list[0];
  }

  get size(): number {
    return this.byId.size;
  }
}

/** Signed change between two decimal strings, e.g. "+12", "-3", "0". */
export function changeOf(now: string | undefined, before: string | undefined): string | undefined {
  if (now === undefined || before === undefined) return undefined;
  const d = BigInt(now) - BigInt(before);
  return d > 0n ? `+${d}` : d.toString();
}
