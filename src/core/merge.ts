// Merging the answers of many batches into one result in the API's own shape.
// Per-Tweet levels merge as a union; aggregate leaves (a grouping without tweet.id, such
// as the grand totals of ["engagement.type"]) are summed, exactly, with BigInt.
import { toCount } from './lossless';
import { ENGAGEMENT_TYPES, FailedBatch, GroupField, GroupTree, TotalsQuery, TotalsResult } from './types';

export class ResultBuilder {
  private readonly groupings: Record<string, GroupTree> = {};
  private readonly unavailable = new Set<string>();
  private readonly unsupportedIE = new Set<string>();
  private readonly unsupportedVV = new Set<string>();
  private readonly forbidden = new Set<string>();
  private readonly errors = new Set<string>();
  readonly failed: FailedBatch[] = [];
  requests = 0;
  cancelled = false;

  constructor(
    readonly query: TotalsQuery,
    readonly startedAt = new Date().toISOString(),
  ) {
    for (const g of query.groupings) this.groupings[g.name] = {};
  }

  /** Starts from an earlier result (to retry its failed batches into it). */
  static from(previous: TotalsResult): ResultBuilder {
    const b = new ResultBuilder(previous.query, previous.startedAt);
    for (const g of previous.query.groupings) b.groupings[g.name] = structuredClone(previous.groupings[g.name] ?? {});
    previous.unavailableTweetIds.forEach((id) => b.unavailable.add(id));
    previous.unsupportedForImpressionsEngagementsTweetIds.forEach((id) => b.unsupportedIE.add(id));
    previous.unsupportedForVideoViewsTweetIds.forEach((id) => b.unsupportedVV.add(id));
    previous.forbiddenTweetIds.forEach((id) => b.forbidden.add(id));
    previous.errors.forEach((e) => b.errors.add(e));
    b.requests = previous.requests;
    return b;
  }

  /** Adds one 200 answer (or the lists of a 400 "all unavailable" answer). */
  addAnswer(body: unknown): void {
    if (!isObject(body)) return;
    for (const g of this.query.groupings) {
      const tree = body[g.name];
      if (isObject(tree)) mergeTree(this.groupings[g.name], tree, !g.groupBy.includes('tweet.id'), g.groupBy.length, (m) => this.errors.add(m));
    }
    addIds(this.unavailable, body.unavailable_tweet_ids);
    addIds(this.unsupportedIE, body.unsupported_for_impressions_engagements_tweet_ids);
    addIds(this.unsupportedVV, body.unsupported_for_video_views_tweet_ids);
    for (const e of messagesOf(body)) this.errors.add(e);
  }

  addForbidden(ids: Iterable<string>): void {
    for (const id of ids) this.forbidden.add(id);
  }

  addFailed(batch: FailedBatch): void {
    this.failed.push(batch);
  }

  /**
   * The merged result. Batches answer in any order; keys and lists are put back in the
   * order the IDs were asked for (and types in their canonical order), so the same query
   * always gives the same output.
   */
  result(): TotalsResult {
    const rank = new Map(this.query.tweetIds.map((id, i) => [id, i]));
    const byRank = (ids: Set<string>) => [...ids].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
    const groupings: Record<string, GroupTree> = {};
    for (const g of this.query.groupings) groupings[g.name] = orderTree(this.groupings[g.name], g.groupBy, rank);
    return {
      query: this.query,
      groupings,
      unavailableTweetIds: byRank(this.unavailable),
      unsupportedForImpressionsEngagementsTweetIds: byRank(this.unsupportedIE),
      unsupportedForVideoViewsTweetIds: byRank(this.unsupportedVV),
      forbiddenTweetIds: byRank(this.forbidden),
      failed: [...this.failed],
      errors: [...this.errors],
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      requests: this.requests,
      cancelled: this.cancelled,
    };
  }
}

/**
 * Merges `from` into `into`. `depth` is the number of group_by levels left; leaves sit at
 * depth 1. `sum` says leaves are aggregates to add up rather than per-Tweet values.
 */
function mergeTree(into: GroupTree, from: Record<string, unknown>, sum: boolean, depth: number, onBad: (m: string) => void): void {
  for (const [key, value] of Object.entries(from)) {
    if (key === '__proto__') continue;
    if (depth <= 1) {
      const count = toCount(value);
      if (count === undefined) {
        onBad(`Ignored a value that is not a count: ${JSON.stringify(value).slice(0, 40)} at "${key}"`);
        continue;
      }
      const had = into[key];
      into[key] = sum && typeof had === 'string' ? (BigInt(had) + BigInt(count)).toString() : count;
    } else if (isObject(value)) {
      const child = into[key];
      const target: GroupTree = typeof child === 'object' ? child : (into[key] = {});
      mergeTree(target, value, sum, depth - 1, onBad);
    }
  }
}

const TYPE_RANK = new Map<string, number>(ENGAGEMENT_TYPES.map((t, i) => [t, i]));

/** A copy of the tree with each level's keys in request order (IDs) or canonical order (types). */
function orderTree(tree: GroupTree, groupBy: readonly GroupField[], idRank: Map<string, number>, depth = 0): GroupTree {
  const rank = groupBy[depth] === 'tweet.id' ? idRank : TYPE_RANK;
  const keys = Object.keys(tree).sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  const out: GroupTree = {};
  for (const k of keys) {
    const v = tree[k];
    out[k] = typeof v === 'string' ? v : orderTree(v, groupBy, idRank, depth + 1);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function addIds(set: Set<string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const id of list) if (typeof id === 'string' && /^[0-9]+$/.test(id)) set.add(id);
}

/** The API's `errors` as strings (the /totals format is strings; tolerate v1.1-style objects). */
export function messagesOf(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors
    .map((e) => (typeof e === 'string' ? e : isObject(e) && typeof e.message === 'string' ? e.message : ''))
    .filter((e) => e.length > 0)
    .map((e) => e.replace(/\s+/g, ' ').slice(0, 500));
}

/** The IDs named by `Forbidden to access tweets: 1, 2, 3`. */
export function forbiddenIdsOf(messages: readonly string[]): string[] {
  const ids: string[] = [];
  for (const m of messages) {
    const match = /Forbidden to access tweets?:\s*(.*)$/i.exec(m);
    if (match) for (const id of match[1].split(/[\s,]+/)) if (/^[0-9]+$/.test(id)) ids.push(id);
  }
  return ids;
}
