// engagement-totals: the command-line front end over src/core and src/sandbox.
//   ids [FILE|-]        Tweet IDs found in a file or stdin, one per line, first-seen order
//   totals [FILE|-]     engagement totals for those IDs (JSON in the API's shape, or CSV)
//   28hr [FILE|-]       their time series over the last 28 hours (OAuth 1.0a; JSON, or CSV in long form)
//   historical [FILE|-] their time series over a date range, any length up to 365 days back
//   sandbox             the local Engagement API simulator
// Exit codes: 0 complete, 3 partial (output still printed), 1 failed, 2 usage error.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { FetchOptions, FetchProgress } from './core/engine';
import type { SeriesEndpoint } from './core/series';
import type { SeriesGroupings, SeriesQuery, SeriesResult } from './core/seriesRun';
import type { ScanStats } from './finder/finder';
import { failedIdCount } from './core/rows';
import { createTweetIdScanner, scanFileWasm, type IdSink } from './finder/finderWasm';
import { CsvMasker, isCsvName } from './finder/csv';
import { isNotebookName, notebookFileText } from './finder/notebook';
import { Redactor } from './core/redact';
import { CONCURRENCY, DEFAULT_BASE_URL, SERIES_ENGAGEMENT_TYPES } from './core/types';
import type { Credentials, EngagementType, Logger, SeriesEngagementType, SeriesGroupField, TotalsResult } from './core/types';
import type { SandboxOptions } from './sandbox/server';
import { forLogLine } from './shared/untrusted';
import { plural } from './shared/format';

// `ids` needs only the finder: the engine (with axios) and the sandbox are loaded by the
// commands that use them, which keeps `ids` start-up close to Node's own.
const engine = () => require('./core/engine') as typeof import('./core/engine');
const plan = () => require('./core/plan') as typeof import('./core/plan');

const USAGE = `Usage:
  engagement-totals ids [FILE|-]
  engagement-totals totals [FILE|-] [--types t1,t2] [--group NAME=field1,field2]... [--format json|csv]
                           [--base-url URL] [--concurrency N] [--timeout SECONDS] [--verbose]
  engagement-totals 28hr [FILE|-] [same options as totals]
  engagement-totals historical [FILE|-] [--start DATE] [--end DATE] [same options as totals]
  engagement-totals sandbox [--port N] [--host H] [--latency MS] [--rate-limit N] [--rate-window SECONDS]
                            [--fault-rate P] [--stall MS] [--seed S] [--fixture FILE]

Run engagement-totals COMMAND --help for a command's options.

Credentials for totals, 28hr and historical come from the environment: X_BEARER_TOKEN, and/or X_CONSUMER_KEY,
X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET. The base URL comes from --base-url,
else X_ENGAGEMENT_BASE_URL, else ${DEFAULT_BASE_URL}.
--timeout limits each request from connect to last byte (default 30; one that runs out is retried).
HTTPS_PROXY (or https_proxy, ALL_PROXY) and NO_PROXY are honoured for the API host; loopback
addresses never go through a proxy.
Exit codes: 0 complete, 3 partial (output still printed), 1 failed, 2 usage error.`;

/** `engagement-totals COMMAND --help`: that command's options, each explained. */
function commandUsage(command: string): string | undefined {
  if (command === 'sandbox') {
    const { SANDBOX_CREDENTIALS: c, SANDBOX_DEFAULTS: d } = require('./sandbox/server') as typeof import('./sandbox/server');
    return `Usage: engagement-totals sandbox [options]
The local Engagement API simulator, on loopback only: POST /insights/engagement/totals, and the
time series /insights/engagement/28hr and /insights/engagement/historical (OAuth 1.0a only).
Prints "listening on URL" and serves until Ctrl+C.

  --port N             port to listen on (default 0: a free port)
  --host H             loopback address to listen on (default ${d.host})
  --latency MS         delay before every answer (default 0)
  --rate-limit N       requests per window before 429 (default ${d.rateLimit})
  --rate-window S      length of the rate-limit window in seconds (default ${d.rateWindowSeconds})
  --fault-rate P       share of requests (0 to 1) answered with a fault: 500/502/503, a bare
                       429, a reset connection, truncated gzip, an HTML body, a stall (default 0)
  --stall MS           how long a stall fault holds the answer (default ${d.stallMs})
  --seed S             seed of the fault draws, so a run can be repeated (default ${d.seed})
  --fixture FILE       JSON file of fixed answers per Tweet ID (see src/sandbox/README.md)
  -h, --help           this text

Credentials it accepts: Bearer ${c.bearerToken}; OAuth 1.0a consumer ${c.oauth.consumerKey} /
${c.oauth.consumerSecret}, token ${c.oauth.accessToken} / ${c.oauth.accessTokenSecret}.`;
  }
  if (command === '28hr' || command === 'historical') return seriesUsage(command);
  if (command === 'ids' || command === 'totals') return USAGE;
  return undefined;
}

