// Fault soak (a reliability check, not a timing check): 20,000 recent Tweet IDs fetched through
// the real CLI from a sandbox process that fails 20 % of requests (500/502/503, bare 429s,
// connection resets, truncated gzip, HTML instead of JSON, 3 s stalls; seed 42), compared
// with the same CLI invocation against a fault-free sandbox.
//   npm run soak            (builds dist/ and out/ first)
//   node out/bench/soak.js  (uses the dist/cli.js and out/ already built)
// Goals: the merged JSON equal for every Tweet (values, unavailable list, summed totals),
// exit code 0, peak RSS of the CLI process < 300 MB. Exit 1 if one is not met. Timings are
// printed, never judged. Loopback only; every wait is bounded (the whole soak: 5 minutes).
// Faults are counted from the CLI's --verbose log (the sandbox process does not expose its
// stats) and checked against the seeded fault sequence the sandbox draws from.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FaultInjector } from '../src/sandbox/faults';
import { SANDBOX_DEFAULTS } from '../src/sandbox/server';
import { CLI, DAY_MS, SANDBOX_CREDENTIALS, children, distinctIds, loadScript, requireBuilt, runMain, startSandbox, stopwatch, track } from './support';

const TWEETS = 20_000;
const FAULT_RATE = 0.2;
const SEED = 42;
const RATE_LIMIT = 100_000;
const RSS_GOAL_MB = 300;
const RUN_TIMEOUT_MS = 200_000; // one totals run
const SOAK_TIMEOUT_MS = 300_000; // everything
const TYPES = ['favorites', 'retweets', 'quote_tweets', 'replies', 'video_views']; // the CLI's default (public) types
const GROUPS = ['perTweet=tweet.id,engagement.type', 'byType=engagement.type,tweet.id', 'totals=engagement.type'];

// ---------- input ----------
/** Distinct snowflakes created 2 hours to 4 days ago; about 4 % forced to end in 13 (unavailable). */
function recentIds(n: number): string[] {
  const newest = Date.now() - 2 * 3_600_000;
  return distinctIds(n, { seed: 0x50a4, fromMs: newest - 4 * DAY_MS, toMs: newest, ending: { suffix: '13', share: 0.04 } });
}

// ---------- processes ----------
/** The sandbox as its own process, rate limit out of the way, with the given extra arguments. */
const soakSandbox = (extra: string[]) => startSandbox(['--rate-limit', String(RATE_LIMIT), ...extra]);

/** GNU time -v if present (installs Debian's `time` when root with apt), else undefined. */
function timeTool(): string | undefined {
  const bin = '/usr/bin/time';
  const works = () => fs.existsSync(bin) && /Maximum resident set size/.test(spawnSync(bin, ['-v', 'true'], { encoding: 'utf8', timeout: 10_000 }).stderr || '');
  if (works()) return bin;
  const apt = loadScript<{ canApt(): boolean; aptInstall(packages: string[], opts: { update: 'on-failure'; log: (line: string) => void }): void }>('lib.js');
  if (apt.canApt()) {
    console.log('soak: /usr/bin/time missing; installing the Debian package time');
    try {
      apt.aptInstall(['time'], { update: 'on-failure', log: (l) => console.log(`soak: ${l}`) });
    } catch (e) {
      console.log(`soak: ${(e as Error).message}`);
    }
    if (works()) return bin;
  }
  return undefined;
}

interface Log {
  requests: number;
  retries: number;
  rateLimited: number;
  kinds: Record<string, number>;
  other: string[];
  stallMsTotal: number;
}

interface TotalsRun {
  command: string;
  seconds: number;
  exitCode: number;
  timedOut: boolean;
  rssMb: number;
  rssMethod: string;
  log: Log;
  pauses: Array<{ ms: number; after: string }>;
  stderrTail: string;
  outFile: string;
}

