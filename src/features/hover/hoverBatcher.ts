// Collects the Tweet IDs hovered within a short window into few fetches, so hover
// auto-fetch never sends a request per mouse move. Plain TypeScript (no 'vscode'): the
// timer, the clock and the cancellation tokens are injected.
//
// Rules: an ID is sent at most once while fresh or in flight; a queued ID whose every
// requesting hover was cancelled before its batch left is dropped; a batch leaves
// `delayMs` after the last ID joined it (debounced, but at most `maxWaitMs` after the
// first), or at once when it holds `maxBatch` IDs.

export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The shape of a vscode.CancellationToken, without importing vscode. */
export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface HoverBatcherOptions {
  /** Sends one batch; the signal aborts when the batcher is disposed. */
  send(ids: string[], signal: AbortSignal): Promise<unknown>;
  /** Whether the cache already holds fresh numbers for the ID. */
  isFresh(id: string): boolean;
  timer?: BatchTimer;
  now?: () => number;
  /** Quiet time after the last hovered ID before the batch leaves (ms). */
  delayMs?: number;
  /** Longest a batch waits after its first ID (ms), however busy the hovering. */
  maxWaitMs?: number;
  /** IDs per batch (the API takes 250 per request). */
  maxBatch?: number;
  /** After a fetch that left an ID without fresh numbers, how long before it may be sent again (ms). */
  retryAfterMs?: number;
  onError?(error: unknown): void;
}

export type HoverRequestOutcome = 'queued' | 'fresh' | 'in-flight' | 'cancelled' | 'recently-tried' | 'disposed';

interface Waiting {
  /** Hovers still wanting the ID; an entry is a token (or a marker object for none). */
  wanters: Set<object>;
  /** Listener registrations, disposed when the ID leaves the queue. */
  subscriptions: { dispose(): void }[];
}

export class HoverFetchBatcher {
  private readonly queue = new Map<string, Waiting>();
  private readonly inFlight = new Set<string>();
  private readonly triedAt = new Map<string, number>();
  private readonly abort = new AbortController();
  /** Callers of settled() waiting for an ID to leave the queue and the in-flight set. */
  private readonly settleWaiters = new Map<string, Array<() => void>>();
  private timerHandle: unknown;
  private firstQueuedAt: number | undefined;
  private disposed = false;
  private readonly timer: BatchTimer;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly maxBatch: number;
  private readonly retryAfterMs: number;

  constructor(private readonly options: HoverBatcherOptions) {
    this.timer = options.timer ?? realTimer;
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? 400;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
    this.maxBatch = Math.max(1, options.maxBatch ?? 250);
    this.retryAfterMs = options.retryAfterMs ?? 60_000;
  }

  /** Asks for a fetch of `id` on behalf of one hover. */
  request(id: string, token?: CancelToken): HoverRequestOutcome {
    if (this.disposed) return 'disposed';
    if (token?.isCancellationRequested) return 'cancelled';
    if (this.inFlight.has(id)) return 'in-flight';
    if (this.options.isFresh(id)) return 'fresh';
    const tried = this.triedAt.get(id);
    if (tried !== undefined && this.now() - tried < this.retryAfterMs) return 'recently-tried';

    let waiting = this.queue.get(id);
    if (!waiting) {
      waiting = { wanters: new Set(), subscriptions: [] };
      this.queue.set(id, waiting);
      if (this.firstQueuedAt === undefined) this.firstQueuedAt = this.now();
    }
    const wanter: object = token ?? {};
    waiting.wanters.add(wanter);
    if (token) {
      const w = waiting;
      w.subscriptions.push(token.onCancellationRequested(() => this.withdraw(id, w, wanter)));
    }
    if (this.queue.size >= this.maxBatch) this.flush();
    else this.schedule();
    return 'queued';
  }

  /** Queued or in flight: the hover says "Fetching…". */
  isFetching(id: string): boolean {
    return this.queue.has(id) || this.inFlight.has(id);
  }

  /**
   * Resolves once the ID is no longer fetching: its batch came back (with numbers or not),
   * every hover that wanted it was cancelled before it left, or the batcher was disposed.
   */
  settled(id: string): Promise<void> {
    if (!this.isFetching(id)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.settleWaiters.get(id);
      if (list) list.push(resolve);
      else this.settleWaiters.set(id, [resolve]);
    });
  }

  get queuedCount(): number {
    return this.queue.size;
  }

  /** Sends what is queued now (up to maxBatch IDs per batch). */
  flush(): void {
    this.clearTimer();
    while (this.queue.size > 0 && !this.disposed) {
      const ids: string[] = [];
      for (const [id, waiting] of this.queue) {
        if (ids.length >= this.maxBatch) break;
        for (const s of waiting.subscriptions) s.dispose();
        this.queue.delete(id);
        ids.push(id);
      }
      this.send(ids);
    }
    this.firstQueuedAt = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    for (const waiting of this.queue.values()) for (const s of waiting.subscriptions) s.dispose();
    this.queue.clear();
    this.abort.abort();
    for (const id of [...this.settleWaiters.keys()]) this.notifySettled(id);
  }

  private notifySettled(id: string): void {
    const list = this.settleWaiters.get(id);
    if (!list || this.isFetching(id)) return;
    this.settleWaiters.delete(id);
    for (const resolve of list) resolve();
  }

  private send(ids: string[]): void {
    for (const id of ids) this.inFlight.add(id);
    const done = () => {
      const at = this.now();
      for (const id of ids) {
        this.inFlight.delete(id);
        // Failed, cancelled, or the answer had no numbers for it: don't hammer the API.
        if (!this.options.isFresh(id)) this.triedAt.set(id, at);
        else this.triedAt.delete(id);
        this.notifySettled(id);
      }
    };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.options.send(ids, this.abort.signal));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(done, (err) => {
      done();
      this.options.onError?.(err);
    });
  }

  private withdraw(id: string, waiting: Waiting, wanter: object): void {
    if (this.queue.get(id) !== waiting) return; // already sent
    waiting.wanters.delete(wanter);
    if (waiting.wanters.size > 0) return;
    for (const s of waiting.subscriptions) s.dispose();
    this.queue.delete(id);
    if (this.queue.size === 0) {
      this.clearTimer();
      this.firstQueuedAt = undefined;
    }
    this.notifySettled(id);
  }

  private schedule(): void {
    this.clearTimer();
    const waited = this.firstQueuedAt === undefined ? 0 : this.now() - this.firstQueuedAt;
    const delay = Math.max(0, Math.min(this.delayMs, this.maxWaitMs - waited));
    this.timerHandle = this.timer.set(() => {
      this.timerHandle = undefined;
      this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timerHandle !== undefined) this.timer.clear(this.timerHandle);
    this.timerHandle = undefined;
  }
}
