// The results cache shared by tree, panel and hovers, without 'vscode': runs kept in memory
// (newest first) with an index per Tweet, persisted as one file per run (see runFiles.ts).
//
// The run files are the truth: a run exists while its file does. The index file is a short
// summary (id, profile, source, times, counts, file name) rewritten whenever it disagrees
// with the files; a damaged or stale index is simply rebuilt. So two windows writing at once
// cannot lose each other's runs (each writes only its own run file; a lost race on the index
// is repaired by the next reload). Hovers fetch into one entry, the hover lookups (core/lookups.ts),
// whose file is rewritten as it grows: hovering never adds runs.
//
// Loading: nothing is read in the constructor (activation stays cheap); the files are read
// just after, on a later tick, and onDidChange fires when they are in. Until then runs() is
// empty and lookups find nothing; `loaded` resolves when they are in. Every change and
// reload runs one at a time (a queue), so a reload never sees half an add.
import { isLookups, LOOKUPS_RUN_ID, mergeLookups } from './lookups';
import { MetricsIndex, TweetLookup, CachedMetrics } from './metricsIndex';
import { INDEX_FILE, isRunFileName, RunFiles, runFileName } from './runFiles';
import { Logger, MAX_SOURCE_URIS, RunRecord, silentLogger, TotalsRunRecord } from './types';

/** Runs stored by an older version elsewhere (globalState), moved to files once. */
export interface LegacyRuns {
  read(): unknown;
  clear(): Promise<void>;
}

export interface RunCacheOptions {
  files: RunFiles;
  logger?: Logger;
  maxRuns?: number;
  /** Older runs are dropped once the runs hold more Tweets than this (the newest is always kept). */
  maxTweets?: number;
  legacy?: LegacyRuns;
  /** Follow other windows' changes to the files (debounced reload). */
  watch?: boolean;
  /** Quiet time after a change on disk before reloading (ms). */
  watchDelayMs?: number;
}

/** One line of the index file. */
export interface RunSummary {
  id: string;
  file: string;
  profile: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  tweets: number;
  failedBatches: number;
}

const INDEX_VERSION = 1;

export class RunCache {
  private records: RunRecord[] = [];
  /** Stamp of each run's file as last read or written here (absent: not saved). */
  private readonly stamps = new Map<string, string>();
  /** Damaged run files already reported, by name → stamp (logged once, until they change). */
  private readonly skipped = new Map<string, string>();
  /** Built on the first lookup after a change, so loading does not index every stored run. */
  private indexCache: MetricsIndex | undefined;
  private indexText: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private watcher: { dispose(): void } | undefined;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private done = false;
  private readonly files: RunFiles;
  private readonly logger: Logger;
  private readonly maxRuns: number;
  private readonly maxTweets: number;
  /** Resolves once the stored runs are in memory (after the first read of the files). */
  readonly loaded: Promise<void>;

