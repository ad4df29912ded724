// Merging the answers of many batches into one result in the API's own shape.
// Each answer is first checked against its own batch's request (checkAnswer): only the IDs
// and types that batch asked for are kept, into a small structure; only then is it merged, so
// a rejected answer leaves nothing behind. Per-Tweet levels merge as a union; aggregate
// leaves (a grouping without tweet.id, such as the grand totals of ["engagement.type"]) are
// summed, exactly, with BigInt.
import { toCount } from './lossless';
import { leaves } from './rows';
import { ceilHour, DAY_MS, floorHour, HOUR_MS, isHourKey, parseDayKey } from './series';
import { ALL_ENGAGEMENT_TYPES, AnyEngagementType, ENGAGEMENT_TYPES, EngagementType, FailedBatch, GroupTree, SeriesGroupField, TotalsQuery, TotalsResult } from './types';

/** Messages kept from one answer, and from a whole run: a server cannot grow the result with them. */
export const MAX_MESSAGES_PER_ANSWER = 20;
export const MAX_MESSAGES = 100;

/** The lists and bookkeeping every result has, beside its groupings (TotalsResult's and SeriesResult's). */
export interface ResultLists {
  unavailableTweetIds: string[];
  unsupportedForImpressionsEngagementsTweetIds: string[];
  unsupportedForVideoViewsTweetIds: string[];
  forbiddenTweetIds: string[];
  errors: string[];
  startedAt: string;
  finishedAt: string;
  requests: number;
  cancelled: boolean;
}

/** Collects a run's ID lists, messages and counts, for any endpoint's result builder. */
export class AnswerLists {
  private readonly unavailable = new Set<string>();
  private readonly unsupportedIE = new Set<string>();
  private readonly unsupportedVV = new Set<string>();
  private readonly forbidden = new Set<string>();
  private readonly errors = new Set<string>();
  requests = 0;
  cancelled = false;

  constructor(readonly startedAt = new Date().toISOString()) {}

  /** Starts from an earlier result's lists (to retry its failed batches into it). */
  static from(previous: ResultLists): AnswerLists {
    const l = new AnswerLists(previous.startedAt);
    previous.unavailableTweetIds.forEach((id) => l.unavailable.add(id));
    previous.unsupportedForImpressionsEngagementsTweetIds.forEach((id) => l.unsupportedIE.add(id));
    previous.unsupportedForVideoViewsTweetIds.forEach((id) => l.unsupportedVV.add(id));
    previous.forbiddenTweetIds.forEach((id) => l.forbidden.add(id));
    previous.errors.forEach((e) => l.errors.add(e));
    l.requests = previous.requests;
    return l;
  }

  /** The lists and messages of one answer that checkAnswer accepted. */
  add(answer: Pick<CheckedAnswer, 'unavailable' | 'unsupportedIE' | 'unsupportedVV' | 'errors'>): void {
    answer.unavailable.forEach((id) => this.unavailable.add(id));
    answer.unsupportedIE.forEach((id) => this.unsupportedIE.add(id));
    answer.unsupportedVV.forEach((id) => this.unsupportedVV.add(id));
    for (const e of answer.errors) if (this.errors.size < MAX_MESSAGES) this.errors.add(e);
  }

  addForbidden(ids: Iterable<string>): void {
    for (const id of ids) this.forbidden.add(id);
  }

  /** The lists in the order the IDs were asked for (`rank`), and the run's counts. */
  result(rank: ReadonlyMap<string, number>): ResultLists {
    const byRank = (ids: Set<string>) => [...ids].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
    return {
      unavailableTweetIds: byRank(this.unavailable),
      unsupportedForImpressionsEngagementsTweetIds: byRank(this.unsupportedIE),
      unsupportedForVideoViewsTweetIds: byRank(this.unsupportedVV),
      forbiddenTweetIds: byRank(this.forbidden),
      errors: [...this.errors],
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      requests: this.requests,
      cancelled: this.cancelled,
    };
  }
}

