// Fixture mode: serve a fixed set of Tweets and numbers instead of the generated world.
import * as fs from 'node:fs';
import { ALL_ENGAGEMENT_TYPES, AnyEngagementType } from '../core/types';

/** One Tweet of a fixture: its lifetime numbers of any type of any endpoint, as JSON numbers or strings of digits (for big values). */
export type FixtureTweet = Partial<Record<AnyEngagementType, number | string>> & {
  /** ISO 8601; default: the time in the snowflake ID. */
  created_at?: string;
  /** Owned by the sandbox user (may use impressions/engagements); default true. */
  owned?: boolean;
  /** Deleted/protected: left out and listed in unavailable_tweet_ids; default false. */
  unavailable?: boolean;
};

/** `{"tweets": {"<id>": {...}}}`. IDs not in the fixture are unavailable. */
export interface SandboxFixture {
  tweets: Record<string, FixtureTweet>;
}

/** Reads (if a path) and checks a fixture; throws an Error naming the bad entry. */
export function loadFixture(source: string | SandboxFixture): SandboxFixture {
  const raw: unknown = typeof source === 'string' ? JSON.parse(fs.readFileSync(source, 'utf8')) : source;
  const where = typeof source === 'string' ? `fixture ${source}` : 'fixture';
  if (!raw || typeof raw !== 'object' || !('tweets' in raw) || !raw.tweets || typeof raw.tweets !== 'object') {
    throw new Error(`${where}: expected {"tweets": {"<id>": {...}}}`);
  }
  const tweets = raw.tweets as Record<string, unknown>;
  for (const [id, t] of Object.entries(tweets)) {
    if (!/^\d{1,20}$/.test(id)) throw new Error(`${where}: "${id}" is not a Tweet ID`);
    if (!t || typeof t !== 'object') throw new Error(`${where}: tweet ${id} must be an object`);
    const tweet = t as Record<string, unknown>;
    for (const type of ALL_ENGAGEMENT_TYPES) {
      const v = tweet[type];
      if (v === undefined) continue;
      const ok = (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && /^\d+$/.test(v));
      if (!ok) throw new Error(`${where}: tweet ${id}: ${type} must be a non-negative integer or a string of digits`);
    }
    if (tweet.created_at !== undefined && (typeof tweet.created_at !== 'string' || Number.isNaN(Date.parse(tweet.created_at)))) {
      throw new Error(`${where}: tweet ${id}: created_at must be an ISO 8601 date`);
    }
    for (const flag of ['owned', 'unavailable']) {
      if (tweet[flag] !== undefined && typeof tweet[flag] !== 'boolean') throw new Error(`${where}: tweet ${id}: ${flag} must be true or false`);
    }
  }
  return { tweets: tweets as Record<string, FixtureTweet> };
}
