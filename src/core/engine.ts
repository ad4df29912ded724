// The fetch engine: runs planned batches concurrently within the per-minute budget,
// retries what may succeed on a second try, and merges every answer into one result.
// Nothing fetched is lost: cancelled, timed-out and failed batches are recorded with
// their IDs so they can be retried alone (retryFailed).
import { AbortFanOut } from './abortFanOut';
import { AbortError, Clock, systemClock, timerMs } from './clock';
import { axiosTransport, HttpAnswer, RequestBody, TotalsTransport, TransportError, totalsUrl, DEFAULT_REQUEST_TIMEOUT_MS } from './http';
import { checkAnswer, forbiddenIdsOf, messagesOf, ResultBuilder } from './merge';
import { hasOwnedTypes, planBatches, PlannedBatch, requestBody } from './plan';
import { RateBudget, resetText } from './rateBudget';
import { Redactor, redactingLogger } from './redact';
import { bearerHeader, oauthHeader } from './sign';
import { AuthKind, CONCURRENCY, Credentials, DEFAULT_BASE_URL, FailedBatch, Logger, OWNED_TYPES, silentLogger, TotalsQuery, TotalsRequestBody, TotalsResult } from './types';
import { formatThousands, plural } from '../shared/format';

export interface FetchProgress {
  batchesDone: number;
  batchesTotal: number;
  tweetsDone: number;
  tweetsTotal: number;
  requests: number;
  /** Set while every batch waits for the rate-limit window (ms epoch). */
  waitingUntil?: number;
}

export interface FetchOptions {
  credentials: Credentials;
  baseUrl?: string;
  concurrency?: number;
  signal?: AbortSignal;
  /** Overall deadline for the run, ms (default 15 minutes). */
  deadlineMs?: number;
  /** Limit for each request, connect to last byte (default 30 s); a timed-out request is retried. */
  requestTimeoutMs?: number;
  /** Proxy URL for the API host, from proxyFor (the CLI's environment, the editor's settings). */
  proxy?: string;
  /** Attempts per batch for faults (5xx, resets, bad bodies); 429s have their own bound. */
  maxAttempts?: number;
  maxRateLimitWaits?: number;
  batchSize?: number;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  onProgress?: (progress: FetchProgress) => void;
  transport?: TotalsTransport;
}

/** Fetches engagement totals for a query: plan, send, retry, merge. Throws PlanError only. */
export async function fetchTotals(query: TotalsQuery, options: FetchOptions): Promise<TotalsResult> {
  const batches = planBatches(query, options.credentials, options.batchSize);
  const dedupedQuery: TotalsQuery = { ...query, tweetIds: batches.flatMap((b) => b.tweetIds) };
  return runBatches(new TotalsJob(new ResultBuilder(dedupedQuery), options), batches, options);
}

/** Fetches again only the failed batches of an earlier result, merging into a copy of it. */
export async function retryFailed(previous: TotalsResult, options: FetchOptions): Promise<TotalsResult> {
  const builder = ResultBuilder.from(previous);
  const batches: PlannedBatch[] = previous.failed.map((f, index) => ({
    index,
    tweetIds: f.tweetIds,
    engagementTypes: f.engagementTypes,
    auth: f.auth === 'bearer' && !options.credentials.bearerToken && options.credentials.oauth && !hasOwnedTypes(f.engagementTypes) ? 'oauth1' : f.auth,
  }));
  return runBatches(new TotalsJob(builder, options), batches, options);
}

/** What every batch of any endpoint has: the runner reads only these. */
export interface RunBatch {
  index: number;
  tweetIds: string[];
  auth: AuthKind;
}

/**
 * One endpoint's side of a run: what to send for a batch, and what to do with its answer. The
 * runner (runBatches) owns everything else, the same for every endpoint: the rate budget,
 * concurrency, retries and 429 waits, the deadline, cancellation, and failed-batch records.
 */
