// When a Tweet's engagement happened, in the sandbox's world: one curve per Tweet, from its ID.
// A type's count up to time t is its lifetime number (what /totals answers) times the share of
// the Tweet's life that has happened by t. The share is 0 up to the creation time, rises fast
// in the first hours, then slowly over days (two exponential decays), faster at some hours of
// the day than others (a daily rhythm), with a seeded jitter per hour; it stays below 1. An
// hourly bucket is the difference of two cumulative counts, so a series over any window adds
// up exactly to the window's total, and no window's total exceeds the lifetime number.
// Pure and deterministic: no clock, no Math.random (the same ID and hour give the same number).
import * as crypto from 'node:crypto';
import { HOUR_MS } from '../core/series';
import { AnyEngagementType } from '../core/types';
import { seededRandom } from './faults';

/** A share is an integer fraction of SHARE_ONE, so counts are exact BigInt arithmetic. */
export const SHARE_ONE = 1n << 52n;
const SHARE_BITS = 52n;
const OMEGA = (2 * Math.PI) / 24;

/** The parameters of one Tweet's curve (all derived from its ID). */
export interface TweetCurve {
  createdAt: number;
  /** Share of the fast phase, 0.5–0.8. */
  fastShare: number;
  /** Decay times in hours: fast 3–12 h, slow 1.5–15 days. */
  fastHours: number;
  slowHours: number;
  /** Daily rhythm: amplitude 0.3–0.7 and the UTC hour it is centred on. */
  rhythm: number;
  phaseHours: number;
  /** Seed of the per-hour jitter. */
  seed: number;
}

export function tweetCurve(id: string, createdAt: number): TweetCurve {
  const h = crypto.createHash('sha256').update(`timeline\n${id}`, 'utf8').digest();
  const unit = (i: number) => h.readUInt16BE(i) / 65536;
  return {
    createdAt,
    fastShare: 0.5 + 0.3 * unit(0),
    fastHours: 3 + 9 * unit(2),
    slowHours: 36 + 324 * unit(4),
    rhythm: 0.3 + 0.4 * unit(6),
    phaseHours: 24 * unit(8),
    seed: h.readUInt32BE(10),
  };
}

/** Jitter of the boundary at the start of absolute hour k: −0.1…0.1 hours (less than half an hour, so boundaries keep their order). */
function jitter(seed: number, k: number): number {
  return (seededRandom((seed ^ Math.imul(k, 0x9e3779b1)) >>> 0)() - 0.5) * 0.2;
}

/**
 * The share (0…SHARE_ONE) of the Tweet's lifetime engagement that has happened by `t` (ms).
 * Non-decreasing in t; 0 up to the creation time. Between whole hours it moves linearly on
 * jittered hour boundaries (each boundary moves by less than half an hour, so order is kept).
 */
export function shareAt(curve: TweetCurve, t: number): bigint {
  if (t <= curve.createdAt) return 0n;
  const created = curve.createdAt / HOUR_MS;
  const at = t / HOUR_MS;
  const k = Math.floor(at);
  const from = k - created + jitter(curve.seed, k);
  const to = k + 1 - created + jitter(curve.seed, k + 1);
  const x = Math.max(0, from + (at - k) * (to - from));
  // Daily rhythm: a clock that runs faster around the Tweet's peak hour (its rate 1 + r·sin ≥ 0.3).
  const warped = x + (curve.rhythm / OMEGA) * (Math.cos(OMEGA * (created - curve.phaseHours)) - Math.cos(OMEGA * (created + x - curve.phaseHours)));
  const done = 1 - curve.fastShare * Math.exp(-warped / curve.fastHours) - (1 - curve.fastShare) * Math.exp(-warped / curve.slowHours);
  const share = BigInt(Math.floor(Math.min(1, Math.max(0, done)) * Number(SHARE_ONE)));
  return share > SHARE_ONE ? SHARE_ONE : share;
}

/**
 * A type's count up to the moment whose share is `share`. Every type no larger than impressions
 * over the Tweet's life follows impressions' count (its lifetime fraction of it, rounded down),
 * so in every hour it grows by no more than impressions do: engagements ≤ impressions per bucket.
 */
export function countAt(lifetime: Readonly<Record<AnyEngagementType, bigint>>, type: AnyEngagementType, share: bigint): bigint {
  const impressions = (lifetime.impressions * share) >> SHARE_BITS;
  if (type === 'impressions') return impressions;
  const total = lifetime[type];
  if (lifetime.impressions > 0n && total <= lifetime.impressions) return (total * impressions) / lifetime.impressions;
  return (total * share) >> SHARE_BITS;
}