  constructor(private readonly options: RunCacheOptions) {
    this.files = options.files;
    this.logger = options.logger ?? silentLogger;
    this.maxRuns = options.maxRuns ?? 50;
    this.maxTweets = options.maxTweets ?? 200_000;
    this.loaded = this.enqueue(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.disposed) {
        this.done = true; // nothing will load: waiters must not wait for it
        return;
      }
      // Watching first: a change made while the files are read brings another reload after it.
      if (options.watch) this.watcher = this.files.watch(() => this.scheduleReload());
      try {
        await this.migrate();
        await this.reload();
      } catch (e) {
        this.logger.error(`Results cache: could not read the stored runs (${errorCode(e)}); new runs are still kept.`);
      }
      this.done = true;
    });
  }

  /** Whether `loaded` has resolved (the stored runs are in memory). */
  get isLoaded(): boolean {
    return this.done;
  }

  /** Fires after any add, replace, remove, and when runs were loaded or changed by another window. */
  readonly onDidChange = (listener: () => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Newest first (by start time). */
  runs(): readonly RunRecord[] {
    return this.records;
  }

  /** The newest run the user started, else the hover lookups (what "show the results" opens). */
  latest(): RunRecord | undefined {
    return this.records.find((r) => !isLookups(r)) ?? this.records[0];
  }

  /** The hover lookups entry, if there is one. */
  lookups(): TotalsRunRecord | undefined {
    return this.records.find(isLookups);
  }

  get(runId: string): RunRecord | undefined {
    return this.records.find((r) => r.id === runId);
  }

  lookup(tweetId: string): TweetLookup | undefined {
    return this.index.lookup(tweetId);
  }

  previousFor(tweetId: string, runId: string): CachedMetrics | undefined {
    return this.index.previousFor(tweetId, runId);
  }

  add(run: RunRecord): Promise<void> {
    return this.enqueue(() => this.addNow(run));
  }

  /**
   * Merges a hover's fetch into the one lookups entry (core/lookups.ts) instead of adding a run;
   * `fetched` is that fetch alone (any ID; its kind, profile, host and result are read).
   */
  addLookups(fetched: TotalsRunRecord): Promise<void> {
    return this.enqueue(() => this.addNow(mergeLookups(this.lookups(), fetched, this.maxTweets)));
  }

  private async addNow(run: RunRecord): Promise<void> {
    const before = this.records.length;
    const previous = this.get(run.id);
    const kept = keepWithin([run, ...this.records.filter((r) => r.id !== run.id)], this.maxRuns, this.maxTweets);
    const dropped = this.records.filter((r) => r.id !== run.id && !kept.includes(r));
    this.records = sortRuns(kept);
    // Nothing dropped and no Tweet gone (the usual case: a new run, or the hover lookups grown):
    // the index takes the run as it is. Otherwise it is rebuilt on the next lookup.
    const grown = previous === undefined ? this.records.length === before + 1 : this.records.length === before && containsAll(run, previous);
    if (this.indexCache && grown) this.indexCache.add(run);
    else this.indexCache = undefined;
    await this.save(run);
    for (const r of dropped) await this.erase(r.id);
    await this.writeIndex();
    this.fire();
  }

  /** Replaces a run in place (refresh, retry of failed batches). */
  replace(run: RunRecord): Promise<void> {
    return this.enqueue(async () => {
      // Decided in the queue: a remove queued before this replace wins over it, then it is an add.
      if (!this.get(run.id)) return this.addNow(run);
      this.records = sortRuns(this.records.map((r) => (r.id === run.id ? run : r)));
      this.indexCache = undefined;
      await this.save(run);
      await this.writeIndex();
      this.fire();
    });
  }

  remove(runId: string): Promise<void> {
    return this.enqueue(async () => {
      this.records = this.records.filter((r) => r.id !== runId);
      this.indexCache = undefined;
      await this.erase(runId);
      await this.writeIndex();
      this.fire();
    });
  }

  clear(): Promise<void> {
    return this.enqueue(async () => {
      const ids = this.records.map((r) => r.id);
      this.records = [];
      this.indexCache = undefined;
      for (const id of ids) await this.erase(id);
      // Runs of other windows not seen yet go too: clearing means clearing.
      for (const f of await this.files.list().catch(() => [])) if (isRunFileName(f.name)) await this.files.remove(f.name).catch(() => undefined);
      await this.writeIndex();
      this.fire();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.listeners.clear();
  }

  private get index(): MetricsIndex {
    return (this.indexCache ??= new MetricsIndex(this.records));
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Runs `task` after every earlier one (a failed one does not stop the queue). */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private scheduleReload(): void {
    if (this.disposed) return;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      if (!this.disposed) void this.enqueue(() => this.reload()).catch((e) => this.logger.warn(`Results cache: reloading failed (${errorCode(e)}).`));
    }, this.options.watchDelayMs ?? 150);
  }

  /** Writes a run's file; on failure the run stays in memory (this session) and the log says so. */
  private async save(run: RunRecord): Promise<void> {
    try {
      this.stamps.set(run.id, await this.files.write(runFileName(run.id), JSON.stringify(run)));
    } catch (e) {
      this.stamps.delete(run.id);
      this.logger.error(`Results cache: could not save run ${run.id} (${errorCode(e)}); it is kept until the window closes.`);
    }
  }

  private async erase(runId: string): Promise<void> {
    this.stamps.delete(runId);
    await this.files.remove(runFileName(runId)).catch((e) => this.logger.warn(`Results cache: could not delete the file of run ${runId} (${errorCode(e)}).`));
  }

  private async writeIndex(): Promise<void> {
    const text = indexText(this.records);
    if (text === this.indexText) return;
    try {
      await this.files.write(INDEX_FILE, text);
      this.indexText = text;
    } catch (e) {
      this.logger.warn(`Results cache: could not write the index (${errorCode(e)}); it is rebuilt from the run files on the next start.`);
    }
  }

  /**
   * Brings memory in line with the directory: new or changed run files are read, runs whose
   * file is gone are dropped (another window removed them), damaged files are skipped with a
   * log line, and the index is rewritten when it does not describe the files.
   */
  private async reload(): Promise<void> {
    const listed = await this.files.list();
    const runFiles = new Map(listed.filter((f) => isRunFileName(f.name)).map((f) => [f.name, f.stamp]));
    const byFile = new Map(this.records.map((r) => [runFileName(r.id), r]));
    let changed = false;
    const next: RunRecord[] = [];
    // Runs of this window not saved (disk error) stay for the session.
    for (const r of this.records) if (!this.stamps.has(r.id)) next.push(r);
    for (const [name, stamp] of runFiles) {
      const known = byFile.get(name);
      if (known && this.stamps.get(known.id) === stamp) {
        next.push(known);
        continue;
      }
      if (this.skipped.get(name) === stamp) continue;
      const run = parseRun(await this.files.read(name), name);
      if (typeof run === 'string') {
        this.skipped.set(name, stamp);
        this.logger.warn(`Results cache: skipped the damaged file ${name} (${run}); the other runs are kept.`);
        continue;
      }
      this.skipped.delete(name);
      this.stamps.set(run.id, stamp);
      next.push(run);
      changed = true;
    }
    for (const r of this.records)
      if (this.stamps.has(r.id) && !runFiles.has(runFileName(r.id))) {
        this.stamps.delete(r.id);
        changed = true;
      }
    const kept = [...new Map(next.map((r) => [r.id, r])).values()];
    if (changed || kept.length !== this.records.length) {
      this.records = sortRuns(kept);
      this.indexCache = undefined;
    }
    // Listeners hear of the change in the same tick as the runs change, not after the index write.
    if (changed) this.fire();
    if (this.indexText === undefined) this.indexText = await this.readIndexText();
    await this.writeIndex();
  }

  /** The index as stored, when it is sound (a damaged one is logged, then rebuilt). */
  private async readIndexText(): Promise<string | undefined> {
    const text = await this.files.read(INDEX_FILE).catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const value = JSON.parse(text) as { version?: unknown; runs?: unknown };
      if (value?.version === INDEX_VERSION && Array.isArray(value.runs)) return text;
    } catch {
      // reported below
    }
    this.logger.warn(`Results cache: the index ${INDEX_FILE} was damaged; rebuilt from the run files.`);
    return undefined;
  }

  /** Runs an older version kept in globalState become files, then the old key is deleted (once). */
  private async migrate(): Promise<void> {
    const legacy = this.options.legacy;
    const value = legacy?.read();
    if (!legacy || value === undefined) return;
    const runs = Array.isArray(value) ? value.filter(isRunRecord) : [];
    try {
      const present = new Set((await this.files.list()).map((f) => f.name));
      for (const run of runs) if (!present.has(runFileName(run.id))) await this.files.write(runFileName(run.id), JSON.stringify(run));
    } catch (e) {
      this.logger.error(`Results cache: could not move the cached runs out of globalState (${errorCode(e)}); trying again on the next start.`);
      return;
    }
    await legacy.clear().catch(() => undefined);
    this.logger.info(`Results cache: moved ${runs.length} run(s) from globalState to files.`);
  }
}