export class ResultBuilder {
  private readonly groupings: Record<string, GroupTree> = {};
  private readonly lists: AnswerLists;
  readonly failed: FailedBatch[] = [];

  constructor(
    readonly query: TotalsQuery,
    startedAt = new Date().toISOString(),
    lists = new AnswerLists(startedAt),
  ) {
    this.lists = lists;
    for (const g of query.groupings) this.groupings[g.name] = {};
  }

  get requests(): number {
    return this.lists.requests;
  }
  set requests(n: number) {
    this.lists.requests = n;
  }
  get cancelled(): boolean {
    return this.lists.cancelled;
  }
  set cancelled(c: boolean) {
    this.lists.cancelled = c;
  }

  /** Starts from an earlier result (to retry its failed batches into it). */
  static from(previous: TotalsResult): ResultBuilder {
    const b = new ResultBuilder(previous.query, previous.startedAt, AnswerLists.from(previous));
    for (const g of previous.query.groupings) b.groupings[g.name] = structuredClone(ownValue(previous.groupings, g.name) ?? {});
    return b;
  }

  /** Adds one answer that checkAnswer accepted. */
  addAnswer(answer: CheckedAnswer): void {
    for (const g of this.query.groupings) {
      const leaves = answer.leaves.get(g.name);
      if (leaves) for (const { path, value } of leaves) putLeaf(this.groupings[g.name], path, value, !g.groupBy.includes('tweet.id'));
    }
    this.lists.add(answer);
  }

  addForbidden(ids: Iterable<string>): void {
    this.lists.addForbidden(ids);
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
    const groupings: Record<string, GroupTree> = {};
    for (const g of this.query.groupings) groupings[g.name] = orderTree(this.groupings[g.name], g.groupBy, rank);
    const { errors, ...lists } = this.lists.result(rank);
    return { query: this.query, groupings, ...lists, failed: [...this.failed], errors };
  }
}

/**
 * The Tweets a result answered for: values in a grouping keyed by Tweet, or listed as
 * unavailable or forbidden (a failed, cancelled or missing Tweet is not answered).
 */
export function answeredIds(result: TotalsResult): Set<string> {
  const ids = new Set<string>([...result.unavailableTweetIds, ...result.forbiddenTweetIds]);
  for (const g of result.query.groupings) {
    const at = g.groupBy.indexOf('tweet.id');
    const tree = ownValue(result.groupings, g.name);
    if (at >= 0 && tree) for (const leaf of leaves(tree)) if (leaf.path[at] !== undefined) ids.add(leaf.path[at]);
  }
  return ids;
}

/**
 * Two results in one, Tweet by Tweet (the hover lookups, core/lookups.ts): a Tweet the newer
 * result answered for (answeredIds) takes all of its values, lists and failures from it; any
 * other Tweet keeps what the older result had, else what the newer one has (its failure).
 * `keep` leaves Tweets out (a size bound). Only the newer query's groupings keyed by Tweet are
 * kept: sums over two different sets of Tweets cannot be added exactly.
 */
