#!/usr/bin/env node
// Benchmark of the Tweet ID finder. Build both outputs first (npm run build && npm run compile-tests),
// then: node scripts/bench-finder.js [sizeMB=64]
// 1. Generates an NDJSON export of realistic v1.1 and v2 Tweet objects to a temp file and times,
//    in the same run and interleaved (best of RUNS=3 each):
//    - `grep -oE '[0-9]{15,19}' FILE | wc -l` (environment as it is: no LC_ALL),
//    - the JavaScript TweetIdScanner in this process (1 MB chunks; the editor's scanner),
//    - the WebAssembly scanner in this process, one thread and two (scanFileWasm),
//    - the real CLI end to end, `node dist/cli.js ids FILE > /dev/null` (Node start-up included;
//      the start-up floor is shown by the same command on an empty file).
//    The goal line (CLI >= 5x grep) uses the CLI figure.
// 2. Times four hostile inputs through both scanners and checks they give no IDs (goal: each
//    above 20 MB/s).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execSync, execFileSync } = require('node:child_process');
const { TweetIdScanner } = require('../out/src/finder/finder.js');
const { WasmTweetIdScanner, scanFileWasm } = require('../out/src/finder/finderWasm.js');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RUNS = Math.max(1, Number(process.env.RUNS || 3));
const GOAL_CLI = 5; // x grep, end to end
const GOAL_HOSTILE = 20; // MB/s
const sources = ['src/finder/finder.ts', 'src/finder/finderWasm.ts', 'src/finder/assembly/finder.ts'].map((f) => path.join(ROOT, f));
for (const [built, cmd] of [
  [path.join(ROOT, 'out', 'src', 'finder', 'finderWasm.generated.js'), 'npm run compile-tests'],
  [path.join(ROOT, 'out', 'src', 'finder', 'finderWasm.js'), 'npm run compile-tests'],
  [CLI, 'npm run build'],
]) {
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest) {
    console.error(`${path.relative(ROOT, built)} is missing or older than the finder's sources: run ${cmd} first.`);
    process.exit(2);
  }
}

const SIZE_MB = Number(process.argv[2] || 64);
const MB = 1 << 20;
const TWEPOCH = 1288834974657n;
const NOW = Date.UTC(2024, 5, 1);

// Deterministic PRNG so runs are comparable.
let seed = 0x2545f491;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (n) => Math.floor(rand() * n);

function snowflake(fromYear = 2012, toYear = 2024) {
  const t = Date.UTC(fromYear, 0, 1) + rand() * (Date.UTC(toYear, 0, 1) - Date.UTC(fromYear, 0, 1));
  return (((BigInt(Math.floor(t)) - TWEPOCH) << 22n) | BigInt(int(1 << 22))).toString();
}

