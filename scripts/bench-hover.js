#!/usr/bin/env node
// Hover lookup benchmark: a 5 MB text with 10,000 cached Tweets; 100,000 hovers at random
// positions on the IDs, each doing what the hover does before rendering (a ±200 character
// window of the line, tweetIdAt, MetricsIndex.lookup). Prints p50/p99 in µs and the ratio
// to a plain Map.get of the same IDs. Goal: p99 < 1 ms.
//   npx tsc -p tsconfig.test.json && node scripts/bench-hover.js [lookups]
'use strict';

const path = require('node:path');
const OUT = path.join(__dirname, '..', 'out', 'src', 'core');
const { tweetIdAt } = require(path.join(__dirname, '..', 'out', 'src', 'finder', 'finder.js'));
const { MetricsIndex } = require(path.join(OUT, 'metricsIndex.js'));
const { totalsResult } = require(path.join(__dirname, '..', 'out', 'test', 'support', 'results.js'));

const TWEETS = 10_000;
const TARGET_BYTES = 5 * 1024 * 1024;
const LOOKUPS = Number(process.argv[2] || 100_000);
const WINDOW = 200;

// Deterministic pseudo-random numbers (the sandbox's mulberry32), so runs compare.
const rand = require(path.join(__dirname, '..', 'out', 'src', 'sandbox', 'faults.js')).seededRandom(0x5eed);
const randInt = (n) => Math.floor(rand() * n);

// IDs of Tweets from 2023 (snowflake time in the past), as strings.
const base = 1_650_000_000_000_000_000n;
const ids = Array.from({ length: TWEETS }, (_, i) => (base + BigInt(i) * 9_876_543_211n + BigInt(randInt(1000))).toString());

// Runs of 250 IDs, as the fetch service would store them.
const runs = [];
for (let r = 0; r * 250 < TWEETS; r++) {
  const batch = ids.slice(r * 250, (r + 1) * 250);
  const perTweet = {};
  for (const id of batch) perTweet[id] = { favorites: String(randInt(100000)), retweets: String(randInt(5000)), replies: String(randInt(900)) };
  const at = new Date(Date.UTC(2024, 4, 1, 12, 0, r)).toISOString();
  runs.push({
    id: `${at}#${r}`,
    profile: 'bench',
    source: 'bench',
    result: totalsResult({
      query: { tweetIds: batch, engagementTypes: ['favorites', 'retweets', 'replies'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet },
      startedAt: at,
      finishedAt: at,
    }),
  });
}
let t0 = process.hrtime.bigint();
const index = new MetricsIndex(runs);
const indexMs = Number(process.hrtime.bigint() - t0) / 1e6;

// The text: one line per Tweet, padded with prose and numbers that are not IDs, ~5 MB.
const filler = 'lorem ipsum 42 dolor 1714567890123 sit amet, consectetur 0.1234567 adipiscing elit ';
const perLine = Math.floor(TARGET_BYTES / TWEETS);
const lines = [];
const spans = [];
for (let i = 0; i < TWEETS; i++) {
  const before = filler.repeat(4).slice(0, randInt(perLine - 80));
  const kind = i % 3;
  const idText = kind === 0 ? `https://x.com/user/status/${ids[i]}` : kind === 1 ? `"id_str": "${ids[i]}"` : `tweet ${ids[i]},`;
  const head = `${before}${idText}`;
  const start = head.length - idText.length + idText.indexOf(ids[i]);
  const line = (head + ' ' + filler.repeat(8)).slice(0, Math.max(head.length + 1, perLine));
  lines.push(line);
  spans.push(start);
}
const text = lines.join('\n');

function windowOf(line, ch) {
  if (line.length <= 2 * WINDOW) return { text: line, start: 0 };
  const start = Math.max(0, ch - WINDOW);
  return { text: line.slice(start, Math.min(line.length, ch + WINDOW)), start };
}

// Hover positions: a random line, a random character of its ID.
const picks = Array.from({ length: LOOKUPS }, () => {
  const i = randInt(TWEETS);
  return { line: i, ch: spans[i] + randInt(ids[i].length) };
});

const plain = new Map(ids.map((id) => [id, index.lookup(id)]));
function percentiles(samples) {
  const s = Float64Array.from(samples).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p99: q(0.99), max: s[s.length - 1] };
}

// Warm up both paths, then measure each lookup alone.
for (let k = 0; k < 5000; k++) {
  const p = picks[k % picks.length];
  const w = windowOf(lines[p.line], p.ch);
  index.lookup(tweetIdAt(w.text, p.ch - w.start).id);
  plain.get(ids[p.line]);
}
const hoverUs = new Array(LOOKUPS);
const mapUs = new Array(LOOKUPS);
let misses = 0;
for (let k = 0; k < LOOKUPS; k++) {
  const p = picks[k];
  let t = process.hrtime.bigint();
  const line = lines[p.line];
  const w = windowOf(line, p.ch);
  const m = tweetIdAt(w.text, p.ch - w.start);
  const found = m && index.lookup(m.id);
  hoverUs[k] = Number(process.hrtime.bigint() - t) / 1000;
  if (!found || m.id !== ids[p.line]) misses++;

  t = process.hrtime.bigint();
  const direct = plain.get(ids[p.line]);
  mapUs[k] = Number(process.hrtime.bigint() - t) / 1000;
  if (!direct) misses++;
}

const h = percentiles(hoverUs);
const b = percentiles(mapUs);
const fmt = (x) => x.toFixed(2).padStart(8);
console.log(`text: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${TWEETS} lines/Tweets, index of ${index.size} Tweets built in ${indexMs.toFixed(0)} ms`);
console.log(`${LOOKUPS} hovers at random positions on the IDs (${misses} misses)`);
console.log(`                     p50 µs   p99 µs   max µs`);
console.log(`hover lookup       ${fmt(h.p50)} ${fmt(h.p99)} ${fmt(h.max)}`);
console.log(`Map.get baseline   ${fmt(b.p50)} ${fmt(b.p99)} ${fmt(b.max)}`);
console.log(`ratio (hover/Map)  ${fmt(h.p50 / b.p50)} ${fmt(h.p99 / b.p99)}`);
const ok = h.p99 < 1000 && misses === 0;
console.log(ok ? 'OK: p99 < 1 ms' : `FAIL: p99 ${h.p99.toFixed(1)} µs, ${misses} misses`);
process.exitCode = ok ? 0 : 1;