export interface BatchJob<B extends RunBatch, R> {
  /** The endpoint's full URL (checked by checkBaseUrl). */
  readonly url: string;
  /** Requests sent before this run (a retry continues an earlier result's count). */
  readonly requestsBefore: number;
  /** The JSON body sent for a batch. */
  body(batch: B): RequestBody;
  /** A short description for the log ("25 IDs", "25 IDs, 2026-01-01…"). */
  describe(batch: B): string;
  /**
   * An answer to use (a 200 object, or a 400 that accounts for every ID): check it against the
   * batch and merge it; a reason instead when nothing of it could be kept (the batch is tried again).
   */
  accept(batch: B, body: Record<string, unknown>, logger: Logger): string | undefined;
  /** A 403 naming Tweets the user does not own (already filtered to the batch): record them; the batches to send instead. */
  forbidden(batch: B, ids: Set<string>, logger: Logger): Array<Omit<B, 'index'>>;
  /** Records a batch that failed for good. */
  fail(batch: B, reason: string, status: number | undefined, retryable: boolean): void;
  /** The merged result, secrets redacted by `redactor`. */
  result(run: { requests: number; cancelled: boolean }, redactor: Redactor): R;
}

/** Runs planned batches of any endpoint through one job: see BatchJob. Never throws for a batch's failure. */
export function runBatches<B extends RunBatch, R>(job: BatchJob<B, R>, batches: B[], options: FetchOptions): Promise<R> {
  return new FetchRun(job, options).execute(batches);
}

/** /totals: the totals query's batches, checked and merged by ResultBuilder. */
class TotalsJob implements BatchJob<PlannedBatch, TotalsResult> {
  readonly url: string;
  readonly requestsBefore: number;
  constructor(
    private readonly builder: ResultBuilder,
    private readonly options: FetchOptions,
  ) {
    this.url = totalsUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.requestsBefore = builder.requests;
  }

  body(batch: PlannedBatch): TotalsRequestBody {
    return requestBody(batch, this.builder.query.groupings);
  }

  describe(batch: PlannedBatch): string {
    return `${batch.tweetIds.length} IDs, ${batch.auth === 'bearer' ? 'Bearer' : 'OAuth 1.0a'}`;
  }

  accept(batch: PlannedBatch, body: Record<string, unknown>, logger: Logger): string | undefined {
    const checked = checkAnswer(body, batch, this.builder.query.groupings);
    if (!checked.ok) return checked.reason;
    const answer = checked.answer;
    logDropped(logger, batch.index, answer.dropped);
    this.builder.addAnswer(answer);
    if (answer.unusable) {
      // Its unusable values are recorded as failed (retryable); the rest is kept.
      logger.warn(`batch ${batch.index + 1}: ${answer.unusable.reason}`);
      this.builder.addFailed({ ...answer.unusable, auth: batch.auth, retryable: true });
    }
    return undefined;
  }

  /** User context named Tweets the user does not own: fetch the rest, and their public metrics with the Bearer token. */
  forbidden(batch: PlannedBatch, forbidden: Set<string>, logger: Logger): Array<Omit<PlannedBatch, 'index'>> {
    this.builder.addForbidden(forbidden);
    logger.warn(`${plural(forbidden.size, 'Tweet')} not owned by this user; fetching the other ${formatThousands(String(batch.tweetIds.length - forbidden.size))} without them.`);
    const next: Array<Omit<PlannedBatch, 'index'>> = [];
    const rest = batch.tweetIds.filter((id) => !forbidden.has(id));
    if (rest.length > 0) next.push({ tweetIds: rest, engagementTypes: batch.engagementTypes, auth: batch.auth });
    const publicTypes = batch.engagementTypes.filter((t) => !OWNED_TYPES.includes(t));
    if (batch.auth === 'oauth1' && this.options.credentials.bearerToken && publicTypes.length > 0) {
      next.push({ tweetIds: [...forbidden], engagementTypes: publicTypes, auth: 'bearer' });
    }
    return next;
  }

  fail(batch: PlannedBatch, reason: string, status: number | undefined, retryable: boolean): void {
    const failed: FailedBatch = { tweetIds: batch.tweetIds, engagementTypes: batch.engagementTypes, auth: batch.auth, reason, retryable };
    if (status !== undefined) failed.status = status;
    this.builder.addFailed(failed);
  }

  result(run: { requests: number; cancelled: boolean }, redactor: Redactor): TotalsResult {
    this.builder.requests = run.requests;
    if (run.cancelled) this.builder.cancelled = true;
    return redactor.redactResult(this.builder.result());
  }
}