/** Items joined by ", " in lines of at most 96 characters, each starting with `indent`. */
function wrapList(items: readonly string[], indent: string): string {
  const lines = [indent];
  for (const [i, item] of items.entries()) {
    const text = item + (i < items.length - 1 ? ',' : '');
    if (lines[lines.length - 1].length + text.length + 1 > 96) lines.push(indent);
    lines[lines.length - 1] += (lines[lines.length - 1] === indent ? '' : ' ') + text;
  }
  return lines.join('\n');
}

/** `28hr --help` and `historical --help`. */
function seriesUsage(command: '28hr' | 'historical'): string {
  const { DEFAULT_SERIES_GROUPINGS } = require('./core/seriesRun') as typeof import('./core/seriesRun');
  const groups = Object.entries(DEFAULT_SERIES_GROUPINGS).map(([name, g]) => `${name}=${g.group_by.join(',')}`);
  const what =
    command === '28hr'
      ? 'The hourly time series of the Tweets in FILE (or stdin) over the last 28 hours (widened to\nwhole hours: 28 or 29 buckets), from POST /insights/engagement/28hr.'
      : 'The time series of the Tweets in FILE (or stdin) from --start to --end, from POST\n/insights/engagement/historical. Ranges longer than 28 days are fetched in 28-day windows and\nstitched together; a window that failed is named on stderr and in the JSON\'s "failed".';
  const dates =
    command === 'historical'
      ? `  --start DATE         YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ, at most 365 days back
                       (default: 28 days before --end)
  --end DATE           the same formats, not in the future (default: now)
`
      : '';
  return `Usage: engagement-totals ${command} [FILE|-] [options]
${what}
Needs OAuth 1.0a user-context credentials (X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN,
X_ACCESS_TOKEN_SECRET): a Bearer token is not accepted. Only the user's own Tweets have series;
others are listed as not owned. Requests carry at most 25 Tweet IDs each.

${dates}  --types t1,t2        engagement types (default: all ${SERIES_ENGAGEMENT_TYPES.length}):
${wrapList(SERIES_ENGAGEMENT_TYPES, '                       ')}
  --group NAME=f1,f2   a grouping (1 to 3, repeatable) of tweet.id, engagement.type,
                       engagement.day, engagement.hour, nested in that order
                       (default: ${groups.join(' and\n                       ')})
  --format json|csv    json: the API's shape, for the whole range (default); csv: long form,
                       one row per value: Tweet ID,Type,Day (UTC),Hour (UTC),Value
  --base-url URL       API base URL (default: X_ENGAGEMENT_BASE_URL, else ${DEFAULT_BASE_URL})
  --concurrency N      requests in flight (${CONCURRENCY.min} to ${CONCURRENCY.max}, default ${CONCURRENCY.default})
  --timeout SECONDS    limit for each request (default 30; one that runs out is retried)
  --verbose            log every request on stderr
  -h, --help           this text

Exit codes: 0 complete, 3 partial (output still printed), 1 failed, 2 usage error.`;
}

class UsageError extends Error {}

/** Knows the secrets of the credentials from the environment once `totals` has read them. */
const redactor = new Redactor();

/**
 * One line on stderr. Messages carry text from outside (API errors, file names): redacted,
 * and without controls, so nothing a server sends can drive the terminal.
 */
function say(line: string): void {
  process.stderr.write(forLogLine(redactor.redact(line)) + '\n');
}

/**
 * Streams a file (or stdin) through the finder; memory stays O(unique IDs). A file is read
 * straight into the scanner's memory (a large one on two threads); a CSV or TSV file is streamed
 * through the CSV column rules first; a Jupyter notebook is read whole, for its cells and outputs.
 */