/** The CLI's JSON output with the three groupings of GROUPS (or why it could not be read). */
interface Output {
  __error?: string;
  failed?: Array<{ reason: string }>;
  perTweet?: Record<string, Record<string, string>>;
  byType?: Record<string, Record<string, string>>;
  totals?: Record<string, string>;
  unavailable_tweet_ids?: string[];
  [key: string]: unknown;
}

/**
 * Runs `engagement-totals totals FILE --base-url URL --group … --verbose` (stdout to a file),
 * measuring its peak RSS with GNU time -v, or by polling /proc/<pid>/status VmHWM every 50 ms.
 */
async function runTotals(idsFile: string, url: string, outFile: string, timeBin: string | undefined): Promise<TotalsRun> {
  const cliArgs = [CLI, 'totals', idsFile, '--base-url', url, ...GROUPS.flatMap((g) => ['--group', g]), '--verbose'];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME || os.tmpdir(), X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken };
  const out = fs.openSync(outFile, 'w');
  const elapsed = stopwatch();
  const [cmd, args] = timeBin ? [timeBin, ['-v', process.execPath, ...cliArgs]] : [process.execPath, cliArgs];
  // detached: its own process group, so a timeout kills time(1) and the CLI under it.
  const child = track(spawn(cmd, args, { env, stdio: ['ignore', out, 'pipe'], detached: true }));
  fs.closeSync(out);
  let stderr = '';
  let partial = '';
  const stamped: Array<[number, string]> = []; // [ms since start, line]: when each log line arrived, to find pauses
  child.stderr!.on('data', (d) => {
    stderr += d;
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    const at = elapsed() * 1000;
    for (const line of lines) stamped.push([at, line]);
  });
  let hwmKb = 0;
  const poll = timeBin
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
        } catch {
          // exited between two polls
        }
      }, 50);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, RUN_TIMEOUT_MS);
  const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : 1))));
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  const seconds = elapsed();
  let rssKb = hwmKb;
  let exitCode = code;
  if (timeBin) {
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    rssKb = rss ? Number(rss[1]) : NaN;
    const status = /Exit status: (\d+)/.exec(stderr);
    if (status) exitCode = Number(status[1]);
  }
  return {
    command: `X_BEARER_TOKEN=${SANDBOX_CREDENTIALS.bearerToken} node dist/cli.js ${cliArgs.slice(1).join(' ').replace(idsFile, 'IDS_FILE')}`,
    seconds,
    exitCode,
    timedOut,
    rssMb: rssKb / 1024,
    rssMethod: timeBin ? '/usr/bin/time -v' : '/proc VmHWM polled every 50 ms',
    log: parseLog(stderr),
    pauses: pausesOf(stamped),
    stderrTail: stderr
      .split('\n')
      .filter((l) => !/^\[(info|warn)\] POST /.test(l) && !/^\s/.test(l))
      .slice(-8)
      .join('\n'),
    outFile,
  };
}

// ---------- the verbose log ----------
/**
 * One entry per request from the engine's log lines (src/core/engine.ts):
 *   [info] POST batch i/n (… IDs, Bearer[, retry k]) → STATUS in MS ms[; limit L, remaining R, reset T]
 *   [warn] POST batch i/n (…) → <transport error message> after MS ms
 * classified as the sandbox's fault kinds.
 */
