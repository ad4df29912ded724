// Tweet IDs for tests: recent snowflakes (every engagement type is available for them), made with
// the one ID rule in src/shared/tweetId.ts.
import { generatedUnavailable } from '../../src/sandbox/world';
import { snowflakeAt } from '../../src/shared/tweetId';

const DAY_MS = 86_400_000;

/**
 * `n` distinct snowflake IDs created about `daysAgo` days ago; each `seed` gives a set of its own, so
 * tests do not share IDs. None is one the sandbox answers as unavailable: the IDs move with the
 * clock, and a test that expects numbers for all of them failed on about one run in ten.
 */
export function recentIds(n: number, seed = 1, daysAgo = 1): string[] {
  const base = BigInt(snowflakeAt(Date.now() - daysAgo * DAY_MS));
  return Array.from({ length: n }, (_, i) => {
    const id = base + BigInt(seed * 1_000_003 + i * 7919);
    // +2 keeps it distinct (the IDs are 7,919 apart) and ends it in 15.
    return (generatedUnavailable(id.toString()) ? id + 2n : id).toString();
  });
}
