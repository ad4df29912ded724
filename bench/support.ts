// What the benchmarks share: where the repo and the built CLI are, timers and best-of/median,
// bounded waits, child processes (the sandbox as its own process), Tweet IDs of a chosen age
// (through snowflakeAt, the one rule for making an ID), and table printing. Compiled with the
// tests (npm run compile-tests) to out/bench/; each benchmark runs as `node out/bench/NAME.js`.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/server';
import { seededRandom } from '../src/sandbox/faults';
import { snowflakeAt } from '../src/shared/tweetId';

/** The repository (this file runs as out/bench/support.js). */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI (`npm run build`), run end to end as a user would. */
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const MB = 1 << 20;
export const DAY_MS = 86_400_000;

export { seededRandom, SANDBOX_CREDENTIALS };

/** Stops with a message when a file a benchmark needs is missing: [file, how to make it]. */
export function requireBuilt(files: ReadonlyArray<readonly [string, string]>): void {
  const missing = files.filter(([f]) => !fs.existsSync(f));
  if (missing.length) throw new Error(`missing ${missing.map(([f, fix]) => `${path.relative(ROOT, f)} (${fix})`).join(', ')}`);
}

// ---- figures ---------------------------------------------------------------------------------

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const best = (xs: readonly number[]): number => Math.min(...xs);
export const verdict = (met: boolean): string => (met ? 'MET' : 'NOT MET');

/** A stopwatch: call the returned function for the seconds since it was made. */
export function stopwatch(): () => number {
  const t0 = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - t0) / 1e9;
}

export function time<T>(fn: () => T): { result: T; seconds: number } {
  const elapsed = stopwatch();
  const result = fn();
  return { result, seconds: elapsed() };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const elapsed = stopwatch();
  const result = await fn();
  return { result, seconds: elapsed() };
}

/** Prints rows under a header: the first column left-aligned, the others right-aligned. */
export function printTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, indent = ''): void {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  for (const r of cells) console.log(indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
}

// ---- Tweet IDs -------------------------------------------------------------------------------

/** A snowflake ID created at a random moment in [fromMs, toMs) with random low bits. */
export function randomSnowflake(rand: () => number, fromMs: number, toMs: number): string {
  return snowflakeAt(fromMs + rand() * (toMs - fromMs), Math.floor(rand() * (1 << 22)));
}

/** The snowflake of `ms` whose decimal form ends in `suffix`: the low bits walked up from `low`. */
export function snowflakeEndingIn(ms: number, low: number, suffix: string): string {
  for (let k = 0; k < 1 << 22; k++) {
    const id = snowflakeAt(ms, low + k);
    if (id.endsWith(suffix)) return id;
  }
  throw new Error(`no snowflake of ${ms} ends in ${suffix}`);
}

/**
 * `n` distinct snowflake IDs created in [fromMs, toMs), from a seeded generator (the same list
 * for the same arguments); `ending` forces a share of them to end in a suffix (the sandbox
 * answers IDs ending in 13 as unavailable).
 */
export function distinctIds(n: number, opts: { seed: number; fromMs: number; toMs: number; ending?: { suffix: string; share: number } }): string[] {
  const rand = seededRandom(opts.seed);
  const ids = new Set<string>();
  for (let guard = 0; ids.size < n && guard < n * 4; guard++) {
    const ms = opts.fromMs + rand() * (opts.toMs - opts.fromMs);
    const low = Math.floor(rand() * (1 << 22));
    ids.add(opts.ending && rand() < opts.ending.share ? snowflakeEndingIn(ms, low, opts.ending.suffix) : snowflakeAt(ms, low));
  }
  if (ids.size < n) throw new Error(`could only make ${ids.size} distinct IDs`);
  return [...ids];
}

// ---- waiting and processes -------------------------------------------------------------------

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The child processes started through `track`, so a failing or interrupted benchmark stops them. */
export const children = new Set<ChildProcess>();

export function track<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the child is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  try {
    await withTimeout(exited, 5000, 'stopping a child');
  } catch {
    child.kill('SIGKILL');
    await withTimeout(exited, 2000, 'killing a child').catch(() => {});
  }
}

export const stopChildren = (): Promise<void[]> => Promise.all([...children].map(stopChild));

export interface RunningSandbox {
  url: string;
  child: ChildProcess;
  /** The CLI arguments it was started with, for the printed figures. */
  args: string;
  stop(): Promise<void>;
}

/** `engagement-totals sandbox --port 0 ARGS` as its own process; resolves once it listens. */
export async function startSandbox(args: readonly string[]): Promise<RunningSandbox> {
  const cliArgs = [CLI, 'sandbox', '--port', '0', ...args];
  const child = track(spawn(process.execPath, cliArgs, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.stderr.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out.trim()}`)));
    }),
    15_000,
    'sandbox start',
  ).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  child.stdout.resume();
  child.stderr.resume();
  return { url, child, args: cliArgs.slice(1).join(' '), stop: () => stopChild(child) };
}

// ---- the runner scripts ----------------------------------------------------------------------

/**
 * A runner script of scripts/ (plain CommonJS that runs before anything is compiled, so it is not
 * part of this TypeScript build), loaded from the repo; T describes what the benchmark uses of it.
 */
export function loadScript<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- scripts/ is not compiled: load it from the repo, typed by T
  return require(path.join(ROOT, 'scripts', name)) as T;
}

/** Runs main, sets the exit code it returns (1 on a crash, after stopping tracked children). */
export function runMain(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    async (e: unknown) => {
      console.error(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await stopChildren();
      process.exitCode = 1;
    },
  );
}