export function mergeResults(older: TotalsResult, newer: TotalsResult, keep: (tweetId: string) => boolean = () => true): TotalsResult {
  const answered = answeredIds(newer);
  const inOlder = new Set(older.query.tweetIds);
  const newerIds = new Set(newer.query.tweetIds.filter((id) => keep(id) && (answered.has(id) || !inOlder.has(id))));
  const fromOlder = (id: string) => keep(id) && !newerIds.has(id);
  const groupings = newer.query.groupings.filter((g) => g.groupBy.includes('tweet.id'));
  const query: TotalsQuery = {
    tweetIds: [...older.query.tweetIds.filter(fromOlder), ...newerIds],
    engagementTypes: ENGAGEMENT_TYPES.filter((t) => older.query.engagementTypes.includes(t) || newer.query.engagementTypes.includes(t)),
    groupings: groupings.map((g) => ({ name: g.name, groupBy: [...g.groupBy] })),
  };
  const builder = new ResultBuilder(query, newer.startedAt);
  // The newer first: its messages win a place when there are too many.
  for (const [from, take] of [
    [newer, (id: string) => newerIds.has(id)],
    [older, (id: string) => inOlder.has(id) && fromOlder(id)],
  ] as const) {
    const leavesOf = new Map<string, CheckedLeaf[]>();
    for (const g of groupings) {
      const at = g.groupBy.indexOf('tweet.id');
      const same = from.query.groupings.some((o) => o.name === g.name && o.groupBy.join() === g.groupBy.join());
      const tree = same ? ownValue(from.groupings, g.name) : undefined;
      leavesOf.set(g.name, tree ? [...leaves(tree)].filter((l) => l.path.length === g.groupBy.length && take(l.path[at])) : []);
    }
    builder.addAnswer({
      leaves: leavesOf,
      unavailable: from.unavailableTweetIds.filter(take),
      unsupportedIE: from.unsupportedForImpressionsEngagementsTweetIds.filter(take),
      unsupportedVV: from.unsupportedForVideoViewsTweetIds.filter(take),
      errors: from.errors,
      dropped: { keys: 0, listedIds: 0 },
    });
    builder.addForbidden(from.forbiddenTweetIds.filter(take));
    for (const f of from.failed) {
      const ids = f.tweetIds.filter(take);
      if (ids.length > 0) builder.addFailed({ ...f, tweetIds: ids });
    }
  }
  builder.requests = older.requests + newer.requests;
  return { ...builder.result(), finishedAt: newer.finishedAt };
}

/** Puts one value into a tree at `path` (keys in group_by order): it replaces what was there, or with `sum` adds to it (exactly, BigInt). */
function putLeaf(tree: GroupTree, path: readonly string[], value: string, sum: boolean): void {
  let node = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const child = ownValue(node, path[i]);
    node = typeof child === 'object' ? child : (node[path[i]] = {});
  }
  const key = path[path.length - 1];
  const had = ownValue(node, key);
  node[key] = sum && typeof had === 'string' ? (BigInt(had) + BigInt(value)).toString() : value;
}

