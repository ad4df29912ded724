// Per-window request counter. A window starts with the first request after the previous
// window ended (not aligned to clock minutes).
export interface RateState {
  limit: number;
  remaining: number;
  /** When the current window ends, epoch seconds (rounded up). */
  resetEpochSeconds: number;
}

export type RateDecision = ({ allowed: true } | { allowed: false; retryAfterSeconds: number }) & { state: RateState };

export class RateLimiter {
  private windowStart: number | undefined;
  private count = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request at `now` (ms) unless the window is exhausted. */
  take(now: number): RateDecision {
    this.roll(now);
    if (this.count >= this.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart! + this.windowMs - now) / 1000));
      return { allowed: false, retryAfterSeconds, state: this.state(now) };
    }
    this.count++;
    return { allowed: true, state: this.state(now) };
  }

  /** The state as it stands at `now`, without counting a request. */
  state(now: number): RateState {
    const active = this.windowStart !== undefined && now < this.windowStart + this.windowMs;
    const end = active ? this.windowStart! + this.windowMs : now + this.windowMs;
    return { limit: this.limit, remaining: Math.max(0, this.limit - (active ? this.count : 0)), resetEpochSeconds: Math.ceil(end / 1000) };
  }

  private roll(now: number): void {
    if (this.windowStart === undefined || now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
  }
}

/** The headers every answer carries. */
export function rateHeaders(s: RateState): Record<string, string> {
  return {
    'x-per-minute-limit': String(s.limit),
    'x-per-minute-remaining': String(s.remaining),
    'x-per-minute-reset': String(s.resetEpochSeconds),
  };
}