function parseLog(stderr: string): Log {
  const kinds: Record<string, number> = {};
  const other: string[] = [];
  let requests = 0;
  let rateLimited = 0;
  let retries = 0;
  let stallMsTotal = 0;
  const times: number[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^\[(info|warn)\] POST batch \d+\/\d+ \(([^)]*)\) → (.*)$/.exec(line);
    if (!m) continue;
    requests++;
    if (/retry \d+/.test(m[2])) retries++;
    const what = m[3];
    const ok = /^(\d{3}) in (\d+) ms(;.*)?$/.exec(what);
    let kind;
    if (ok) {
      const status = Number(ok[1]);
      const ms = Number(ok[2]);
      times.push(ms);
      if (status === 200 && ms >= SANDBOX_DEFAULTS.stallMs * 0.9) {
        kind = 'stall';
        stallMsTotal += ms;
      } else if (status === 200) kind = undefined;
      else if (status === 500 || status === 502 || status === 503) kind = `http${status}`;
      else if (status === 429 && !ok[3]) kind = 'bare429';
      else if (status === 429) {
        rateLimited++;
        kind = undefined;
      } else kind = `other: ${status}`;
    } else if (/body that is not JSON \(text\/html/.test(what)) kind = 'html';
    // axios inflates a cut gzip body without an error: the cut JSON then fails to parse.
    else if (/body that is not JSON \(application\/json|unexpected end of file|Z_BUF_ERROR/i.test(what)) kind = 'truncatedGzip';
    else if (/ECONNRESET|socket hang up|aborted|ERR_BAD_RESPONSE|stream has been aborted/i.test(what)) kind = 'reset';
    else kind = 'other';
    if (kind) kinds[kind] = (kinds[kind] || 0) + 1;
    if (kind && kind.startsWith('other')) other.push(line);
  }
  return { requests, retries, rateLimited, kinds, other, stallMsTotal };
}

/** The longest silences between two request log lines (the run waiting), longest first. */
function pausesOf(stamped: ReadonlyArray<[number, string]>): Array<{ ms: number; after: string }> {
  const requests = stamped.filter(([, l]) => /^\[(info|warn)\] POST batch /.test(l));
  const pauses: Array<{ ms: number; after: string }> = [];
  let bare429At: number | undefined;
  for (let i = 1; i < requests.length; i++) {
    if (/→ 429 in \d+ ms$/.test(requests[i - 1][1])) bare429At = requests[i - 1][0];
    const ms = requests[i][0] - requests[i - 1][0];
    if (ms < 1000) continue;
    const since =
      bare429At === undefined ? '' : `; the last bare 429 (no Retry-After, no rate headers) came ${((requests[i - 1][0] - bare429At) / 1000).toFixed(1)} s before it began`;
    pauses.push({ ms, after: requests[i - 1][1].replace(/^.*→ /, '→ ') + since });
  }
  return pauses.sort((x, y) => y.ms - x.ms).slice(0, 4);
}

/** The fault kinds the sandbox drew for its first `requests` requests (same seed, same PRNG). */
function expectedFaults(requests: number): Record<string, number> {
  const injector = new FaultInjector(FAULT_RATE, SEED);
  const kinds: Record<string, number> = {};
  for (let i = 0; i < requests; i++) {
    const k = injector.next();
    if (k) kinds[k] = (kinds[k] || 0) + 1;
  }
  return kinds;
}

// ---------- comparing ----------
function sum(values: string[]): string {
  return values.reduce((a, v) => a + BigInt(v), 0n).toString();
}

/** Problems (strings) found comparing the faulty run's JSON with the reference's, per Tweet. */
function compare(ids: string[], got: Output, want: Output): { problems: string[]; perTweetDiffs: number } {
  const problems: string[] = [];
  const note = (p: string) => problems.length < 20 && problems.push(p);
  if (got.failed) note(`faulty run has ${got.failed.length} failed batch(es): ${got.failed[0].reason}`);
  if (want.failed) note(`reference run has ${want.failed.length} failed batch(es): ${want.failed[0].reason}`);
  const unavailable = new Set(ids.filter((id) => id.endsWith('13')));
  const sortedEq = (a: Iterable<string>, b: Iterable<string>) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  if (!sortedEq(got.unavailable_tweet_ids || [], want.unavailable_tweet_ids || [])) note('unavailable_tweet_ids differ between the runs');
  if (!sortedEq(want.unavailable_tweet_ids || [], unavailable))
    note(`reference unavailable list (${(want.unavailable_tweet_ids || []).length}) is not the ${unavailable.size} IDs ending in 13`);
  for (const key of ['unsupported_for_video_views_tweet_ids', 'unsupported_for_impressions_engagements_tweet_ids', 'forbidden_tweet_ids', 'errors']) {
    if (JSON.stringify(got[key]) !== JSON.stringify(want[key])) note(`${key} differ`);
  }
  let perTweetDiffs = 0;
  for (const id of ids) {
    const g = got.perTweet?.[id];
    const w = want.perTweet?.[id];
    if (unavailable.has(id)) {
      if (g !== undefined || w !== undefined) {
        perTweetDiffs++;
        note(`unavailable ${id} has values`);
      }
      continue;
    }
    if (!w || Object.keys(w).length !== TYPES.length) note(`reference has no full values for ${id}: ${JSON.stringify(w)}`);
    if (JSON.stringify(g) !== JSON.stringify(w)) {
      perTweetDiffs++;
      note(`perTweet ${id}: ${JSON.stringify(g)} vs ${JSON.stringify(w)}`);
    }
    for (const t of TYPES) {
      if (got.byType?.[t]?.[id] !== w?.[t]) {
        perTweetDiffs++;
        note(`byType ${t} ${id}: ${got.byType?.[t]?.[id]} vs ${w?.[t]}`);
      }
    }
  }
  const asked = new Set(ids);
  for (const [name, doc] of [
    ['faulty', got],
    ['reference', want],
  ] as const) {
    const extra = Object.keys(doc.perTweet || {}).filter((id) => !asked.has(id));
    if (extra.length) note(`${name} perTweet has ${extra.length} IDs that were not asked for`);
    for (const t of TYPES) {
      const byTweet = sum(Object.values(doc.perTweet || {}).map((m) => m[t] ?? '0'));
      if (doc.totals?.[t] !== byTweet) note(`${name} totals.${t} = ${doc.totals?.[t]}, but the per-Tweet values sum to ${byTweet}`);
      if (Object.keys(doc.byType?.[t] || {}).length !== ids.length - unavailable.size) note(`${name} byType.${t} has ${Object.keys(doc.byType?.[t] || {}).length} Tweets`);
    }
  }
  if (JSON.stringify(got.totals) !== JSON.stringify(want.totals)) note(`totals differ: ${JSON.stringify(got.totals)} vs ${JSON.stringify(want.totals)}`);
  return { problems, perTweetDiffs };
}

function readJson(file: string): Output {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Output;
  } catch (e) {
    return { __error: (e as Error).message };
  }
}

