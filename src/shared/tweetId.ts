// What a Tweet ID is, in one place: the snowflake epoch, the ID → creation time rule, the shape a
// command argument or a webview message must have to count as an ID, and the Tweet's address.
// No `vscode`: the finder, the sandbox, the CLI, the editor and the webview page all use it.

/** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z): a snowflake's top 41 bits count ms from it. */
export const SNOWFLAKE_EPOCH_MS = 1288834974657;
/** Shortest snowflake Tweet ID the finder takes as an ID on its own (shorter ones only inside a status URL). */
export const MIN_ID_DIGITS = 15;
/** Longest: a signed 64-bit integer. */
export const MAX_ID_DIGITS = 19;
/** The largest Tweet ID (2^63 - 1). */
export const MAX_TWEET_ID = '9223372036854775807';
/** IDs up to this were handed out sequentially before snowflake (Nov 2010). */
export const PRE_SNOWFLAKE_MAX_ID = 29_999_999_999n;

/**
 * Shape check for an ID that arrives as an argument or a message (a command, the webview): digits
 * only, at most 20. Not the finder's rule (which decides what in a text is an ID): this only keeps
 * anything but a plain number out of URLs and lookups.
 */
export const TWEET_ID = /^[0-9]{1,20}$/;

/** Creation time in ms of a snowflake Tweet ID, or undefined for anything that is not one (pre-snowflake, too long, leading 0, not digits). */
export function snowflakeTime(id: string): number | undefined {
  if (id.length < MIN_ID_DIGITS || id.length > MAX_ID_DIGITS || id.charCodeAt(0) === 48) return undefined;
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
  }
  if (id.length === MAX_ID_DIGITS && id > MAX_TWEET_ID) return undefined;
  return Number((BigInt(id) >> 22n) + BigInt(SNOWFLAKE_EPOCH_MS));
}

/** The snowflake ID created at `ms` with `low` as its 22 low bits (worker, sequence): how tests and benchmarks make IDs of a chosen age. */
export function snowflakeAt(ms: number, low: bigint | number = 0n): string {
  return ((BigInt(Math.floor(ms) - SNOWFLAKE_EPOCH_MS) << 22n) | (BigInt(low) & 0x3fffffn)).toString();
}

/** The Tweet's page on x.com (the ID must pass TWEET_ID). */
export function tweetUrl(id: string): string {
  return 'https://x.com/i/web/status/' + id;
}
