// Tweet IDs for tests: recent snowflakes (every engagement type is available for them), made with
// the one ID rule in src/shared/tweetId.ts.
import { snowflakeAt } from '../../src/shared/tweetId';

const DAY_MS = 86_400_000;

/** `n` distinct snowflake IDs created about `daysAgo` days ago; each `seed` gives a set of its own, so tests do not share IDs. */
export function recentIds(n: number, seed = 1, daysAgo = 1): string[] {
  const base = BigInt(snowflakeAt(Date.now() - daysAgo * DAY_MS));
  return Array.from({ length: n }, (_, i) => (base + BigInt(seed * 1_000_003 + i * 7919)).toString());
}