// ---------- main ----------
async function main() {
  requireBuilt([[CLI, 'run npm run build']]);
  const soakElapsed = stopwatch();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  try {
    const ids = recentIds(TWEETS);
    const idsFile = path.join(dir, 'ids.txt');
    fs.writeFileSync(idsFile, ids.join('\n') + '\n');
    const endings = new Set(ids.map((id) => id.slice(-1)));
    const unavailable = ids.filter((id) => id.endsWith('13')).length;
    console.log(
      `soak: ${TWEETS.toLocaleString('en-US')} distinct snowflake IDs created 2 h to 4 days ago (${unavailable} end in 13, so unavailable; last digits ${[...endings].sort().join('')})`,
    );
    const timeBin = timeTool();
    console.log(`soak: peak RSS measured with ${timeBin ? `${timeBin} -v` : '/proc/<pid>/status VmHWM polled every 50 ms (GNU time not available)'}`);

    // The run under faults.
    const faulty = await soakSandbox(['--fault-rate', String(FAULT_RATE), '--seed', String(SEED)]);
    console.log(`soak: sandbox (own process): node dist/cli.js ${faulty.args} → ${faulty.url}`);
    let a;
    try {
      a = await runTotals(idsFile, faulty.url, path.join(dir, 'faulty.json'), timeBin);
    } finally {
      await faulty.stop();
    }
    console.log(`soak: ${a.command}`);
    // The fault-free answer: a second sandbox without faults, the same CLI invocation.
    const clean = await soakSandbox([]);
    let b;
    try {
      b = await runTotals(idsFile, clean.url, path.join(dir, 'reference.json'), timeBin);
    } finally {
      await clean.stop();
    }

    const got = readJson(a.outFile);
    const want = readJson(b.outFile);
    const kinds = Object.entries(a.log.kinds).sort();
    const faults = kinds.reduce((n, [, c]) => n + c, 0);
    const expected = expectedFaults(a.log.requests);
    const expectedText = Object.entries(expected)
      .sort()
      .map(([k, c]) => `${k} ${c}`)
      .join(', ');
    const faultsMatch = JSON.stringify(Object.entries(expected).sort()) === JSON.stringify(kinds);

    console.log('');
    console.log(
      `faulty run   : ${a.seconds.toFixed(1)} s, exit ${a.exitCode}${a.timedOut ? ' (killed: timeout)' : ''}, ${a.log.requests} requests (${a.log.retries} retries), ${a.log.rateLimited} real 429s, peak RSS ${a.rssMb.toFixed(1)} MB`,
    );
    console.log(
      `faults seen  : ${faults} of ${a.log.requests} requests (${((100 * faults) / Math.max(1, a.log.requests)).toFixed(1)} %): ${kinds.map(([k, c]) => `${k} ${c}`).join(', ') || 'none'}`,
    );
    console.log(
      `seeded draws : ${expectedText} for ${a.log.requests} requests → ${faultsMatch ? 'the log accounts for every injected fault' : 'MISMATCH with the log (classification or a request the log missed)'}`,
    );
    if (a.log.stallMsTotal) console.log(`stalls       : ${(a.log.stallMsTotal / 1000).toFixed(1)} s of request time spent in stalls`);
    for (const l of a.log.other.slice(0, 5)) console.log(`unclassified : ${l}`);
    for (const p of a.pauses) console.log(`pause        : ${(p.ms / 1000).toFixed(1)} s without a request, after ${p.after}`);
    console.log(`reference run: ${b.seconds.toFixed(1)} s, exit ${b.exitCode}, ${b.log.requests} requests, peak RSS ${b.rssMb.toFixed(1)} MB`);
    console.log(
      `ratio faulty/reference: elapsed ${(a.seconds / b.seconds).toFixed(1)}x, requests ${(a.log.requests / Math.max(1, b.log.requests)).toFixed(2)}x, peak RSS ${(a.rssMb / b.rssMb).toFixed(2)}x`,
    );
    if (a.exitCode !== 0 || b.exitCode !== 0) console.log(`CLI stderr (faulty run, last lines):\n${a.stderrTail}`);

    let equal = false;
    if (got.__error || want.__error) {
      console.log(`output not JSON: faulty ${got.__error || 'ok'}, reference ${want.__error || 'ok'}`);
    } else {
      const { problems, perTweetDiffs } = compare(ids, got, want);
      for (const p of problems) console.log(`  difference: ${p}`);
      equal = problems.length === 0;
      console.log(
        `compared: ${ids.length} Tweets × ${TYPES.length} types in perTweet and byType, ${want.unavailable_tweet_ids?.length ?? 0} unavailable, totals ${JSON.stringify(want.totals)}; ${perTweetDiffs} per-Tweet differences`,
      );
    }
    const goals = [
      [`merged JSON equal to the fault-free run for every Tweet (values, unavailable list, summed totals)`, equal],
      [`exit code 0 under faults (got ${a.exitCode})`, a.exitCode === 0 && !a.timedOut],
      [`peak RSS of the CLI < ${RSS_GOAL_MB} MB (got ${a.rssMb.toFixed(1)} MB, ${a.rssMethod})`, a.rssMb < RSS_GOAL_MB],
    ];
    console.log('');
    for (const [text, met] of goals) console.log(`soak goal: ${text}: ${met ? 'MET' : 'NOT MET'}`);
    console.log(`soak: finished in ${soakElapsed().toFixed(1)} s`);
    return goals.every(([, met]) => met) ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const watchdog = setTimeout(() => {
  console.error(`soak: did not finish within ${SOAK_TIMEOUT_MS / 1000} s; stopping`);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
}, SOAK_TIMEOUT_MS);

runMain('soak', () => main().finally(() => clearTimeout(watchdog)));