function ownValue<T>(o: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** What one batch asked for: its answer is checked against exactly this. */
export interface AskedFor {
  tweetIds: readonly string[];
  engagementTypes: readonly AnyEngagementType[];
  /**
   * The time series: the window the batch asked for (ms). The API widens its start down and its
   * end up to whole hours; day and hour keys outside that are dropped like keys not asked for.
   */
  window?: { start: number; end: number };
}

/** A grouping as checkAnswer reads it: /totals' (tweet.id, engagement.type) or the time series' (also day and hour). */
export interface CheckedGrouping {
  name: string;
  groupBy: readonly SeriesGroupField[];
}

/** One value of a grouping: its keys in group_by order, and the count as a canonical decimal. */
export interface CheckedLeaf {
  path: string[];
  value: string;
}

/** An answer reduced to what its batch asked for, ready to merge. */
export interface CheckedAnswer {
  /** grouping name → its values. */
  leaves: Map<string, CheckedLeaf[]>;
  unavailable: string[];
  unsupportedIE: string[];
  unsupportedVV: string[];
  errors: string[];
  /** Tweets and types whose values were not counts (per-Tweet levels only): to record as failed, retryable. */
  unusable?: { tweetIds: string[]; engagementTypes: EngagementType[]; reason: string };
  /** Keys (Tweet IDs, types) and listed IDs the answer had that the batch did not ask for: dropped. */
  dropped: { keys: number; listedIds: number };
}

export type CheckResult = { ok: true; answer: CheckedAnswer } | { ok: false; reason: string };

/** A value that is not a count, where it sat: the Tweet (if the level names one) and the types it covers. */
interface BadValue {
  tweetId?: string;
  types: readonly AnyEngagementType[];
  what: string;
}

/**
 * Checks one answer against its batch's request, completely, before anything is merged. Keys
 * that are not the batch's IDs (at tweet.id levels) or types (at engagement.type levels) are
 * dropped and counted, as are listed IDs of other Tweets. Values that are not whole counts ≥ 0
 * make the Tweets and types they cover unusable; at an aggregate level, or when the query also
 * sums (a retry of some Tweets would count the others twice), they reject the whole answer.
 * The walk goes no deeper than group_by, whatever the answer's depth; keys are read as own
 * properties only. `collect` false: check only, no leaves (mergeAnswerTrees merges the body
 * afterwards, without a list of 1.7 million leaves for the collector to clear).
 */
export function checkAnswer(body: unknown, asked: AskedFor, groupings: readonly CheckedGrouping[], collect = true): CheckResult {
  if (!isObject(body)) return { ok: false, reason: 'The API answered with an empty or unexpected body.' };
  const ids = new Set(asked.tweetIds);
  const types = new Set<string>(asked.engagementTypes);
  const dropped = { keys: 0, listedIds: 0 };
  const leaves = new Map<string, CheckedLeaf[]>();
  const bad: BadValue[] = [];
  for (const g of groupings) {
    if (!Object.hasOwn(body, g.name)) continue;
    const tree = body[g.name];
    if (!isObject(tree)) return { ok: false, reason: `The API's answer for grouping "${g.name}" is ${describeValue(tree)}, not a grouping.` };
    const out: CheckedLeaf[] = [];
    const badBefore = bad.length;
    const perTweet = g.groupBy.includes('tweet.id');
    walkGrouping(
      tree,
      g.groupBy,
      ids,
      types,
      {
        leaf: (path, count) => {
          if (collect) out.push({ path: [...path], value: count });
        },
        bad: (path, value) => bad.push(badValueAt(g, [...path], asked, value)),
        dropped: () => dropped.keys++,
      },
      asked.window,
    );
    if (!perTweet && bad.length > badBefore) {
      return { ok: false, reason: `The API sent a value that is not a count in grouping "${g.name}" (${describeBad(bad[badBefore])}); nothing of this batch was kept.` };
    }
    leaves.set(g.name, out);
  }
  let unusable: CheckedAnswer['unusable'];
  if (bad.length > 0) {
    const cells = describeBadList(bad);
    const sums = groupings.find((g) => !g.groupBy.includes('tweet.id'));
    if (sums) return { ok: false, reason: `The API sent values that are not counts for ${cells}; the query also sums grouping "${sums.name}", so nothing of this batch was kept.` };
    const badIds = new Set(bad.flatMap((b) => (b.tweetId === undefined ? asked.tweetIds : [b.tweetId])));
    const badTypes = new Set(bad.flatMap((b) => b.types));
    unusable = {
      tweetIds: asked.tweetIds.filter((id) => badIds.has(id)),
      engagementTypes: asked.engagementTypes.filter((t) => badTypes.has(t)) as EngagementType[], // /totals' batches ask for its own types only
      reason: `The API sent values that are not counts for ${cells}; fetch them again.`,
    };
  }
  const listed = (list: unknown): string[] => {
    if (!Array.isArray(list)) return [];
    const kept = list.filter((id): id is string => typeof id === 'string' && ids.has(id));
    dropped.listedIds += list.length - kept.length;
    return kept;
  };
  return {
    ok: true,
    answer: {
      leaves,
      unavailable: listed(body.unavailable_tweet_ids),
      unsupportedIE: listed(body.unsupported_for_impressions_engagements_tweet_ids),
      unsupportedVV: listed(body.unsupported_for_video_views_tweet_ids),
      errors: messagesOf(body),
      unusable,
      dropped,
    },
  };
}

interface GroupingVisitor {
  /** A count at `path` (keys in group_by order; the array is reused: copy it to keep it). */
  leaf(path: readonly string[], count: string): void;
  /** A value that is not a count (or not an object above the last level). */
  bad(path: readonly string[], value: unknown): void;
  /** A key the batch did not ask for (another Tweet or type), or a day or hour that is not one. */
  dropped(): void;
}

/**
 * One grouping of an answer, the way checkAnswer reads it: keys at tweet.id levels must be the
 * batch's IDs, at engagement.type levels its types, at day and hour levels real days and hours,
 * inside `window` when given (widened to whole hours: a day must overlap it, a day's hour lie in
 * it; an hour of the day without a day is any hour); the walk goes no deeper than group_by (at
 * most four levels), whatever the answer's depth.
 */
function walkGrouping(
  tree: Record<string, unknown>,
  groupBy: readonly SeriesGroupField[],
  ids: ReadonlySet<string>,
  types: ReadonlySet<string>,
  visit: GroupingVisitor,
  window?: { start: number; end: number },
): void {
  const path: string[] = [];
  const last = groupBy.length - 1;
  const dayAt = groupBy.indexOf('engagement.day');
  const hourAt = groupBy.indexOf('engagement.hour');
  const lo = window ? floorHour(window.start) : -Infinity;
  const hi = window ? ceilHour(window.end) : Infinity;
  // Day keys repeat under every Tweet and type: each is parsed once.
  const days = new Map<string, number | undefined>();
  const dayMs = (key: string): number | undefined => {
    let ms = days.get(key);
    if (ms === undefined && !days.has(key)) days.set(key, (ms = parseDayKey(key)));
    return ms;
  };
  // A day (and hour, once both are known) inside the window.
  const timeOk = (level: number, key: string): boolean => {
    if (level === hourAt) {
      if (!isHourKey(key)) return false;
      // Hours of the day (summed over the window), or hours above their day (checked at the day's level).
      if (dayAt < 0 || dayAt > level) return true;
    }
    const day = dayMs(level === dayAt ? key : path[dayAt]);
    if (day === undefined) return false;
    const other = level === dayAt ? hourAt : dayAt;
    if (other >= 0 && other < level) {
      const t = day + Number(level === hourAt ? key : path[hourAt]) * HOUR_MS;
      return t >= lo && t < hi;
    }
    return day < hi && day + DAY_MS > lo;
  };
  const walk = (node: Record<string, unknown>, level: number): void => {
    const field = groupBy[level];
    const allowed = field === 'tweet.id' ? ids : field === 'engagement.type' ? types : undefined;
    path.length = level + 1;
    for (const key of Object.keys(node)) {
      if (allowed ? !allowed.has(key) : !timeOk(level, key)) {
        visit.dropped();
        continue;
      }
      const value = node[key];
      path[level] = key;
      const count = level === last ? toCount(value) : undefined;
      if (count !== undefined) visit.leaf(path, count);
      else if (level !== last && isObject(value)) {
        walk(value, level + 1);
        path.length = level + 1;
      } else visit.bad(path, value);
    }
  };
  walk(tree, 0);
}

/**
 * Adds an answer that checkAnswer accepted (with no unusable values) into `trees`, every leaf
 * summed exactly: for callers whose batches never overlap (the time series: each batch its own
 * Tweets × window), where every level adds up.
 */
export function mergeAnswerTrees(trees: Record<string, GroupTree>, body: Record<string, unknown>, asked: AskedFor, groupings: readonly CheckedGrouping[]): void {
  const ids = new Set(asked.tweetIds);
  const types = new Set<string>(asked.engagementTypes);
  for (const g of groupings) {
    const tree = Object.hasOwn(body, g.name) ? body[g.name] : undefined;
    const into = ownValue(trees, g.name);
    if (!isObject(tree) || !into) continue;
    walkGrouping(
      tree,
      g.groupBy,
      ids,
      types,
      {
        leaf: (path, count) => putLeaf(into, path, count, true),
        bad: () => undefined,
        dropped: () => undefined,
      },
      asked.window,
    );
  }
}

/** Which Tweet and types a bad value at `path` (keys in group_by order) stands for. */
function badValueAt(g: CheckedGrouping, path: readonly string[], asked: AskedFor, value: unknown): BadValue {
  const idAt = g.groupBy.indexOf('tweet.id');
  const typeAt = g.groupBy.indexOf('engagement.type');
  return {
    tweetId: idAt >= 0 && idAt < path.length ? path[idAt] : undefined,
    types: typeAt >= 0 && typeAt < path.length ? [path[typeAt] as AnyEngagementType] : asked.engagementTypes,
    what: describeValue(value),
  };
}

function describeBad(b: BadValue): string {
  return `${b.types.length === 1 ? b.types[0] : 'all types'}: ${b.what}`;
}

/** "Tweet 1 (favorites: "-5"), Tweet 2 (…) and 3 more": the first few only, one line. */
function describeBadList(bad: readonly BadValue[]): string {
  const shown = bad.slice(0, 3).map((b) => `${b.tweetId === undefined ? 'every Tweet of the batch' : `Tweet ${b.tweetId}`} (${describeBad(b)})`);
  return shown.join(', ') + (bad.length > 3 ? ` and ${bad.length - 3} more` : '');
}

/** What a value is, without serialising it (it may be nested without limit) or echoing server text. */
function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return /^[-+.0-9eE]{1,24}$/.test(v) ? `"${v}"` : `text of ${v.length} characters`;
  return typeof v === 'boolean' ? String(v) : typeof v;
}