/** The newest runs, at most `maxRuns` of them and at most `maxTweets` Tweets in all; the first is always kept. */
function keepWithin(runs: RunRecord[], maxRuns: number, maxTweets: number): RunRecord[] {
  const kept: RunRecord[] = [];
  let tweets = 0;
  for (const r of runs) {
    tweets += r.result.query.tweetIds.length;
    if (kept.length > 0 && (kept.length >= maxRuns || tweets > maxTweets)) break;
    kept.push(r);
  }
  return kept;
}

/** Whether `run` still asks for every Tweet `previous` did (the index can take it in place). */
function containsAll(run: RunRecord, previous: RunRecord): boolean {
  const ids = new Set(run.result.query.tweetIds);
  return previous.result.query.tweetIds.every((id) => ids.has(id));
}

function sortRuns(runs: RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => b.result.startedAt.localeCompare(a.result.startedAt) || b.id.localeCompare(a.id));
}

function indexText(runs: readonly RunRecord[]): string {
  const summaries: RunSummary[] = runs.map((r) => ({
    id: r.id,
    file: runFileName(r.id),
    profile: r.profile,
    source: r.source,
    startedAt: r.result.startedAt,
    finishedAt: r.result.finishedAt,
    tweets: r.result.query.tweetIds.length,
    failedBatches: r.result.failed.length,
  }));
  return JSON.stringify({ version: INDEX_VERSION, runs: summaries }, null, 1);
}

