// Hover lookups: what hovers fetch on their own (auto-fetch, the hover's Fetch link) goes into
// ONE entry of the results cache, not a run per hover. Each fetch is merged into it Tweet by
// Tweet (core/merge.ts mergeResults: the newest numbers of a Tweet win), each Tweet keeps the
// time it was fetched (its numbers are as old as that, not as the entry), and the entry holds
// at most the cache's maxTweets, dropping the Tweets fetched longest ago.
import { answeredIds, mergeResults, ResultBuilder } from './merge';
import { RunRecord, TotalsRunRecord } from './types';

/** The lookups entry's run ID (one per store: its file is rewritten, never added to). */
export const LOOKUPS_RUN_ID = 'hover-lookups';
/** Its source, as the tree and the panel name it. */
export const LOOKUPS_SOURCE = 'Hover lookups';

export function isLookups(run: RunRecord): run is TotalsRunRecord & { kind: 'lookups' } {
  return run.kind === 'lookups';
}

/**
 * The lookups entry after one more hover fetch (`incoming`: that fetch alone, any ID). A fetch
 * with another profile, host or sandbox flag starts the entry over: numbers from the sandbox
 * and from X, or of two accounts, never mix in one entry.
 */
export function mergeLookups(existing: TotalsRunRecord | undefined, incoming: TotalsRunRecord, maxTweets: number): TotalsRunRecord {
  const base = existing && sameOrigin(existing, incoming) ? existing : undefined;
  const fetchedAt = (older: TotalsRunRecord | undefined, keep?: (id: string) => boolean) => {
    const result = older ? mergeResults(older.result, incoming.result, keep) : mergeResults(emptyLike(incoming), incoming.result, keep);
    const renewed = answeredIds(incoming.result);
    const inOlder = new Set(older?.result.query.tweetIds ?? []);
    const asked = new Set(incoming.result.query.tweetIds);
    const times: Record<string, string> = {};
    for (const id of result.query.tweetIds) {
      const fromIncoming = asked.has(id) && (renewed.has(id) || !inOlder.has(id));
      times[id] = fromIncoming ? incoming.result.finishedAt : (older?.fetchedAt?.[id] ?? older?.result.finishedAt ?? incoming.result.finishedAt);
    }
    return { result, times };
  };
  let merged = fetchedAt(base);
  const count = merged.result.query.tweetIds.length;
  if (count > maxTweets) {
    // The newest first (ties: the later in the list), then the first maxTweets of them stay.
    const order = merged.result.query.tweetIds.map((id, i) => ({ id, at: merged.times[id], i }));
    order.sort((a, b) => b.at.localeCompare(a.at) || b.i - a.i);
    const kept = new Set(order.slice(0, Math.max(1, maxTweets)).map((o) => o.id));
    merged = fetchedAt(base, (id) => kept.has(id));
  }
  return {
    id: LOOKUPS_RUN_ID,
    kind: 'lookups',
    profile: incoming.profile,
    source: LOOKUPS_SOURCE,
    result: merged.result,
    fetchedAt: merged.times,
    ...(incoming.host !== undefined ? { host: incoming.host } : {}),
    ...(incoming.sandbox ? { sandbox: true } : {}),
  };
}

function sameOrigin(a: RunRecord, b: RunRecord): boolean {
  return a.profile === b.profile && a.host === b.host && !!a.sandbox === !!b.sandbox;
}

/** A result with nothing in it, shaped like the run's (the first merge into an empty entry). */
function emptyLike(run: TotalsRunRecord): TotalsRunRecord['result'] {
  const r = run.result;
  return { ...new ResultBuilder({ tweetIds: [], engagementTypes: [], groupings: r.query.groupings }, r.startedAt).result(), requests: 0, finishedAt: r.finishedAt };
}