// Placeholders let JSON.stringify write 64-bit numbers unquoted: "§123" -> 123.
const num = (id) => `§${id}`;
const finish = (obj, escapeSlashes) => {
  let s = JSON.stringify(obj).replace(/"§(\d+)"/g, '$1');
  if (escapeSlashes) s = s.replace(/\//g, '\\/');
  return s;
};

const WORDS = 'the a launch update thread today new release api data engagement numbers video live team thanks for all of you we are happy to share read more here about our'.split(
  ' ',
);
const text = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

const users = Array.from({ length: 4000 }, (_, k) => ({
  id: k % 5 === 0 ? String(10000000 + int(900000000)) : snowflake(2011, 2023),
  screen: `user_${k}`,
  name: `User ${k}`,
  img: snowflake(2012, 2024),
}));

const expected = new Set();
function tweetId() {
  const id = snowflake();
  expected.add(id);
  return id;
}

function userV1(u) {
  return {
    id: num(u.id),
    id_str: u.id,
    name: u.name,
    screen_name: u.screen,
    location: 'Somewhere',
    description: `${text(12)} https://example.com/${int(1000)}`,
    url: 'https://t.co/AbCdEf123',
    entities: { url: { urls: [{ url: 'https://t.co/AbCdEf123', expanded_url: 'https://example.com', display_url: 'example.com', indices: [0, 23] }] }, description: { urls: [] } },
    protected: false,
    followers_count: int(100000),
    friends_count: int(5000),
    listed_count: int(300),
    created_at: 'Tue Mar 21 20:50:14 +0000 2006',
    favourites_count: int(20000),
    verified: false,
    statuses_count: int(90000),
    profile_background_color: 'C0DEED',
    profile_image_url: `http://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    profile_image_url_https: `https://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    profile_banner_url: `https://pbs.twimg.com/profile_banners/${u.id}/1577836800`,
    default_profile: true,
    following: null,
    follow_request_sent: null,
    notifications: null,
  };
}

function mediaV1(ownerScreen, tweet, video) {
  const mid = snowflake();
  const m = {
    id: num(mid),
    id_str: mid,
    indices: [120, 143],
    media_url: `http://pbs.twimg.com/${video ? 'ext_tw_video_thumb/' + mid + '/pu/img' : 'media'}/FgHiJk${int(999)}.jpg`,
    media_url_https: `https://pbs.twimg.com/media/FgHiJk${int(999)}.jpg`,
    url: 'https://t.co/XyZ987',
    display_url: 'pic.twitter.com/XyZ987',
    expanded_url: `https://twitter.com/${ownerScreen}/status/${tweet}/${video ? 'video' : 'photo'}/1`,
    type: video ? 'video' : 'photo',
    sizes: { thumb: { w: 150, h: 150, resize: 'crop' }, large: { w: 2048, h: 1152, resize: 'fit' } },
  };
  if (video) {
    m.video_info = {
      aspect_ratio: [16, 9],
      duration_millis: 30033,
      variants: [
        { bitrate: 2176000, content_type: 'video/mp4', url: `https://video.twimg.com/ext_tw_video/${mid}/pu/vid/1280x720/AbC${int(99)}.mp4?tag=12` },
        { content_type: 'application/x-mpegURL', url: `https://video.twimg.com/ext_tw_video/${mid}/pu/pl/XyZ.m3u8?tag=12` },
      ],
    };
  }
  return m;
}

function tweetV1(depth = 0) {
  const id = tweetId();
  const u = pick(users);
  const mention = pick(users);
  const linked = tweetId();
  const t = {
    created_at: 'Wed Oct 10 20:19:24 +0000 2018',
    id: num(id),
    id_str: id,
    full_text: `@${mention.screen} ${text(20)} https://t.co/AbC ${int(1e6)}`,
    truncated: false,
    display_text_range: [0, 140],
    entities: {
      hashtags: [{ text: 'api', indices: [10, 14] }],
      symbols: [],
      user_mentions: [{ screen_name: mention.screen, name: mention.name, id: num(mention.id), id_str: mention.id, indices: [0, 12] }],
      urls: [
        { url: 'https://t.co/AbC', expanded_url: `https://twitter.com/${mention.screen}/status/${linked}`, display_url: `twitter.com/${mention.screen}/…`, indices: [100, 123] },
      ],
    },
    source: '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    in_reply_to_status_id: null,
    in_reply_to_status_id_str: null,
    in_reply_to_user_id: num(mention.id),
    in_reply_to_user_id_str: mention.id,
    in_reply_to_screen_name: mention.screen,
    user: userV1(u),
    geo: null,
    coordinates: null,
    place: null,
    contributors: null,
    is_quote_status: false,
    retweet_count: int(500),
    favorite_count: int(3000),
    favorited: false,
    retweeted: false,
    lang: 'en',
  };
  if (rand() < 0.5) {
    const reply = tweetId();
    t.in_reply_to_status_id = num(reply);
    t.in_reply_to_status_id_str = reply;
  }
  if (rand() < 0.4) {
    const media = [mediaV1(u.screen, id, rand() < 0.3)];
    t.entities.media = media;
    t.extended_entities = { media };
  }
  if (depth === 0 && rand() < 0.25) {
    const q = tweetV1(1);
    t.is_quote_status = true;
    t.quoted_status_id = num(q.id_str);
    t.quoted_status_id_str = q.id_str;
    t.quoted_status = q;
  } else if (depth === 0) {
    if (rand() < 0.25) t.retweeted_status = tweetV1(1);
  }
  return t;
}

function userV2(u) {
  return {
    id: u.id,
    name: u.name,
    username: u.screen,
    created_at: '2013-12-14T04:35:55.000Z',
    verified: false,
    profile_image_url: `https://pbs.twimg.com/profile_images/${u.img}/avatar_normal.jpg`,
    public_metrics: { followers_count: int(1e5), following_count: int(5000), tweet_count: int(9e4), listed_count: int(300) },
    description: text(10),
    ...(rand() < 0.5 ? { pinned_tweet_id: tweetId() } : {}),
  };
}

function lineV2() {
  const id = tweetId();
  const author = pick(users);
  const mention = pick(users);
  const quoted = tweetId();
  const mediaKey = `3_${snowflake()}`;
  const data = {
    author_id: author.id,
    conversation_id: id,
    created_at: '2023-03-01T12:00:00.000Z',
    edit_history_tweet_ids: [id],
    id,
    text: `@${mention.username || mention.screen} ${text(25)} https://t.co/Qx1`,
    lang: 'en',
    attachments: { media_keys: [mediaKey] },
    context_annotations: [{ domain: { id: '46', name: 'Business Taxonomy', description: 'Categories' }, entity: { id: snowflake(2015, 2020), name: 'Technology' } }],
    entities: {
      mentions: [{ start: 0, end: 10, username: mention.screen, id: mention.id }],
      urls: [{ start: 40, end: 63, url: 'https://t.co/Qx1', expanded_url: `https://x.com/${mention.screen}/status/${quoted}`, display_url: `x.com/${mention.screen}/…` }],
    },
    public_metrics: { retweet_count: int(500), reply_count: int(50), like_count: int(3000), quote_count: int(20), impression_count: int(1e6) },
    referenced_tweets: [{ type: 'quoted', id: quoted }],
    reply_settings: 'everyone',
  };
  return {
    data,
    includes: {
      users: [userV2(author), userV2(mention)],
      media: [{ media_key: mediaKey, type: 'photo', url: `https://pbs.twimg.com/media/Fq${int(999)}.jpg`, width: 1200, height: 675 }],
      tweets: [{ id: quoted, text: text(15), author_id: mention.id, edit_history_tweet_ids: [quoted], created_at: '2023-02-28T10:00:00.000Z' }],
    },
    matching_rules: [{ id: snowflake(2020, 2023), tag: 'engagement' }],
  };
}

function generate(file, bytes) {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let lines = [];
  let pending = 0;
  while (written < bytes) {
    const r = rand();
    const line = r < 0.6 ? finish(tweetV1(), r < 0.3) : finish(lineV2(), false);
    lines.push(line);
    pending += line.length + 1;
    if (pending > MB) {
      const chunk = lines.join('\n') + '\n';
      fs.writeSync(fd, chunk);
      written += Buffer.byteLength(chunk);
      lines = [];
      pending = 0;
    }
  }
  fs.closeSync(fd);
  return written;
}

async function scanFile(file) {
  const ids = [];
  const scanner = new TweetIdScanner((id) => ids.push(id), { now: NOW });
  for await (const chunk of fs.createReadStream(file, { highWaterMark: MB })) scanner.write(chunk);
  scanner.end();
  const out = fs.openSync('/dev/null', 'w');
  fs.writeSync(out, ids.join('\n') + '\n');
  fs.closeSync(out);
  return { ids, stats: scanner.stats };
}

async function scanFileWasmIds(file, parallel) {
  const parts = [];
  const stats = await scanFileWasm(file, { lines: (text) => parts.push(Buffer.from(text)) }, { now: NOW, parallel });
  const text = Buffer.concat(parts);
  const out = fs.openSync('/dev/null', 'w');
  fs.writeSync(out, text);
  fs.closeSync(out);
  return { ids: text.length ? text.toString('latin1').slice(0, -1).split('\n') : [], stats };
}

function scanBuffer(buf, wasm) {
  let count = 0;
  const scanner = wasm ? WasmTweetIdScanner.create(() => count++, { now: NOW }) : new TweetIdScanner(() => count++, { now: NOW });
  for (let a = 0; a < buf.length; a += MB) scanner.write(buf.subarray(a, Math.min(buf.length, a + MB)));
  scanner.end();
  return count;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

async function timeAsync(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

function hostileInputs() {
  const digits = Buffer.alloc(100 * MB);
  for (let k = 0; k < digits.length; k++) digits[k] = 48 + ((k * 7 + (k >> 5)) % 10);

  const glued = [];
  let size = 0;
  while (size < 50 * MB) {
    const id = snowflake(2019, 2024); // 19 digits, so `${id}9` is a 20-digit run
    const forms = [`a${id}`, `${id}b`, `x${id}y`, `_${id}`, `${id}_`, `0.${id}`, `${id}.5`, `${id}9`, `id${id}z`];
    const s = forms.join(' ') + '\n';
    glued.push(s);
    size += s.length;
  }

  const random = require('node:crypto').randomBytes(20 * MB);

  const parts = ['['];
  size = 1;
  let k = 0;
  while (size < 50 * MB) {
    const u = users[k++ % users.length];
    const id = snowflake(2011, 2023);
    const s = `${k > 1 ? ',' : ''}{"id":${id},"id_str":"${id}","name":"${u.name}","screen_name":"${u.screen}","followers_count":${int(1e5)},"profile_image_url_https":"https://pbs.twimg.com/profile_images/${u.img}/a_normal.jpg","created_at":"Tue Mar 21 20:50:14 +0000 2006"}`;
    parts.push(s);
    size += s.length;
  }
  parts.push(']');
  return [
    ['100 MB of digits', digits],
    ['50 MB of near-IDs glued to letters', Buffer.from(glued.join(''), 'latin1')],
    ['20 MB of random bytes', random],
    ['50 MB one-line JSON array of user objects', Buffer.from(parts.join(''), 'latin1')],
  ];
}

async function main() {
  const file = path.join(os.tmpdir(), `bench-finder-${process.pid}.ndjson`);
  try {
    const bytes = generate(file, SIZE_MB * MB);
    const mb = bytes / MB;
    console.log(`NDJSON export: ${mb.toFixed(1)} MB, ${expected.size} distinct Tweet IDs generated (${file})`);

    const empty = path.join(os.tmpdir(), `bench-finder-${process.pid}.empty`);
    fs.writeFileSync(empty, '');
    const cliRun = (f) => execSync(`'${process.execPath}' '${CLI}' ids '${f}' > /dev/null`);
    const cliOut = execFileSync(process.execPath, [CLI, 'ids', file], { maxBuffer: 1 << 30 }).toString('latin1');
    const cliLines = cliOut.split('\n').length - 1;
    const grepRuns = [];
    const scanRuns = [];
    const wasmRuns = [];
    const wasm2Runs = [];
    const cliRuns = [];
    const startRuns = [];
    let grepCount = '';
    let scan;
    let wasm1;
    let wasm2;
    for (let r = 0; r < RUNS; r++) {
      // Interleaved, so background load hits all three alike.
      const g = time(() => execSync(`grep -oE '[0-9]{15,19}' '${file}' | wc -l`).toString().trim());
      grepRuns.push(g.seconds);
      grepCount = g.result;
      const c = time(() => cliRun(file));
      cliRuns.push(c.seconds);
      const s = await timeAsync(() => scanFile(file));
      scanRuns.push(s.seconds);
      scan = s.result;
      const w1 = await timeAsync(() => scanFileWasmIds(file, false));
      wasmRuns.push(w1.seconds);
      wasm1 = w1.result;
      const w2 = await timeAsync(() => scanFileWasmIds(file, true));
      wasm2Runs.push(w2.seconds);
      wasm2 = w2.result;
      startRuns.push(time(() => cliRun(empty)).seconds);
    }
    fs.rmSync(empty, { force: true });
    const grepBest = Math.min(...grepRuns);
    const scanBest = Math.min(...scanRuns);
    const cliBest = Math.min(...cliRuns);
    const startBest = Math.min(...startRuns);
    const found = new Set(scan.ids);
    let missing = 0;
    for (const id of expected) if (!found.has(id)) missing++;
    const extra = scan.ids.filter((id) => !expected.has(id)).length;
    const cliSame = cliOut === (scan.ids.length ? scan.ids.join('\n') + '\n' : '');
    const wasmSame = [wasm1, wasm2].every((w) => w.ids.join('\n') === scan.ids.join('\n') && JSON.stringify(w.stats) === JSON.stringify(scan.stats));
    const rate = (s) => `${(mb / s).toFixed(0).padStart(5)} MB/s (best of ${RUNS}, ${s.toFixed(3)} s)`;
    console.log(`grep -oE '[0-9]{15,19}' | wc -l  : ${rate(grepBest)}, ${grepCount} digit runs`);
    console.log(
      `TweetIdScanner (JS, in-process)  : ${rate(scanBest)}, ${(grepBest / scanBest).toFixed(1)}x grep, ${scan.ids.length} unique IDs, stats ${JSON.stringify(scan.stats)}`,
    );
    const wasmBest = Math.min(...wasmRuns);
    const wasm2Best = Math.min(...wasm2Runs);
    console.log(`WebAssembly scanner, 1 thread    : ${rate(wasmBest)}, ${(grepBest / wasmBest).toFixed(1)}x grep, ${(scanBest / wasmBest).toFixed(2)}x the JS scanner's speed`);
    console.log(`WebAssembly scanner, 2 threads   : ${rate(wasm2Best)}, ${(grepBest / wasm2Best).toFixed(1)}x grep, ${(wasmBest / wasm2Best).toFixed(2)}x one thread`);
    console.log(
      `node dist/cli.js ids (end to end): ${rate(cliBest)}, ${(grepBest / cliBest).toFixed(1)}x grep, ${cliLines} IDs printed; start-up floor (empty file) ${startBest.toFixed(3)} s`,
    );
    console.log(
      `correctness: ${missing} generated IDs missed, ${extra} IDs that were not generated, CLI output ${cliSame ? 'identical to' : 'DIFFERS from'} the JS scanner's, WebAssembly IDs and stats ${wasmSame ? 'identical' : 'DIFFER'}`,
    );
    const ok = grepBest / cliBest >= GOAL_CLI && missing === 0 && extra === 0 && cliSame && wasmSame;
    console.log(`${ok ? 'MET' : 'NOT MET'}: CLI ids >= ${GOAL_CLI}x grep (${(grepBest / cliBest).toFixed(2)}x)`);
  } finally {
    if (!process.env.KEEP) fs.rmSync(file, { force: true });
  }

  console.log('Hostile inputs (in-memory, 1 MB chunks; JavaScript scanner, then WebAssembly):');
  for (const [name, buf] of hostileInputs()) {
    for (const wasm of [false, true]) {
      const { result, seconds } = time(() => scanBuffer(buf, wasm));
      const speed = buf.length / MB / seconds;
      const ok = speed > GOAL_HOSTILE && result === 0;
      console.log(
        `  ${ok ? 'MET    ' : 'NOT MET'} ${name.padEnd(44)} ${wasm ? 'wasm' : 'JS  '} ${speed.toFixed(0).padStart(5)} MB/s, ${result} IDs (goal > ${GOAL_HOSTILE} MB/s, 0 IDs)`,
      );
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