/** Canonical type order: the seven of /totals first, then the time series' own (the same order for both). */
const TYPE_RANK = new Map<string, number>(ALL_ENGAGEMENT_TYPES.map((t, i) => [t, i]));

/**
 * A copy of the tree with each level's keys in request order (IDs), canonical order (types) or
 * time order (days: fixed-width, so text order is time order). Hours are left as they are: a
 * JavaScript object lists "10"…"23" (integer-like keys) before "00"…"09" anyway; readers go by
 * value. (Hour levels are shared with `tree`, not copied: the caller's tree is not changed after.)
 */
export function orderTree(tree: GroupTree, groupBy: readonly SeriesGroupField[], idRank: Map<string, number>, depth = 0): GroupTree {
  const field = groupBy[depth];
  // Hours: JavaScript puts "10"…"23" first whatever the order they are set in, so a sorted copy would change nothing.
  if (field === 'engagement.hour') return tree;
  const rank = field === 'tweet.id' ? idRank : field === 'engagement.type' ? TYPE_RANK : undefined;
  const keys = Object.keys(tree).sort(rank ? (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
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

/** The answer's `errors` as raw strings (the /totals format is strings; tolerate v1.1-style objects), at most MAX_MESSAGES_PER_ANSWER. */
function rawMessages(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors
    .map((e) => (typeof e === 'string' ? e : isObject(e) && typeof e.message === 'string' ? e.message : ''))
    .filter((e) => e.length > 0)
    .slice(0, MAX_MESSAGES_PER_ANSWER);
}

/** The API's messages for display: one line each, at most 500 characters. */
export function messagesOf(body: unknown): string[] {
  return rawMessages(body).map((e) => e.replace(/\s+/g, ' ').slice(0, 500));
}

/** The IDs named by `Forbidden to access tweets: 1, 2, 3`. */
export function forbiddenIdsOf(body: unknown): string[] {
  const ids: string[] = [];
  // Read from the raw messages: the ones kept for display are cut at 500 characters, and a 403
  // for a full batch names 250 IDs (about 5,000 characters). Bounded all the same.
  for (const m of rawMessages(body)) {
    const match = /Forbidden to access tweets?:\s*(.*)$/i.exec(m.slice(0, 64 * 1024));
    if (match) for (const id of match[1].split(/[\s,]+/)) if (/^[0-9]+$/.test(id)) ids.push(id);
  }
  return ids;
}