async function scanIds(file: string | undefined, sink: IdSink): Promise<ScanStats> {
  const readError = (e: NodeJS.ErrnoException) => new UsageError(e.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${e.code ?? e.message}`);
  const stdin = !file || file === '-';
  // A CSV/TSV export goes through the column rules (finder/csv.ts): user, author, media… columns are not Tweets.
  const csv = !stdin && isCsvName(file) ? new CsvMasker() : undefined;
  if (!stdin && isNotebookName(file)) {
    let raw: string;
    try {
      raw = await fs.promises.readFile(file, 'utf8');
    } catch (e) {
      throw readError(e as NodeJS.ErrnoException);
    }
    const nb = notebookFileText(raw);
    if (nb.note) say(`${file}: ${nb.note}`);
    const scanner = createTweetIdScanner(sink);
    scanner.write(nb.text);
    scanner.end();
    return scanner.stats;
  }
  if (!stdin && !csv) {
    try {
      return await scanFileWasm(file, sink);
    } catch (e) {
      throw readError(e as NodeJS.ErrnoException);
    }
  }
  const scanner = createTweetIdScanner(sink);
  const input = stdin ? process.stdin : fs.createReadStream(file, { highWaterMark: 1 << 20 });
  await new Promise<void>((resolve, reject) => {
    input.on('data', (chunk: Buffer | string) => scanner.write(csv && typeof chunk !== 'string' ? csv.maskBytes(chunk) : chunk));
    input.on('end', () => resolve());
    input.on('error', (e: NodeJS.ErrnoException) => reject(readError(e)));
  });
  scanner.end();
  return scanner.stats;
}

async function commandIds(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('ids takes one FILE (or - for stdin).');
  const out = new BufferedOut();
  await scanIds(positionals[0], { lines: (text) => out.bytes(text) });
  await out.flush();
  return 0;
}

function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials {
  const credentials: Credentials = {};
  if (env.X_BEARER_TOKEN) credentials.bearerToken = env.X_BEARER_TOKEN;
  const oauth = [env.X_CONSUMER_KEY, env.X_CONSUMER_SECRET, env.X_ACCESS_TOKEN, env.X_ACCESS_TOKEN_SECRET];
  if (oauth.every((v) => v)) {
    credentials.oauth = { consumerKey: oauth[0]!, consumerSecret: oauth[1]!, accessToken: oauth[2]!, accessTokenSecret: oauth[3]! };
  } else if (oauth.some((v) => v)) {
    throw new UsageError('OAuth 1.0a needs all four of X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET.');
  }
  return credentials;
}

/** The options every fetching command (totals, 28hr, historical) takes, beside its own. */
const FETCH_OPTIONS = {
  types: { type: 'string' },
  group: { type: 'string', multiple: true },
  format: { type: 'string', default: 'json' },
  'base-url': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  verbose: { type: 'boolean', default: false },
} as const;

interface FetchValues {
  types?: string;
  group?: string[];
  format?: string;
  'base-url'?: string;
  concurrency?: string;
  timeout?: string;
  verbose?: boolean;
}

/** What a fetching command shares: its options checked, the credentials, the IDs read, Ctrl+C as a cancel. */
async function prepareFetch(command: string, values: FetchValues, positionals: string[]) {
  if (positionals.length > 1) throw new UsageError(`${command} takes one FILE (or - for stdin).`);
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError('--format is json or csv.');
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= CONCURRENCY.min && concurrency <= CONCURRENCY.max))
    throw new UsageError(`--concurrency is a whole number from ${CONCURRENCY.min} to ${CONCURRENCY.max}.`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 86_400))
    throw new UsageError('--timeout is a number of seconds greater than 0 (at most 86400), e.g. --timeout 30.');
  const types = values.types
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const groupings = values.group?.length ? values.group.map(plan().parseGrouping) : undefined;
  const credentials = credentialsFromEnv(process.env);
  redactor.addCredentials(credentials);
  const baseUrl = values['base-url'] ?? process.env.X_ENGAGEMENT_BASE_URL ?? DEFAULT_BASE_URL;
  const { proxyFor, proxySettingsFromEnv } = require('./core/proxy') as typeof import('./core/proxy');
  const proxy = proxyFor(baseUrl, proxySettingsFromEnv(process.env));

  const ids: string[] = [];
  const stats = await scanIds(positionals[0], (id) => ids.push(id));
  const progress = process.stderr.isTTY ? new Progress() : undefined;
  if (progress) say(`${ids.length} Tweet IDs (${stats.duplicates} duplicates, ${stats.invalid} invalid skipped)`);
  const controller = new AbortController();
  const options: FetchOptions = {
    baseUrl,
    credentials,
    concurrency,
    requestTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
    proxy,
    signal: controller.signal,
    onProgress: progress?.update,
    logger: values.verbose ? stderrLogger : undefined,
  };
  /** Runs the fetch with Ctrl+C cancelling it (what was fetched is still printed). */
  const cancellable = async <R>(work: () => Promise<R>): Promise<R> => {
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      return await work();
    } finally {
      process.off('SIGINT', onSigint);
      progress?.done();
    }
  };
  return { ids, types, groupings, options, cancellable, csv: values.format === 'csv' };
}

async function commandTotals(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: FETCH_OPTIONS });
  const { ids, types, groupings, options, cancellable, csv } = await prepareFetch('totals', values, positionals);
  const { DEFAULT_GROUPINGS, DEFAULT_TYPES } = plan();
  const result = await cancellable(() =>
    engine().fetchTotals({ tweetIds: ids, engagementTypes: (types as EngagementType[] | undefined) ?? DEFAULT_TYPES, groupings: groupings ?? DEFAULT_GROUPINGS }, options),
  );
  const out = new BufferedOut();
  const { toCsv, toJson } = require('./core/export') as typeof import('./core/export');
  out.write(csv ? toCsv(result) : toJson(result));
  await out.flush();
  return summarize(result);
}

/** `28hr` and `historical`: the time series of the IDs, JSON in the API's shape or CSV in long form. */
async function commandSeries(endpoint: SeriesEndpoint, args: string[]): Promise<number> {
  const options = endpoint === 'historical' ? ({ ...FETCH_OPTIONS, start: { type: 'string' }, end: { type: 'string' } } as const) : FETCH_OPTIONS;
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const dates = values as { start?: string; end?: string };
  const prepared = await prepareFetch(endpoint, values, positionals);
  const series = require('./core/seriesRun') as typeof import('./core/seriesRun');
  let groupings: SeriesGroupings = { ...series.DEFAULT_SERIES_GROUPINGS };
  if (prepared.groupings) {
    groupings = {};
    for (const g of prepared.groupings) {
      if (Object.hasOwn(groupings, g.name)) throw new UsageError(`--group ${g.name} is given twice.`);
      groupings[g.name] = { group_by: g.groupBy as SeriesGroupField[] };
    }
  }
  const query: SeriesQuery = {
    endpoint,
    tweetIds: prepared.ids,
    engagementTypes: (prepared.types as SeriesEngagementType[] | undefined) ?? [...series.DEFAULT_SERIES_TYPES],
    groupings,
  };
  if (dates.start !== undefined) query.start = dates.start;
  if (dates.end !== undefined) query.end = dates.end;
  const result = await prepared.cancellable(() => series.fetchSeries(query, prepared.options));
  const out = new BufferedOut();
  const { seriesToCsv, seriesToJson } = require('./core/export') as typeof import('./core/export');
  out.write(prepared.csv ? seriesToCsv(result) : seriesToJson(result));
  await out.flush();
  if (result.failed.some((f) => f.start)) {
    const windows = [...new Set(result.failed.filter((f) => f.start).map((f) => `${f.start} to ${f.end}`))];
    say(`Failed windows: ${windows.slice(0, 5).join(', ')}${windows.length > 5 ? ` and ${windows.length - 5} more` : ''}.`);
  }
  return summarize(result);
}

/** Whether any batch of a time series was answered: values, or Tweets listed as unavailable, unsupported or not owned. */
function answeredAny(result: SeriesResult): boolean {
  const lists = [result.unavailableTweetIds, result.unsupportedForImpressionsEngagementsTweetIds, result.unsupportedForVideoViewsTweetIds, result.forbiddenTweetIds];
  return lists.some((l) => l.length > 0) || Object.values(result.groupings).some((tree) => Object.keys(tree).length > 0);
}

/** One line per kind of shortfall on stderr; the exit code. */
function summarize(result: TotalsResult | SeriesResult): number {
  const lines: string[] = [];
  if (result.unavailableTweetIds.length) lines.push(`${plural(result.unavailableTweetIds.length, 'Tweet')} unavailable (deleted or protected).`);
  if (result.forbiddenTweetIds.length) lines.push(`${plural(result.forbiddenTweetIds.length, 'Tweet')} not owned by the OAuth user: no owned metrics for them.`);
  const failedIds = failedIdCount(result);
  if (result.failed.length) lines.push(`${plural(result.failed.length, 'batch', 'batches')} (${plural(failedIds, 'Tweet')}) failed: ${result.failed[0].reason}`);
  if (result.cancelled) lines.push('Cancelled: partial results printed.');
  for (const l of lines) say(l);
  if (result.failed.length === 0 && !result.cancelled) return 0;
  // A time series fails whole only when no window of any Tweet was answered (its IDs repeat across windows).
  const nothing = 'start' in result ? !answeredAny(result) : failedIds >= result.query.tweetIds.length;
  return nothing ? 1 : 3;
}

async function commandSandbox(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-window': { type: 'string' },
      'fault-rate': { type: 'string' },
      stall: { type: 'string' },
      seed: { type: 'string' },
      fixture: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`sandbox takes no arguments (got ${positionals[0]}).`);
  const num = (name: string, v: string | undefined, min: number, max: number, integer = true): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
      throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
    return n;
  };
  const options: SandboxOptions = {
    port: num('port', values.port, 0, 65535),
    host: values.host,
    latencyMs: num('latency', values.latency, 0, 600_000),
    rateLimit: num('rate-limit', values['rate-limit'], 1, 1_000_000_000),
    rateWindowSeconds: num('rate-window', values['rate-window'], 0.001, 86_400, false),
    faultRate: num('fault-rate', values['fault-rate'], 0, 1, false),
    stallMs: num('stall', values.stall, 0, 600_000),
    seed: num('seed', values.seed, 0, 2 ** 32),
    fixture: values.fixture,
  };
  const { isLoopbackHost } = require('./core/http') as typeof import('./core/http');
  if (options.host && !isLoopbackHost(options.host)) throw new UsageError('The sandbox listens on loopback addresses only.');
  const { startSandbox } = require('./sandbox/server') as typeof import('./sandbox/server');
  const sandbox = await startSandbox(options);
  process.stdout.write(`listening on ${sandbox.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sandbox.close();
  return 0;
}

const stderrLogger: Logger = {
  trace: (m) => say(`[trace] ${m}`),
  info: (m) => say(`[info] ${m}`),
  warn: (m) => say(`[warn] ${m}`),
  error: (m) => say(`[error] ${m}`),
};

/** A one-line progress display on a terminal's stderr. */
class Progress {
  private last = 0;
  update = (p: FetchProgress): void => {
    const now = Date.now();
    if (now - this.last < 100 && p.batchesDone < p.batchesTotal) return;
    this.last = now;
    const wait = p.waitingUntil && p.waitingUntil > now ? `, waiting ${Math.ceil((p.waitingUntil - now) / 1000)} s for the rate limit` : '';
    process.stderr.write(`\r\x1b[2KBatches ${p.batchesDone}/${p.batchesTotal}, ${p.requests} requests${wait}`);
  };
  done(): void {
    process.stderr.write('\r\x1b[2K');
  }
}

/**
 * Line output in 64 KB writes. A write happens as soon as the buffer is full (the scan calls
 * bytes() synchronously, so a deferred write would only pile up); backpressure is awaited in flush.
 */
class BufferedOut {
  private parts: Array<string | Buffer> = [];
  private size = 0;
  private pending: Promise<void> = Promise.resolve();
  private waiting = false;
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 16) this.drain();
  }
  /** Bytes to write as they are (copied: the caller may reuse them). */
  bytes(b: Uint8Array): void {
    this.parts.push(Buffer.from(b));
    this.size += b.length;
    if (this.size >= 1 << 16) this.drain();
  }
  private drain(): void {
    const parts = this.parts;
    const text = parts.every((p) => typeof p === 'string') ? parts.join('') : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    this.parts = [];
    this.size = 0;
    if (!process.stdout.write(text) && !this.waiting) {
      this.waiting = true;
      this.pending = new Promise((resolve) =>
        process.stdout.once('drain', () => {
          this.waiting = false;
          resolve();
        }),
      );
    }
  }
  async flush(): Promise<void> {
    if (this.parts.length) this.drain();
    await this.pending;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const help = command !== undefined && (rest.includes('--help') || rest.includes('-h')) ? commandUsage(command) : undefined;
    if (help) {
      process.stdout.write(help + '\n');
      return 0;
    }
    switch (command) {
      case 'ids':
        return await commandIds(rest);
      case 'totals':
        return await commandTotals(rest);
      case '28hr':
      case 'historical':
        return await commandSeries(command, rest);
      case 'sandbox':
        return await commandSandbox(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    const planError = err?.name === 'PlanError';
    if (
      e instanceof UsageError ||
      planError ||
      err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
    ) {
      say(`engagement-totals: ${err.message}`);
      if (err.code === 'needs-user-context') say('The CLI reads them from X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET.');
      if (!planError) say('Run engagement-totals --help for usage.');
      return 2;
    }
    say(`engagement-totals: ${err.message ?? String(e)}`);
    return 1;
  }
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      say(`engagement-totals: ${String((e as Error)?.message ?? e)}`);
      process.exit(1);
    },
  );
}
