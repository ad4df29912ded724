#!/usr/bin/env node
// Fetch benchmarks (issue 4, goals 2 and 3), run against sandbox processes started here:
//  2. Throttled: 10,000 IDs with --latency 100 --rate-limit 30 --rate-window 10. Lower bound:
//     one window plus two round trips (30 requests in the first window, 10 after it resets).
//     Goal: within 1.15x of that bound, exactly 40 requests, zero 429 answers.
//  3. Unthrottled: the same IDs at 200 ms latency, default concurrency vs --concurrency 1.
//     Goal: <= 0.25x the sequential time.
// Each is measured twice: in process (fetchTotals from the compiled core, the engine alone;
// the goal lines use it; median of 3 for the throttled case, whose window end is known only
// to the whole second from x-per-minute-reset) and end to end through the CLI
// (engagement-totals totals, including Node start-up and reading the file).
// Prints figures and ratios; asserts nothing (machines here are noisy). Exit 1 only when
// a run itself fails (wrong output, non-zero exit).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The sandbox's documented credentials (from the compiled sandbox, which these runs start). */
const sandboxCredentials = () => require(path.join(__dirname, '..', 'out', 'src', 'sandbox', 'server.js')).SANDBOX_CREDENTIALS;

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function ids(n) {
  const base = BigInt(Date.now() - 5 * 86_400_000 - 1288834974657) << 22n;
  return Array.from({ length: n }, (_, i) => (base + BigInt(i) * 7919n).toString());
}

function startSandbox(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => {
      const m = /listening on (\S+)/.exec(String(d));
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

function totals(file, url, extra = []) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, 'totals', file, '--base-url', url, '--verbose', ...extra], {
      env: { PATH: process.env.PATH, X_BEARER_TOKEN: sandboxCredentials().bearerToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`totals exited ${code}: ${err.split('\n').slice(-3).join(' ')}`));
      const requests = (err.match(/\[info\] POST /g) || []).length;
      const rateLimited = (err.match(/→ 429/g) || []).length;
      resolve({ seconds, requests, rateLimited, result: JSON.parse(out) });
    });
  });
}

/** fetchTotals in this process, counting requests and 429s through the logger. */
async function inProcess(list, url, concurrency) {
  const { fetchTotals } = require(path.join(ROOT, 'out', 'src', 'core', 'engine.js'));
  let requests = 0;
  let rateLimited = 0;
  const logger = {
    trace() {},
    warn() {},
    error() {},
    info(m) {
      requests++;
      if (/→ 429/.test(m)) rateLimited++;
    },
  };
  const started = process.hrtime.bigint();
  const result = await fetchTotals(
    {
      tweetIds: list,
      engagementTypes: ['favorites', 'retweets', 'replies', 'quote_tweets', 'video_views'],
      groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }],
    },
    { baseUrl: url, credentials: { bearerToken: sandboxCredentials().bearerToken }, concurrency, logger },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.failed.length) throw new Error(`failed batches: ${result.failed[0].reason}`);
  return { seconds, requests, rateLimited };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fetch-'));
  const file = path.join(dir, 'ids.txt');
  fs.writeFileSync(file, ids(10_000).join('\n'));
  const lines = [];
  try {
    // 2. Throttled.
    {
      const bound = 10 + 2 * 0.1;
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const s = await startSandbox(['--latency', '100', '--rate-limit', '30', '--rate-window', '10']);
        try {
          runs.push(await inProcess(ids(10_000), s.url));
        } finally {
          s.child.kill();
        }
      }
      const t = median(runs.map((r) => r.seconds));
      const ok = runs.every((r) => r.requests === 40 && r.rateLimited === 0);
      lines.push(
        `throttled fetch (in process): 10,000 IDs, limit 30 per 10 s, 100 ms latency: ${runs.map((r) => r.seconds.toFixed(2)).join(' / ')} s, median ${t.toFixed(2)} s; requests ${runs.map((r) => r.requests).join('/')}, 429s ${runs.map((r) => r.rateLimited).join('/')}; bound ${bound.toFixed(1)} s; ratio ${(t / bound).toFixed(3)} (goal <= 1.15, 40 requests, 0 x 429) ${t / bound <= 1.15 && ok ? 'MET' : 'NOT MET'}`,
      );
      const s = await startSandbox(['--latency', '100', '--rate-limit', '30', '--rate-window', '10']);
      try {
        const r = await totals(file, s.url);
        lines.push(`throttled fetch (CLI end to end): ${r.seconds.toFixed(2)} s, ${r.requests} requests, ${r.rateLimited} x 429; ratio to bound ${(r.seconds / bound).toFixed(3)}`);
      } finally {
        s.child.kill();
      }
    }
    // 3. Unthrottled: default concurrency vs 1.
    {
      const s = await startSandbox(['--latency', '200', '--rate-limit', '1000000']);
      try {
        const seq = await inProcess(ids(10_000), s.url, 1);
        const par = await inProcess(ids(10_000), s.url);
        const ratio = par.seconds / seq.seconds;
        lines.push(
          `unthrottled fetch (in process): 10,000 IDs, 200 ms latency: --concurrency 1 ${seq.seconds.toFixed(2)} s (${seq.requests} requests), default concurrency ${par.seconds.toFixed(2)} s; ratio ${ratio.toFixed(3)} (goal <= 0.25) ${ratio <= 0.25 ? 'MET' : 'NOT MET'}`,
        );
        const cseq = await totals(file, s.url, ['--concurrency', '1']);
        const cpar = await totals(file, s.url);
        if (JSON.stringify(cseq.result) !== JSON.stringify(cpar.result)) throw new Error('concurrent and sequential CLI runs disagree');
        lines.push(
          `unthrottled fetch (CLI end to end): --concurrency 1 ${cseq.seconds.toFixed(2)} s, default ${cpar.seconds.toFixed(2)} s; ratio ${(cpar.seconds / cseq.seconds).toFixed(3)}; identical output`,
        );
      } finally {
        s.child.kill();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const l of lines) console.log(l);
}

main().catch((e) => {
  console.error(`bench-fetch: ${e.message}`);
  process.exit(1);
});