/** Logs what an answer had that its batch did not ask for (dropped by the check). */
export function logDropped(logger: Logger, index: number, dropped: { keys: number; listedIds: number }): void {
  const { keys, listedIds } = dropped;
  if (keys + listedIds > 0) {
    logger.warn(
      `batch ${index + 1}: the answer had ${keys.toLocaleString('en-US')} key(s) and ${listedIds.toLocaleString('en-US')} listed ID(s) that were not asked for; dropped.`,
    );
  }
}

export function backoffDelay(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

type Outcome =
  | { kind: 'done' }
  | { kind: 'retry'; reason: string; status?: number; rateLimited: boolean }
  | { kind: 'fail'; reason: string; status?: number; retryable: boolean; stopRun: boolean };

class FetchRun<B extends RunBatch, R> {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly redactor: Redactor;
  private readonly transport: TotalsTransport;
  private readonly url: string;
  private readonly budget: RateBudget;
  private readonly concurrency: number;
  private readonly queue: B[] = [];
  private readonly controller = new AbortController();
  /** Workers listen on children of the run's signal, never on it directly. */
  private readonly fanOut = new AbortFanOut(this.controller.signal);
  private stopReason?: { reason: string; status?: number; retryable: boolean };
  private batchesTotal = 0;
  private batchesDone = 0;
  private tweetsTotal = 0;
  private tweetsDone = 0;
  private nextIndex = 0;
  private requests: number;

  constructor(
    private readonly job: BatchJob<B, R>,
    private readonly options: FetchOptions,
  ) {
    this.requests = job.requestsBefore;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    // Before the first request: whatever a server echoes of these credentials never reaches the log or the result.
    this.redactor = Redactor.for(options.credentials);
    this.logger = redactingLogger(options.logger ?? silentLogger, this.redactor);
    this.transport = options.transport ?? axiosTransport;
    this.url = job.url;
    this.concurrency = Math.max(CONCURRENCY.min, Math.min(CONCURRENCY.max, Math.floor(options.concurrency ?? CONCURRENCY.default)));
    this.budget = new RateBudget(this.clock, this.concurrency);
  }

  async execute(batches: B[]): Promise<R> {
    for (const b of batches) this.enqueue(b);
    const userSignal = this.options.signal;
    const onUserAbort = () => this.controller.abort();
    if (userSignal?.aborted) this.controller.abort();
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    const deadline = setTimeout(
      () => {
        this.stop('The run reached its deadline; the rest was not fetched.', undefined, true);
        this.controller.abort();
      },
      timerMs(this.options.deadlineMs ?? 15 * 60_000),
    );
    try {
      const workers = Array.from({ length: Math.min(this.concurrency, Math.max(1, this.queue.length)) }, () => this.worker());
      await Promise.all(workers);
    } finally {
      this.controller.abort(); // whatever ended the run, nothing of it is left in flight
      clearTimeout(deadline);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
    return this.job.result({ requests: this.requests, cancelled: userSignal?.aborted === true }, this.redactor);
  }

  private enqueue(batch: Omit<B, 'index'>): void {
    this.queue.push({ ...batch, index: this.nextIndex++ } as B);
    this.batchesTotal++;
    this.tweetsTotal += batch.tweetIds.length;
    this.progress();
  }

  private progress(waitingUntil?: number): void {
    this.options.onProgress?.({
      batchesDone: this.batchesDone,
      batchesTotal: this.batchesTotal,
      tweetsDone: this.tweetsDone,
      tweetsTotal: this.tweetsTotal,
      requests: this.requests,
      waitingUntil,
    });
  }

  private stop(reason: string, status: number | undefined, retryable: boolean): void {
    if (!this.stopReason) this.stopReason = { reason, status, retryable };
    this.controller.abort(); // requests in flight end now, and nothing more is sent
  }

  private async worker(): Promise<void> {
    const lease = this.fanOut.child(); // this worker's own signal, released when the queue is empty
    for (;;) {
      const batch = this.queue.shift();
      if (!batch) return lease.release();
      if (lease.signal.aborted || this.stopReason) {
        this.failStopped(batch, 'Cancelled before it was sent.');
        continue;
      }
      try {
        await this.runBatch(batch, lease.signal);
      } catch (e) {
        // A fault of ours with one batch's answer fails that batch, not the run.
        this.logger.error(`batch ${batch.index + 1}: ${errorName(e)} while handling it`);
        this.fail(batch, `Failed unexpectedly (${errorName(e)}); fetch it again.`, undefined, true);
      }
    }
  }

  /** A batch a stop (or the user's cancel) cut off: the stop's reason and retryability, the same wherever it was. */
  private failStopped(batch: B, cancelled = 'Cancelled.'): void {
    const why = this.stopReason ?? { reason: cancelled, status: undefined, retryable: true };
    this.fail(batch, why.reason, why.status, why.retryable);
  }

  private fail(batch: B, reason: string, status: number | undefined, retryable: boolean): void {
    this.job.fail(batch, reason, status, retryable);
    this.finish(batch);
  }

  private finish(batch: B): void {
    this.batchesDone++;
    this.tweetsDone += batch.tweetIds.length;
    this.progress();
  }

  private async runBatch(batch: B, signal: AbortSignal): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const maxRateWaits = this.options.maxRateLimitWaits ?? 20;
    let faults = 0;
    let rateWaits = 0;
    for (;;) {
      const outcome = await this.attempt(batch, faults, signal);
      if (outcome.kind === 'done') return this.finish(batch);
      if (outcome.kind === 'fail') {
        if (outcome.stopRun) this.stop(outcome.reason, outcome.status, outcome.retryable);
        return this.fail(batch, outcome.reason, outcome.status, outcome.retryable);
      }
      if (outcome.rateLimited) rateWaits++;
      else faults++;
      if (faults >= maxAttempts || rateWaits >= maxRateWaits) {
        return this.fail(batch, `${outcome.reason} (gave up after ${faults + rateWaits} tries)`, outcome.status, true);
      }
      if (signal.aborted) return this.failStopped(batch);
      if (!outcome.rateLimited) {
        try {
          await this.clock.sleep(backoffDelay(faults - 1, this.random), signal);
        } catch {
          return this.failStopped(batch);
        }
      }
    }
  }

  private authorization(auth: AuthKind): string {
    const c = this.options.credentials;
    if (auth === 'bearer' && c.bearerToken) return bearerHeader(c.bearerToken);
    if (auth === 'oauth1' && c.oauth) return oauthHeader('POST', this.url, c.oauth);
    throw new TransportError('insecure-url', auth === 'bearer' ? 'No Bearer token in this profile.' : 'No OAuth 1.0a tokens in this profile.');
  }

  private async attempt(batch: B, faults: number, signal: AbortSignal): Promise<Outcome> {
    try {
      await this.budget.acquire(signal, (until) => this.progress(until));
    } catch {
      return { kind: 'fail', reason: this.stopReason?.reason ?? 'Cancelled before it was sent.', retryable: this.stopReason?.retryable ?? true, stopRun: false };
    }
    let answer: HttpAnswer | undefined;
    let status: number | undefined;
    const label = `batch ${batch.index + 1}/${this.batchesTotal} (${this.job.describe(batch)}${faults ? `, retry ${faults}` : ''})`;
    const started = this.clock.now();
    this.requests++;
    try {
      const authorization = this.authorization(batch.auth);
      const body = this.job.body(batch);
      answer = await this.transport(this.url, body, authorization, { signal, timeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, proxy: this.options.proxy });
      status = answer.status;
    } catch (e) {
      this.budget.release(undefined, undefined);
      const err =
        e instanceof TransportError
          ? e
          : e instanceof AbortError
            ? new TransportError('cancelled', 'Cancelled.')
            : new TransportError('network', String((e as Error)?.message ?? e));
      this.logger.warn(`POST ${label} → ${err.message} after ${this.clock.now() - started} ms`);
      if (err.kind === 'cancelled' || signal.aborted)
        return { kind: 'fail', reason: this.stopReason?.reason ?? 'Cancelled while in flight.', retryable: this.stopReason?.retryable ?? true, stopRun: false };
      if (err.retryable) return { kind: 'retry', reason: err.message, status: err.status, rateLimited: false };
      // Unreachable hosts stop the run but stay retryable later; redirects, bad URLs and oversized answers do not mend.
      return { kind: 'fail', reason: err.message, status: err.status, retryable: err.kind === 'unreachable', stopRun: true };
    }
    this.budget.release(status, answer.headers, backoffDelay(faults, this.random));
    const h = answer.headers;
    const rate =
      h['x-per-minute-limit'] !== undefined
        ? `; limit ${headerText(h['x-per-minute-limit'])}, remaining ${headerText(h['x-per-minute-remaining'])}${h['x-per-minute-reset'] ? `, reset ${resetText(h['x-per-minute-reset'], this.clock.now())}` : ''}`
        : '';
    this.logger.info(`POST ${label} → ${status} in ${answer.durationMs} ms${rate}`);
    try {
      return this.interpret(batch, answer);
    } catch (e) {
      this.logger.error(`POST ${label}: ${errorName(e)} while reading the answer`);
      return { kind: 'fail', reason: `Could not use the API's answer (${errorName(e)}); fetch the batch again.`, status, retryable: true, stopRun: false };
    }
  }

  private interpret(batch: B, answer: HttpAnswer): Outcome {
    const { status, body } = answer;
    const messages = messagesOf(body);
    const apiText = messages.length > 0 ? messages.join('; ') : undefined;
    if (status === 200) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { kind: 'retry', reason: 'The API answered 200 with an empty or unexpected body.', status, rateLimited: false };
      }
      const rejected = this.job.accept(batch, body as Record<string, unknown>, this.logger);
      if (rejected !== undefined) return { kind: 'retry', reason: rejected, status, rateLimited: false };
      return { kind: 'done' };
    }
    if (status === 429) return { kind: 'retry', reason: `Rate limited (429${apiText ? `: ${apiText}` : ''})`, status, rateLimited: true };
    if (status >= 500) return { kind: 'retry', reason: `The API had a fault (${status}${apiText ? `: ${apiText}` : ''})`, status, rateLimited: false };
    if (status === 400 && isAllAccountedFor(body, batch.tweetIds) && this.job.accept(batch, body as Record<string, unknown>, this.logger) === undefined) {
      return { kind: 'done' };
    }
    if (status === 403) {
      const forbidden = forbiddenIdsOf(body).filter((id) => batch.tweetIds.includes(id));
      if (forbidden.length > 0) {
        for (const next of this.job.forbidden(batch, new Set(forbidden), this.logger)) this.enqueue(next);
        return { kind: 'done' };
      }
    }
    return describeFailure(status, apiText);
  }
}

