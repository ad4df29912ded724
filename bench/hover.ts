// Hover lookup benchmark: a 5 MB text with 10,000 cached Tweets; 100,000 hovers at random
// positions on the IDs, each doing what the hover does before rendering: tweetIdInLine (the
// real one of src/finder/lineWindow.ts: a window of the line around the position, then the
// finder) and MetricsIndex.lookup. Prints p50/p99 in µs and the ratio to a plain Map.get of the
// same IDs. Goal: p99 < 1 ms.
//   npm run compile-tests && node out/bench/hover.js [lookups]
import { MetricsIndex } from '../src/core/metricsIndex';
import type { RunRecord } from '../src/core/types';
import { tweetIdInLine } from '../src/finder/lineWindow';
import { totalsResult } from '../test/support/results';
import { distinctIds, printTable, seededRandom, stopwatch } from './support';

const TWEETS = 10_000;
const TARGET_BYTES = 5 * 1024 * 1024;
const LOOKUPS = Number(process.argv[2] || 100_000);

// Deterministic pseudo-random numbers (the sandbox's mulberry32), so runs compare.
const rand = seededRandom(0x5eed);
const randInt = (n: number) => Math.floor(rand() * n);

// IDs of Tweets from spring 2022.
const ids = distinctIds(TWEETS, { seed: 0x5eed, fromMs: Date.UTC(2022, 3, 1), toMs: Date.UTC(2022, 5, 1) });

// Runs of 250 IDs, as the fetch service would store them.
const runs: RunRecord[] = [];
for (let r = 0; r * 250 < TWEETS; r++) {
  const batch = ids.slice(r * 250, (r + 1) * 250);
  const perTweet: Record<string, Record<string, string>> = {};
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
const indexTime = stopwatch();
const index = new MetricsIndex(runs);
const indexMs = indexTime() * 1000;

// The text: one line per Tweet, padded with prose and numbers that are not IDs, ~5 MB.
const filler = 'lorem ipsum 42 dolor 1714567890123 sit amet, consectetur 0.1234567 adipiscing elit ';
const perLine = Math.floor(TARGET_BYTES / TWEETS);
const lines: string[] = [];
const spans: number[] = [];
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
const textLength = lines.reduce((n, l) => n + l.length + 1, -1);

// Hover positions: a random line, a random character of its ID.
const picks = Array.from({ length: LOOKUPS }, () => {
  const i = randInt(TWEETS);
  return { line: i, ch: spans[i] + randInt(ids[i].length) };
});

const plain = new Map(ids.map((id) => [id, index.lookup(id)]));
function percentiles(samples: number[]) {
  const s = Float64Array.from(samples).sort();
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: q(0.5), p99: q(0.99), max: s[s.length - 1] };
}

/** What the hover does before rendering: the ID under the position, then its cached numbers. */
function hover(line: string, ch: number) {
  const m = tweetIdInLine(line, ch);
  return m && { id: m.id, found: index.lookup(m.id) };
}

// Warm up both paths, then measure each lookup alone.
for (let k = 0; k < 5000; k++) {
  const p = picks[k % picks.length];
  hover(lines[p.line], p.ch);
  plain.get(ids[p.line]);
}
const hoverUs = new Array<number>(LOOKUPS);
const mapUs = new Array<number>(LOOKUPS);
let misses = 0;
for (let k = 0; k < LOOKUPS; k++) {
  const p = picks[k];
  let t = process.hrtime.bigint();
  const h = hover(lines[p.line], p.ch);
  hoverUs[k] = Number(process.hrtime.bigint() - t) / 1000;
  if (!h?.found || h.id !== ids[p.line]) misses++;

  t = process.hrtime.bigint();
  const direct = plain.get(ids[p.line]);
  mapUs[k] = Number(process.hrtime.bigint() - t) / 1000;
  if (!direct) misses++;
}

const h = percentiles(hoverUs);
const b = percentiles(mapUs);
const f = (x: number) => x.toFixed(2);
console.log(`text: ${(textLength / 1024 / 1024).toFixed(1)} MB, ${TWEETS} lines/Tweets, index of ${index.size} Tweets built in ${indexMs.toFixed(0)} ms`);
console.log(`${LOOKUPS} hovers at random positions on the IDs (${misses} misses)`);
printTable(
  ['', 'p50 µs', 'p99 µs', 'max µs'],
  [
    ['hover lookup', f(h.p50), f(h.p99), f(h.max)],
    ['Map.get baseline', f(b.p50), f(b.p99), f(b.max)],
    ['ratio (hover/Map)', f(h.p50 / b.p50), f(h.p99 / b.p99), ''],
  ],
);
const ok = h.p99 < 1000 && misses === 0;
console.log(ok ? 'OK: p99 < 1 ms' : `FAIL: p99 ${h.p99.toFixed(1)} µs, ${misses} misses`);
process.exitCode = ok ? 0 : 1;
