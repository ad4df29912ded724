// Hover lookup benchmark: a 5 MB text with 10,000 cached Tweets; 100,000 hovers at random
// positions on the IDs, each doing what the hover does before rendering: tweetIdInLine (the
// real one of src/finder/lineWindow.ts: a window of the line around the position, then the
// finder) and MetricsIndex.lookup. Prints p50/p99 in µs and the ratio to a plain Map.get of the
// same IDs. Goal: p99 < 1 ms.
// Then the hover's markdown with a sparkline: 20 stored /28hr runs of 250 Tweets each (hourly
// buckets of 3 types), hovers of their Tweets through the TweetSeriesIndex the hover keeps, beside
// the totals-only hover and the walk of every series run (seriesForTweet) it replaced. Figures only.
//   npm run compile-tests && node out/bench/hover.js [lookups]
import { MetricsIndex } from '../src/core/metricsIndex';
import { seriesForTweet, TweetSeriesIndex } from '../src/core/seriesMatrix';
import type { RunRecord, SeriesRunRecord } from '../src/core/types';
import { buildHoverMarkdown } from '../src/features/hover/hoverMarkdown';
import { tweetIdInLine } from '../src/finder/lineWindow';
import { seriesResult, totalsResult } from '../test/support/results';
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

// The hover with a sparkline. 20 series runs of 250 Tweets (the first 2,500 IDs, each in 2 runs), 28 hourly buckets.
const SERIES_RUNS = 20;
const SERIES_TWEETS = 250;
const windowStart = Date.UTC(2024, 4, 31, 8);
const seriesRuns: SeriesRunRecord[] = [];
for (let r = 0; r < SERIES_RUNS; r++) {
  const batch = ids.slice((r % 10) * SERIES_TWEETS, ((r % 10) + 1) * SERIES_TWEETS);
  const hourly: Record<string, Record<string, Record<string, Record<string, string>>>> = {};
  for (const id of batch) {
    const types: Record<string, Record<string, Record<string, string>>> = {};
    for (const type of ['impressions', 'engagements', 'favorites']) {
      const days: Record<string, Record<string, string>> = {};
      for (let hr = 0; hr < 28; hr++) {
        const iso = new Date(windowStart + hr * 3_600_000).toISOString();
        (days[iso.slice(0, 10)] ??= {})[iso.slice(11, 13)] = String(randInt(5000));
      }
      types[type] = days;
    }
    hourly[id] = types;
  }
  const at = new Date(Date.UTC(2024, 5, 1, 12, r)).toISOString();
  seriesRuns.push({
    id: `series#${r}`,
    kind: 'series',
    profile: 'bench',
    source: 'bench',
    result: seriesResult({
      query: {
        endpoint: '28hr',
        tweetIds: batch,
        engagementTypes: ['impressions', 'engagements', 'favorites'],
        groupings: { hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] } },
      },
      start: new Date(windowStart).toISOString(),
      end: new Date(windowStart + 28 * 3_600_000).toISOString(),
      groupings: { hourly: hourly as never },
      startedAt: at,
      finishedAt: at,
    }),
  });
}
const stored: RunRecord[] = [...runs, ...seriesRuns];
const seriesIndex = new TweetSeriesIndex();
const seriesIndexTime = stopwatch();
seriesIndex.update(stored);
const seriesIndexMs = seriesIndexTime() * 1000;
const HOVERS = Math.min(LOOKUPS, 20_000);
const hovered = Array.from({ length: HOVERS }, () => ids[randInt(10 * SERIES_TWEETS)]);
const nowMs = Date.UTC(2024, 5, 1, 13);
const markdown = (id: string, withSeries: 'none' | 'index' | 'walk') => {
  const lookup = index.lookup(id);
  const series = withSeries === 'index' ? seriesIndex.get(id) : withSeries === 'walk' ? seriesForTweet(stored, id) : undefined;
  return buildHoverMarkdown({ id, lookup, series, fresh: true, fetching: false, nowMs });
};
function timeHovers(kind: 'none' | 'index' | 'walk', n: number) {
  const us: number[] = [];
  let noSpark = 0;
  for (let k = 0; k < n; k++) {
    const t = process.hrtime.bigint();
    const md = markdown(hovered[k], kind);
    us.push(Number(process.hrtime.bigint() - t) / 1000);
    if (kind !== 'none' && !md.includes('data:image/svg+xml')) noSpark++;
  }
  return { ...percentiles(us), noSpark };
}
for (let k = 0; k < 2000; k++) markdown(hovered[k % HOVERS], 'none');
const totalsOnly = timeHovers('none', HOVERS);
const indexed = timeHovers('index', HOVERS);
const walked = timeHovers('walk', Math.min(HOVERS, 2000));
console.log('');
console.log(
  `hover markdown: ${SERIES_RUNS} series runs × ${SERIES_TWEETS} Tweets (28 hourly buckets × 3 types) beside the totals; series index built in ${seriesIndexMs.toFixed(1)} ms; ${HOVERS} hovers of their Tweets`,
);
printTable(
  ['', 'p50 µs', 'p99 µs', 'max µs', 'no sparkline'],
  [
    ['totals only', f(totalsOnly.p50), f(totalsOnly.p99), f(totalsOnly.max), ''],
    ['with sparkline (index, memoized)', f(indexed.p50), f(indexed.p99), f(indexed.max), indexed.noSpark],
    [`with sparkline (walk of every run, ${Math.min(HOVERS, 2000)} hovers)`, f(walked.p50), f(walked.p99), f(walked.max), walked.noSpark],
  ],
);
