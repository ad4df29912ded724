// The per-minute request budget, shared by all concurrent batches of a run. It learns the
// window from `x-per-minute-limit` / `-remaining` / `-reset` and never sends into a window
// it knows is exhausted; without a reset header it probes with one request at a time and
// lets the 429's Retry-After say when to go on.
import { AbortError, Clock } from './clock';

export interface RateState {
  limit?: number;
  remaining?: number;
  /** ms epoch when the current window ends, if the service said. */
  resetAt?: number;
  /** ms epoch until which nothing may be sent (Retry-After, or backoff after a bare 429). */
  blockedUntil?: number;
}

/** Margin after a reset time given in whole seconds, so the first request lands in the new window. */
const RESET_MARGIN_MS = 25;
/** The per-minute window. No number a server sends makes us wait longer than this at a time. */
export const RATE_WINDOW_MS = 60_000;
/** Slack for clock skew: a reset further away than a window and this is not believed. */
const RESET_SKEW_MS = 5_000;
/** The shortest wait after a 429 that says when to come back (a Retry-After of 0, -5 or a past date). */
export const MIN_RETRY_AFTER_MS = 1_000;

export class RateBudget {
  private state: RateState = {};
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  /** Whether any answer came back (without rate headers, the service sets no known limit). */
  private answered = false;

  constructor(
    private readonly clock: Clock,
    private readonly maxConcurrency: number,
  ) {}

  snapshot(): Readonly<RateState> & { inFlight: number } {
    return { ...this.state, inFlight: this.inFlight };
  }

  /** Waits until a request may be sent; returns when it should be (counted as in flight). */
  async acquire(signal?: AbortSignal, onWait?: (until: number | undefined) => void): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const s = this.state;
      if (s.resetAt !== undefined && now >= s.resetAt + RESET_MARGIN_MS) {
        // The window is over; the next one starts with our next request.
        s.remaining = undefined;
        s.resetAt = undefined;
      }
      if (s.blockedUntil !== undefined && now < s.blockedUntil) {
        onWait?.(s.blockedUntil);
        await this.clock.sleep(s.blockedUntil - now, signal);
        continue;
      }
      if (this.inFlight >= this.maxConcurrency) {
        await this.nextRelease(signal);
        continue;
      }
      if (s.remaining === undefined) {
        // Unknown budget: the very first request goes alone to learn the limit; a new
        // window after a known one allows as many as the last known limit.
        const cap = s.limit ?? (this.answered ? Infinity : 1);
        if (this.inFlight < cap) return this.take();
        await this.nextRelease(signal);
        continue;
      }
      if (s.remaining - this.inFlight > 0) return this.take();
      if (s.resetAt !== undefined) {
        const until = s.resetAt + RESET_MARGIN_MS;
        onWait?.(until);
        await this.clock.sleep(until - now, signal);
        continue;
      }
      // Exhausted and no reset time: one probe at a time.
      if (this.inFlight === 0) return this.take();
      await this.nextRelease(signal);
    }
  }

  /** Records the answer's headers (lower-cased names) and frees the slot. */
  release(status: number | undefined, headers: Record<string, string> | undefined, backoffMs?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (status !== undefined) this.answered = true;
    const now = this.clock.now();
    const h = headers ?? {};
    const limit = intHeader(h['x-per-minute-limit']);
    const remaining = intHeader(h['x-per-minute-remaining']);
    const resetAt = saneReset(intHeader(h['x-per-minute-reset']), now);
    const s = this.state;
    if (limit !== undefined && limit > 0) s.limit = limit; // a limit of 0 would let nothing go, ever
    if (resetAt !== undefined) {
      if (s.resetAt === undefined || resetAt > s.resetAt) {
        // A newer window.
        s.resetAt = resetAt;
        s.remaining = remaining;
      } else if (resetAt === s.resetAt && remaining !== undefined) {
        s.remaining = s.remaining === undefined ? remaining : Math.min(s.remaining, remaining);
      }
    } else if (remaining !== undefined) {
      // Answers may arrive out of order: within what we know, the smallest count is the truest.
      s.remaining = s.remaining === undefined ? remaining : Math.min(s.remaining, remaining);
    }
    if (status === 429) {
      // A 429 that says when (Retry-After) or that the window is spent (remaining 0) blocks
      // everyone until then. A bare 429 while the known budget is far from spent is a
      // passing refusal, not the per-minute limit: back off briefly instead of idling
      // until the window resets.
      const retryAfter = retryAfterMs(h['retry-after'], now);
      const spent = remaining === 0 || (remaining === undefined && (s.remaining === undefined || s.remaining - this.inFlight <= 0));
      let until: number;
      if (retryAfter !== undefined) until = now + retryAfter;
      else if (spent && s.resetAt !== undefined && s.resetAt > now) until = s.resetAt + RESET_MARGIN_MS;
      else until = now + (backoffMs ?? 1000);
      if (retryAfter !== undefined || spent) s.remaining = 0;
      s.blockedUntil = Math.max(s.blockedUntil ?? 0, until);
    }
    this.wake();
  }

  private take(): void {
    this.inFlight++;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private nextRelease(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError());
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new AbortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(done);
    });
  }
}

function intHeader(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

/** A reset (epoch seconds) as ms epoch, or undefined when it is more than a window away (not believed). */
/** The reset header as people read it: "17:05:00Z (in 42 s)" for epoch seconds; anything else clamped to 20 characters. */
export function resetText(v: string, now: number): string {
  const t = v.trim();
  if (!/^\d{1,12}$/.test(t)) return t.slice(0, 20);
  const at = Number(t) * 1000;
  const inS = Math.round((at - now) / 1000);
  return `${new Date(at).toISOString().slice(11, 19)}Z (${inS >= 0 ? `in ${inS} s` : `${-inS} s ago`})`;
}

function saneReset(seconds: number | undefined, now: number): number | undefined {
  if (seconds === undefined) return undefined;
  const at = seconds * 1000;
  return at - now <= RATE_WINDOW_MS + RESET_SKEW_MS ? at : undefined;
}

/**
 * Retry-After as delay-seconds or an HTTP date, in ms from now, clamped to
 * [MIN_RETRY_AFTER_MS, RATE_WINDOW_MS]: 0, negative or past values would retry back to back.
 */
export function retryAfterMs(v: string | undefined, now: number): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  let ms: number;
  if (/^[-+]?\d+(\.\d+)?$/.test(t)) ms = Number(t) * 1000;
  else if (Number.isFinite(Date.parse(t))) ms = Date.parse(t) - now;
  else return undefined;
  return Math.min(RATE_WINDOW_MS, Math.max(MIN_RETRY_AFTER_MS, ms));
}
