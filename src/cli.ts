// engagement-totals: the command-line front end over src/core and src/sandbox.
//   ids [FILE|-]        Tweet IDs found in a file or stdin, one per line, first-seen order
//   totals [FILE|-]     engagement totals for those IDs (JSON in the API's shape, or CSV)
//   sandbox             the local Engagement API simulator
// Exit codes: 0 complete, 3 partial (output still printed), 1 failed, 2 usage error.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { FetchProgress } from './core/engine';
import type { ScanStats } from './finder/finder';
import { failedIdCount } from './core/rows';
import { createTweetIdScanner, scanFileWasm, type IdSink } from './finder/finderWasm';
import { CsvMasker, isCsvName } from './finder/csv';
import { isNotebookName, notebookFileText } from './finder/notebook';
import { Redactor } from './core/redact';
import { CONCURRENCY, DEFAULT_BASE_URL } from './core/types';
import type { Credentials, EngagementType, Logger, TotalsResult } from './core/types';
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
  engagement-totals sandbox [--port N] [--host H] [--latency MS] [--rate-limit N] [--rate-window SECONDS]
                            [--fault-rate P] [--stall MS] [--seed S] [--fixture FILE]

Credentials for totals come from the environment: X_BEARER_TOKEN, and/or X_CONSUMER_KEY,
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
  if (command === 'ids' || command === 'totals') return USAGE;
  return undefined;
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

async function commandTotals(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      types: { type: 'string' },
      group: { type: 'string', multiple: true },
      format: { type: 'string', default: 'json' },
      'base-url': { type: 'string' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1) throw new UsageError('totals takes one FILE (or - for stdin).');
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError('--format is json or csv.');
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= CONCURRENCY.min && concurrency <= CONCURRENCY.max))
    throw new UsageError(`--concurrency is a whole number from ${CONCURRENCY.min} to ${CONCURRENCY.max}.`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0 && timeout <= 86_400))
    throw new UsageError('--timeout is a number of seconds greater than 0 (at most 86400), e.g. --timeout 30.');
  const { DEFAULT_GROUPINGS, DEFAULT_TYPES, parseGrouping } = plan();
  const types = values.types
    ? (values.types
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean) as EngagementType[])
    : DEFAULT_TYPES;
  const groupings = values.group?.length ? values.group.map(parseGrouping) : DEFAULT_GROUPINGS;
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
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let result: TotalsResult;
  try {
    result = await engine().fetchTotals(
      { tweetIds: ids, engagementTypes: types, groupings },
      {
        baseUrl,
        credentials,
        concurrency,
        requestTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
        proxy,
        signal: controller.signal,
        onProgress: progress?.update,
        logger: values.verbose ? stderrLogger : undefined,
      },
    );
  } finally {
    process.off('SIGINT', onSigint);
    progress?.done();
  }
  const out = new BufferedOut();
  const { toCsv, toJson } = require('./core/export') as typeof import('./core/export');
  out.write(values.format === 'csv' ? toCsv(result) : toJson(result));
  await out.flush();
  return summarize(result);
}

/** One line per kind of shortfall on stderr; the exit code. */
function summarize(result: TotalsResult): number {
  const lines: string[] = [];
  if (result.unavailableTweetIds.length) lines.push(`${plural(result.unavailableTweetIds.length, 'Tweet')} unavailable (deleted or protected).`);
  if (result.forbiddenTweetIds.length) lines.push(`${plural(result.forbiddenTweetIds.length, 'Tweet')} not owned by the OAuth user: no owned metrics for them.`);
  const failedIds = failedIdCount(result);
  if (result.failed.length) lines.push(`${plural(result.failed.length, 'batch', 'batches')} (${plural(failedIds, 'Tweet')}) failed: ${result.failed[0].reason}`);
  if (result.cancelled) lines.push('Cancelled: partial results printed.');
  for (const l of lines) say(l);
  if (result.failed.length === 0 && !result.cancelled) return 0;
  return failedIds >= result.query.tweetIds.length ? 1 : 3;
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
