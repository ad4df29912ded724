// Fetch benchmarks (issue 4, goals 2 and 3), run against sandbox processes started here:
//  2. Throttled: 10,000 IDs with --latency 100 --rate-limit 30 --rate-window 10. Lower bound:
//     one window plus two round trips (30 requests in the first window, 10 after it resets).
//     Goal: within 1.15x of that bound, exactly 40 requests, zero 429 answers.
//  3. Unthrottled: the same IDs at 200 ms latency, default concurrency vs --concurrency 1.
//     Goal: <= 0.25x the sequential time.
// Each is measured twice: in process (fetchTotals of src/core/engine, the engine alone; the goal
// lines use it; median of 3 for the throttled case, whose window end is known only to the whole
// second from x-per-minute-reset) and end to end through the CLI (engagement-totals totals,
// including Node start-up and reading the file).
// Prints figures and ratios; asserts nothing (machines here are noisy). Exit 1 only when a run
// itself fails (wrong output, non-zero exit).
//   npm run build && npm run compile-tests && node out/bench/fetch.js
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchTotals } from '../src/core/engine';
import type { Logger } from '../src/core/types';
import { CLI, DAY_MS, SANDBOX_CREDENTIALS, distinctIds, median, requireBuilt, runMain, startSandbox, stopwatch, track, verdict } from './support';

const TWEETS = 10_000;
/** 10,000 IDs created 5 to 6 days ago (the same list within a run). */
const ids = distinctIds(TWEETS, { seed: 0xfe7c4, fromMs: Date.now() - 6 * DAY_MS, toMs: Date.now() - 5 * DAY_MS });

interface Run {
  seconds: number;
  requests: number;
  rateLimited: number;
}

/** `engagement-totals totals FILE --base-url URL --verbose`, counting requests and 429s in its log. */
function totals(file: string, url: string, extra: string[] = []): Promise<Run & { output: string }> {
  return new Promise((resolve, reject) => {
    const elapsed = stopwatch();
    const child = track(
      spawn(process.execPath, [CLI, 'totals', file, '--base-url', url, '--verbose', ...extra], {
        env: { PATH: process.env.PATH, X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const seconds = elapsed();
      if (code !== 0) return reject(new Error(`totals exited ${code}: ${err.split('\n').slice(-3).join(' ')}`));
      const requests = (err.match(/\[info\] POST /g) || []).length;
      const rateLimited = (err.match(/→ 429/g) || []).length;
      JSON.parse(out); // the output must be JSON
      resolve({ seconds, requests, rateLimited, output: out });
    });
  });
}

/** fetchTotals in this process, counting requests and 429s through the logger. */
async function inProcess(url: string, concurrency?: number): Promise<Run> {
  let requests = 0;
  let rateLimited = 0;
  const logger: Logger = {
    trace() {},
    warn() {},
    error() {},
    info(m: string) {
      requests++;
      if (/→ 429/.test(m)) rateLimited++;
    },
  };
  const elapsed = stopwatch();
  const result = await fetchTotals(
    {
      tweetIds: ids,
      engagementTypes: ['favorites', 'retweets', 'replies', 'quote_tweets', 'video_views'],
      groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }],
    },
    { baseUrl: url, credentials: { bearerToken: SANDBOX_CREDENTIALS.bearerToken }, concurrency, logger },
  );
  const seconds = elapsed();
  if (result.failed.length) throw new Error(`failed batches: ${result.failed[0].reason}`);
  return { seconds, requests, rateLimited };
}

const THROTTLED = ['--latency', '100', '--rate-limit', '30', '--rate-window', '10'];

async function main(): Promise<void> {
  requireBuilt([[CLI, 'run npm run build']]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fetch-'));
  const file = path.join(dir, 'ids.txt');
  fs.writeFileSync(file, ids.join('\n'));
  const lines: string[] = [];
  try {
    // 2. Throttled.
    {
      const bound = 10 + 2 * 0.1;
      const runs: Run[] = [];
      for (let i = 0; i < 3; i++) {
        const s = await startSandbox(THROTTLED);
        try {
          runs.push(await inProcess(s.url));
        } finally {
          await s.stop();
        }
      }
      const t = median(runs.map((r) => r.seconds));
      const ok = runs.every((r) => r.requests === 40 && r.rateLimited === 0);
      lines.push(
        `throttled fetch (in process): 10,000 IDs, limit 30 per 10 s, 100 ms latency: ${runs.map((r) => r.seconds.toFixed(2)).join(' / ')} s, median ${t.toFixed(2)} s; requests ${runs.map((r) => r.requests).join('/')}, 429s ${runs.map((r) => r.rateLimited).join('/')}; bound ${bound.toFixed(1)} s; ratio ${(t / bound).toFixed(3)} (goal <= 1.15, 40 requests, 0 x 429) ${verdict(t / bound <= 1.15 && ok)}`,
      );
      const s = await startSandbox(THROTTLED);
      try {
        const r = await totals(file, s.url);
        lines.push(`throttled fetch (CLI end to end): ${r.seconds.toFixed(2)} s, ${r.requests} requests, ${r.rateLimited} x 429; ratio to bound ${(r.seconds / bound).toFixed(3)}`);
      } finally {
        await s.stop();
      }
    }
    // 3. Unthrottled: default concurrency vs 1.
    {
      const s = await startSandbox(['--latency', '200', '--rate-limit', '1000000']);
      try {
        const seq = await inProcess(s.url, 1);
        const par = await inProcess(s.url);
        const ratio = par.seconds / seq.seconds;
        lines.push(
          `unthrottled fetch (in process): 10,000 IDs, 200 ms latency: --concurrency 1 ${seq.seconds.toFixed(2)} s (${seq.requests} requests), default concurrency ${par.seconds.toFixed(2)} s; ratio ${ratio.toFixed(3)} (goal <= 0.25) ${verdict(ratio <= 0.25)}`,
        );
        const cseq = await totals(file, s.url, ['--concurrency', '1']);
        const cpar = await totals(file, s.url);
        if (cseq.output !== cpar.output) throw new Error('concurrent and sequential CLI runs disagree');
        lines.push(
          `unthrottled fetch (CLI end to end): --concurrency 1 ${cseq.seconds.toFixed(2)} s, default ${cpar.seconds.toFixed(2)} s; ratio ${(cpar.seconds / cseq.seconds).toFixed(3)}; identical output`,
        );
      } finally {
        await s.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const l of lines) console.log(l);
}

runMain('bench/fetch', main);
