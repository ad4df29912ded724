// From the API-shaped result to what tables, hovers and CSV need: a row per Tweet with a
// value per engagement type, and the totals per type.
import { EngagementType, GroupTree, TotalsResult, TweetRow } from './types';

/** The grouping that has a value per Tweet and type, and the order of its levels. */
export function perTweetGrouping(result: TotalsResult): { name: string; tweetFirst: boolean } | undefined {
  for (const g of result.query.groupings) {
    if (g.groupBy.length === 2 && g.groupBy.includes('tweet.id') && g.groupBy.includes('engagement.type')) {
      return { name: g.name, tweetFirst: g.groupBy[0] === 'tweet.id' };
    }
  }
  return undefined;
}

/** How many distinct Tweet IDs are in a result's failed batches (a time series' Tweet may fail in several windows). */
export function failedIdCount(result: { failed: ReadonlyArray<{ tweetIds: readonly string[] }> }): number {
  const ids = new Set<string>();
  for (const f of result.failed ?? []) for (const id of f.tweetIds) ids.add(id);
  return ids.size;
}

/**
 * A row per Tweet that has values, in the order the IDs were asked for. Empty when no
 * grouping has both tweet.id and engagement.type.
 */
export function flattenRows(result: TotalsResult): TweetRow[] {
  const found = perTweetGrouping(result);
  if (!found) return [];
  const tree = result.groupings[found.name] ?? {};
  const byId = new Map<string, TweetRow>();
  const row = (id: string) => {
    let r = byId.get(id);
    if (!r) byId.set(id, (r = { tweetId: id, metrics: {} }));
    return r;
  };
  for (const [k1, v1] of Object.entries(tree)) {
    if (typeof v1 !== 'object') continue;
    for (const [k2, v2] of Object.entries(v1)) {
      if (typeof v2 !== 'string') continue;
      const [id, type] = found.tweetFirst ? [k1, k2] : [k2, k1];
      row(id).metrics[type as EngagementType] = v2;
    }
  }
  const ordered: TweetRow[] = [];
  for (const id of result.query.tweetIds) {
    const r = byId.get(id);
    if (r) {
      ordered.push(r);
      byId.delete(id);
    }
  }
  return ordered.concat([...byId.values()]);
}

/** Walks a grouping tree: each leaf with its path of keys (in group_by order). */
export function* leaves(tree: GroupTree, path: string[] = []): Generator<{ path: string[]; value: string }> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') yield { path: [...path, k], value: v };
    else yield* leaves(v, [...path, k]);
  }
}

/** Where each requested ID ended up: its status for tables and exports. */
export type TweetStatus = 'ok' | 'unavailable' | 'forbidden' | 'failed' | 'missing';

/** rows: flattenRows(result), when the caller has it already. */
export function statusById(result: TotalsResult, rows: readonly TweetRow[] = flattenRows(result)): Map<string, TweetStatus> {
  const status = new Map<string, TweetStatus>();
  for (const id of result.query.tweetIds) status.set(id, 'missing');
  for (const r of rows) status.set(r.tweetId, 'ok');
  for (const f of result.failed) for (const id of f.tweetIds) if (status.get(id) !== 'ok') status.set(id, 'failed');
  for (const id of result.forbiddenTweetIds) if (status.get(id) !== 'ok') status.set(id, 'forbidden');
  for (const id of result.unavailableTweetIds) status.set(id, 'unavailable');
  return status;
}