/** A 400 whose lists name every ID of the batch (all unavailable, or none has the types asked): an answer, not a failure. */
function isAllAccountedFor(body: unknown, ids: readonly string[]): boolean {
  const b = (body ?? {}) as Record<string, unknown>;
  const named = new Set<string>();
  for (const key of ['unavailable_tweet_ids', 'unsupported_for_impressions_engagements_tweet_ids', 'unsupported_for_video_views_tweet_ids']) {
    const list = b[key];
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') named.add(id); // String() of a nested list recurses
  }
  return named.size > 0 && ids.every((id) => named.has(id));
}

/** A header value as the log shows it: at most 20 characters (a server chooses its length). */
function headerText(v: string | undefined): string {
  return v === undefined ? '?' : v.slice(0, 20);
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** Failures that retrying will not mend; a few stop the whole run (every batch would fail alike). */
function describeFailure(status: number, apiText: string | undefined): Outcome {
  const said = apiText ? `: ${apiText}` : '';
  switch (status) {
    case 401:
      return { kind: 'fail', status, retryable: true, stopRun: true, reason: `Authentication failed (401${said}). Check the profile's credentials.` };
    case 403:
      return { kind: 'fail', status, retryable: true, stopRun: true, reason: `Forbidden (403${said}).` };
    case 404:
      return { kind: 'fail', status, retryable: false, stopRun: true, reason: `Not found (404${said}). Check the API base URL: it should be https://data-api.twitter.com.` };
    case 406:
      return { kind: 'fail', status, retryable: false, stopRun: true, reason: `Not acceptable (406${said}).` };
    case 407:
      // From the proxy (its CONNECT answer), not the API: every request would meet it.
      return {
        kind: 'fail',
        status,
        retryable: true,
        stopRun: true,
        reason:
          'The proxy asked for credentials (407 Proxy Authentication Required). Put them in the proxy URL (http://user:password@host:port) in the http.proxy setting, or in HTTPS_PROXY for the CLI.',
      };
    case 400:
      return { kind: 'fail', status, retryable: false, stopRun: false, reason: `Invalid request (400${said}).` };
    default:
      return { kind: 'fail', status, retryable: false, stopRun: false, reason: `Unexpected answer ${status}${said}.` };
  }
}