/** A run file's record, or why it was not taken (our words: nothing of the file's text). */
function parseRun(text: string | undefined, name: string): RunRecord | string {
  if (text === undefined) return 'gone';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (!isRunRecord(value)) return 'not a run';
  if (runFileName(value.id) !== name) return 'its run ID does not match its name';
  return value;
}

/** What was stored by an older or damaged version is dropped rather than trusted. */
export function isRunRecord(r: unknown): r is RunRecord {
  const v = r as RunRecord;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.profile === 'string' &&
    typeof v.source === 'string' &&
    (v.kind === undefined || (v.kind === 'lookups' && v.id === LOOKUPS_RUN_ID) || v.kind === 'series') &&
    (v.host === undefined || (typeof v.host === 'string' && /^https?:\/\/[^\s]{1,200}$/.test(v.host))) &&
    (v.sandbox === undefined || typeof v.sandbox === 'boolean') &&
    (v.kind === 'series' || v.fetchedAt === undefined || fetchTimesOnly(v.fetchedAt)) &&
    (v.found === undefined || (typeof v.found === 'object' && v.found !== null && Number.isSafeInteger(v.found.duplicates) && Number.isSafeInteger(v.found.invalid))) &&
    (v.sourceUris === undefined || isSourceUris(v.sourceUris)) &&
    typeof v.result === 'object' &&
    v.result !== null &&
    Array.isArray(v.result.query?.tweetIds) &&
    typeof v.result.groupings === 'object' &&
    typeof v.result.startedAt === 'string' &&
    typeof v.result.finishedAt === 'string' &&
    Array.isArray(v.result.failed) &&
    Array.isArray(v.result.query.engagementTypes) &&
    (v.kind === 'series' ? isSeriesShape(v.result) : Array.isArray(v.result.query.groupings)) &&
    ['errors', 'unavailableTweetIds', 'unsupportedForImpressionsEngagementsTweetIds', 'unsupportedForVideoViewsTweetIds', 'forbiddenTweetIds'].every((k) =>
      Array.isArray((v.result as unknown as Record<string, unknown>)[k]),
    ) &&
    Object.values(v.result.groupings).every((tree) => countsOnly(tree, v.kind === 'series' ? 4 : 3))
  );
}

/** A time-series run's own parts: its endpoint, window and declared groupings (name → group_by of field names). */
function isSeriesShape(r: unknown): boolean {
  const v = r as { query: Record<string, unknown>; start: unknown; end: unknown };
  const time = (t: unknown) => t === undefined || (typeof t === 'string' && t.length <= 40);
  const g = v.query.groupings;
  return (
    (v.query.endpoint === '28hr' || v.query.endpoint === 'historical') &&
    typeof v.start === 'string' &&
    typeof v.end === 'string' &&
    time(v.query.start) &&
    time(v.query.end) &&
    typeof g === 'object' &&
    g !== null &&
    !Array.isArray(g) &&
    Object.values(g).every((x) => Array.isArray((x as { group_by?: unknown })?.group_by) && (x as { group_by: unknown[] }).group_by.every((f) => typeof f === 'string'))
  );
}

/** The lookups' fetch times: Tweet ID → ISO time, nothing else. */
function fetchTimesOnly(times: unknown): boolean {
  if (typeof times !== 'object' || times === null || Array.isArray(times)) return false;
  return Object.entries(times).every(([id, at]) => /^[0-9]{1,20}$/.test(id) && typeof at === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(at));
}

/** At most MAX_SOURCE_URIS URI strings, each short and shaped like a URI (scheme:…): a file changed outside the extension cannot make Reveal in file open something else. */
function isSourceUris(v: unknown): v is string[] {
  return Array.isArray(v) && v.length <= MAX_SOURCE_URIS && v.every((u) => typeof u === 'string' && u.length <= 4096 && /^[a-z][a-z0-9+.-]*:/i.test(u));
}

/**
 * A grouping's tree holds only nested objects and decimal counts (what the engine stores): a
 * file changed outside the extension cannot put text where hovers and the tree show numbers.
 */
function countsOnly(tree: unknown, depth: number): boolean {
  if (typeof tree === 'string') return /^[0-9]{1,30}$/.test(tree);
  if (depth === 0 || typeof tree !== 'object' || tree === null || Array.isArray(tree)) return false;
  return Object.values(tree).every((v) => countsOnly(v, depth - 1));
}

/** An error's code (ENOSPC, EACCES…) rather than its message, which may carry a path. */
function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,20}$/.test(code) ? code : 'error';
}
