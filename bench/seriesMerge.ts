// Time-series merge benchmark: 250 owned Tweets × 28 days hourly × 10 types (about 1.7 million
// values) as the sandbox answers them (src/sandbox/series.ts, 10 requests of 25 Tweets), merged
// by the real engine (fetchSeries: the lossless parse a transport does, checkAnswer, exact sums)
// behind a transport that hands over the answers' bytes. Each measurement runs in a fresh child
// process, so its peak RSS is its own: the merge, and as the baseline a plain JSON.parse of the
// same bytes. Goal: merge < 1 s and < 500 MB.
//   npm run compile-tests && node out/bench/seriesMerge.js
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonLossless } from '../src/core/lossless';
import { formatSeriesTime, HOUR_MS, SeriesRequestBody } from '../src/core/series';
import { fetchSeries, SeriesQuery } from '../src/core/seriesRun';
import { SERIES_ENGAGEMENT_TYPES } from '../src/core/types';
import { answerSeries } from '../src/sandbox/series';
import { DAY_MS, SANDBOX_CREDENTIALS, snowflakeEndingIn, verdict } from './support';

const TWEETS = 250;
const TYPES = SERIES_ENGAGEMENT_TYPES.slice(0, 10);
const NOW = Date.parse('2026-06-01T00:00:00Z');
const START = NOW - 28 * DAY_MS;
const GOAL = { seconds: 1, mb: 500 };
const GROUPINGS: SeriesQuery['groupings'] = {
  hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] },
  daily: { group_by: ['engagement.type', 'engagement.day'] },
};

/** Owned Tweets (IDs ending in an even digit), 30 to 80 days old: every hour of the window has values. */
const ids = Array.from({ length: TWEETS }, (_, i) => snowflakeEndingIn(NOW - 30 * DAY_MS - i * 5 * HOUR_MS, i, String((i % 5) * 2)));
const query: SeriesQuery = { endpoint: 'historical', tweetIds: ids, engagementTypes: [...TYPES], groupings: GROUPINGS, start: formatSeriesTime(START), end: formatSeriesTime(NOW) };

interface Measure {
  seconds: number;
  maxRssMb: number;
  heapMb: number;
  values: number;
}

/** In a child: reads the answers' texts and measures one way of reading them. */
async function child(mode: string, file: string): Promise<void> {
  const texts = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
  const started = performance.now();
  let values = 0;
  if (mode === 'merge') {
    let next = 0;
    const result = await fetchSeries(query, {
      credentials: { oauth: SANDBOX_CREDENTIALS.oauth },
      baseUrl: 'http://127.0.0.1:9',
      now: NOW,
      concurrency: 1,
      transport: async () => ({ status: 200, headers: {}, body: parseJsonLossless(texts[next++]), durationMs: 0 }),
    });
    if (result.failed.length > 0) throw new Error(`merge failed: ${result.failed[0].reason}`);
    for (const byType of Object.values(result.groupings.hourly))
      for (const byDay of Object.values(byType)) for (const hours of Object.values(byDay)) values += Object.keys(hours).length;
  } else {
    for (const text of texts) {
      const body = JSON.parse(text) as { hourly: Record<string, Record<string, Record<string, Record<string, string>>>> };
      for (const byType of Object.values(body.hourly)) for (const byDay of Object.values(byType)) for (const hours of Object.values(byDay)) values += Object.keys(hours).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const m: Measure = { seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, heapMb: process.memoryUsage().heapUsed / 1024 / 1024, values };
  process.stdout.write(JSON.stringify(m));
}

function measure(mode: string, file: string): Measure {
  const r = spawnSync(process.execPath, [__filename, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4]);
  // The sandbox's own answers, one per request the engine will send (25 Tweets each, one 28-day window).
  const texts: string[] = [];
  for (let i = 0; i < TWEETS; i += 25) {
    const body: SeriesRequestBody = { tweet_ids: ids.slice(i, i + 25), engagement_types: [...TYPES], groupings: GROUPINGS, start: query.start, end: query.end };
    const answer = answerSeries('historical', body, { kind: 'oauth1' }, NOW);
    if (answer.status !== 200) throw new Error(`sandbox answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    texts.push(JSON.stringify(answer.body));
  }
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'series-bench-')), 'answers.json');
  fs.writeFileSync(file, JSON.stringify(texts));
  try {
    const runs = [0, 1, 2].map(() => ({ merge: measure('merge', file), parse: measure('parse', file) }));
    const best = (k: 'merge' | 'parse') => runs.map((r) => r[k]).sort((a, b) => a.seconds - b.seconds)[0];
    const merge = best('merge');
    const parse = best('parse');
    if (merge.values !== parse.values) throw new Error(`merged ${merge.values} values of ${parse.values}`);
    console.log(
      `time series: ${TWEETS} Tweets × 28 days hourly × ${TYPES.length} types = ${merge.values.toLocaleString('en-US')} values, ${texts.length} answers, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    console.log(
      `series merge (ms): ${(merge.seconds * 1000).toFixed(0)}, peak RSS ${merge.maxRssMb.toFixed(0)} MB, heap after ${merge.heapMb.toFixed(0)} MB (best of ${runs.length})`,
    );
    console.log(`baseline JSON.parse of the same bytes (ms): ${(parse.seconds * 1000).toFixed(0)}, peak RSS ${parse.maxRssMb.toFixed(0)} MB`);
    console.log(`series merge ratio to JSON.parse: ${(merge.seconds / parse.seconds).toFixed(1)}× time, ${(merge.maxRssMb / parse.maxRssMb).toFixed(1)}× peak RSS`);
    const met = merge.seconds < GOAL.seconds && merge.maxRssMb < GOAL.mb;
    console.log(`series merge < ${GOAL.seconds} s and < ${GOAL.mb} MB: ${verdict(met)}`);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
