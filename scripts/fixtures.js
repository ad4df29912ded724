// Creates the two workspaces the runners open, when missing (both are committed; this
// recreates them reproducibly): test/fixtures/workspace (integration and e2e tests) and
// sample-workspace (npm start). Realistic, recent Tweet snowflake IDs (relative to ANCHOR),
// some ending in an even digit (owned metrics show in the sandbox), some ending in 13.
//   node scripts/fixtures.js [--force]   rewrites both
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib');
const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
const SAMPLE_WORKSPACE = path.join(ROOT, 'sample-workspace');
const ANCHOR = Date.parse('2026-11-26T05:00:00Z');
const EPOCH = 1288834974657n;
let seed;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
// snowflake with a chosen ending: tweak the sequence bits until the decimal form ends as wanted
function snowflake(ms, ending) {
  const base = ((BigInt(ms) - EPOCH) << 22n) | (BigInt(Math.floor(rnd() * 1024)) << 12n);
  for (let seq = 0n; seq < 4096n; seq++) {
    const id = (base | seq).toString();
    if (id.endsWith(ending)) return id;
  }
  throw new Error('no seq');
}
const now = ANCHOR;
const day = 86400000;
function idAt(daysAgo, ending) {
  return snowflake(now - daysAgo * day - Math.floor(rnd() * day), ending);
}
function makeIds(n, pattern) {
  // pattern: fn(i) -> {daysAgo, ending}
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = pattern(i);
    out.push(idAt(p.daysAgo, p.ending));
  }
  return out.sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
}
const users = [
  {
    id_str: '1521947182061416448',
    name: 'Northwind Coffee',
    screen_name: 'northwindcoffee',
    followers_count: 48213,
    friends_count: 512,
    verified: false,
    created_at: 'Wed May 04 21:13:05 +0000 2022',
  },
  { id_str: '783214', name: 'X', screen_name: 'X', followers_count: 67918233, friends_count: 0, verified: true, created_at: 'Tue Feb 20 14:35:54 +0000 2007' },
  {
    id_str: '1376286934870040577',
    name: 'Data Desk',
    screen_name: 'datadeskhq',
    followers_count: 9120,
    friends_count: 830,
    verified: false,
    created_at: 'Sun Mar 28 20:01:44 +0000 2021',
  },
];
const texts = [
  'Our winter blend is back. Cinnamon, clove and a little orange peel ☕️ #northwind',
  'Thanks to everyone who came to the Portland pop-up this weekend!',
  'New: oat milk at every store, no extra charge.',
  'Q3 numbers are in: engagement up 18% quarter over quarter 📈',
  'Thread: how we roast — 1/5',
  'Holiday hours: open 7am–3pm on the 24th, closed on the 25th.',
  'Which mug design should we ship next? Reply with A or B.',
  'We are hiring baristas in Seattle and Boise. Link in bio.',
  'Cold brew, now in cans. Find it at your local grocer.',
  'Behind the scenes at the roastery with @datadeskhq',
  '"Best flat white in town" — thank you, @PDXFoodie!',
  'Reminder: loyalty points double every Tuesday in December.',
];
function twitterDate(ms) {
  const d = new Date(ms);
  const s = d.toUTCString(); // Thu, 26 Nov 2026 05:00:00 GMT
  const [dow, dd, mon, yyyy, time] = s.replace(',', '').split(' ');
  return `${dow} ${mon} ${dd} ${time} +0000 ${yyyy}`;
}
function msOf(id) {
  return Number((BigInt(id) >> 22n) + EPOCH);
}
// `id` is written as an exact JSON number, as the v1.1 API does (beyond 2^53: lossy for
// JSON.parse); '@@…@@' marks it for the replace after JSON.stringify.
function tweetObj(id, i, user) {
  const text = texts[i % texts.length];
  return {
    created_at: twitterDate(msOf(id)),
    id: '@@' + id + '@@',
    id_str: id,
    full_text: text,
    truncated: false,
    display_text_range: [0, [...text].length],
    source: '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
    in_reply_to_status_id: null,
    in_reply_to_status_id_str: null,
    in_reply_to_user_id: null,
    in_reply_to_user_id_str: null,
    in_reply_to_screen_name: null,
    user,
    geo: null,
    coordinates: null,
    place: null,
    contributors: null,
    is_quote_status: false,
    retweet_count: 0,
    favorite_count: 0,
    favorited: false,
    retweeted: false,
    lang: 'en',
    entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
  };
}
function writeFixtureWorkspace() {
  seed = 20261126;
  const dir = FIXTURE_WORKSPACE;
  fs.mkdirSync(dir, { recursive: true });
  const ids = makeIds(8, (i) => ({ daysAgo: 2 + i * 5, ending: ['0', '2', '4', '6', '8', '13', '7', '13'][i] }));
  const u = users[0];
  const userObj = { id: '@@' + u.id_str + '@@', ...u };
  fs.writeFileSync(
    path.join(dir, 'tweets.json'),
    JSON.stringify(
      ids.slice(0, 5).map((id, i) => tweetObj(id, i, userObj)),
      null,
      2,
    ).replace(/"@@(\d+)@@"/g, '$1') + '\n',
  );
  const csvIds = makeIds(6, (i) => ({ daysAgo: 1 + i * 7, ending: ['2', '8', '13', '5', '6', '0'][i] }));
  fs.writeFileSync(
    path.join(dir, 'ids.csv'),
    'tweet_id,posted_at,note\n' +
      csvIds.map((id, i) => `${id},${new Date(msOf(id)).toISOString()},${['launch', 'promo', 'reply', 'quote', 'giveaway', 'recap'][i]}`).join('\n') +
      '\n',
  );
  const r = ids.slice(5);
  fs.writeFileSync(
    path.join(dir, 'report.md'),
    `# Campaign report — November 2026

Top posts this month:

- https://twitter.com/northwindcoffee/status/${r[0]}
- https://x.com/northwindcoffee/status/${r[1]}?s=20
- [Holiday hours](https://x.com/northwindcoffee/status/${r[2]})
- https://mobile.twitter.com/datadeskhq/status/${csvIds[0]}

Not a Tweet: order #123456, phone 555-0142.
`,
  );
}

function writeSampleWorkspace() {
  seed = 20261127;
  const dir = SAMPLE_WORKSPACE;
  fs.mkdirSync(dir, { recursive: true });
  // 3/4 even-ending (owned metrics show), a few ending in 13, rest odd; all within ~80 days
  const endings = (i) => (i % 17 === 5 ? '13' : i % 4 === 3 ? String([1, 3, 5, 7, 9][i % 5]) : String([0, 2, 4, 6, 8][i % 5]));
  const all = makeIds(120, (i) => ({ daysAgo: i * 0.66 + 0.2, ending: endings(i) }));
  const jsonIds = all.slice(0, 60),
    ndIds = all.slice(60, 90),
    csvIds = all.slice(90, 110),
    mdIds = all.slice(110);
  const us = users.map((u) => ({ id: '@@' + u.id_str + '@@', ...u }));
  fs.writeFileSync(
    path.join(dir, 'tweets.json'),
    JSON.stringify(
      jsonIds.map((id, i) => tweetObj(id, i, us[i % 5 === 4 ? 2 : 0])),
      null,
      2,
    ).replace(/"@@(\d+)@@"/g, '$1') + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'tweets.ndjson'),
    ndIds
      .map((id, i) =>
        JSON.stringify({
          id_str: id,
          created_at: twitterDate(msOf(id)),
          text: texts[(i + 3) % texts.length],
          user: { id_str: us[i % 3].id_str, screen_name: us[i % 3].screen_name },
        }),
      )
      .join('\n') + '\n',
  );
  const q = (s) => '"' + s.replace(/"/g, '""') + '"';
  fs.writeFileSync(
    path.join(dir, 'export.csv'),
    'tweet_id,user_id,created_at,text\n' +
      csvIds.map((id, i) => `${id},${us[i % 2 ? 0 : 2].id_str},${new Date(msOf(id)).toISOString()},${q(texts[(i + 5) % texts.length])}`).join('\n') +
      '\n',
  );
  const rows = mdIds
    .map(
      (id, i) =>
        `| ${new Date(msOf(id)).toISOString().slice(0, 10)} | ${texts[(i + 1) % texts.length].replace(/\|/g, '\\|')} | [${id}](https://x.com/northwindcoffee/status/${id}) |`,
    )
    .join('\n');
  fs.writeFileSync(
    path.join(dir, 'report.md'),
    `# Northwind Coffee — social report

Period: last 90 days. Engagement numbers for every post below come from the X Enterprise
Engagement API (or its local sandbox).

## Highlights

- Winter blend launch: https://twitter.com/northwindcoffee/status/${jsonIds[0]}
- Portland pop-up recap: https://x.com/northwindcoffee/status/${jsonIds[1]}?s=20
- Hiring thread: https://x.com/northwindcoffee/status/${jsonIds[7]}/photo/1
- Partner post from Data Desk: https://twitter.com/datadeskhq/status/${ndIds[2]}

## Posts

| Date | Post | Link |
|------|------|------|
${rows}

Order numbers like #48213 and phone numbers like 555-0142 are not Tweet IDs.
`,
  );
  writeAnalysisNotebook(dir, us);
}

// sample-workspace/analysis.ipynb: a small analysis notebook (nbformat 4, as Jupyter saves it).
// Tweet IDs in a markdown cell (a status URL), a code cell (a list) and an output (JSON records
// printed by pandas, whose user_id column is not Tweets); a chart output (an image) and metadata
// that hold no Tweets. Made after the other files so their IDs stay as they were.
function writeAnalysisNotebook(dir, us) {
  const ids = makeIds(9, (i) => ({ daysAgo: 3 + i * 4.5, ending: String([0, 2, 4, 6, 8, 1, 2, 4, 6][i]) }));
  const lines = (text) => text.split(/(?<=\n)/);
  const md = (id, text) => ({ cell_type: 'markdown', id, metadata: {}, source: lines(text) });
  const code = (id, n, text, outputs) => ({ cell_type: 'code', execution_count: n, id, metadata: {}, outputs, source: lines(text) });
  const records = ids.slice(5, 8).map((id, i) => ({ tweet_id: id, user_id: us[i === 1 ? 2 : 0].id_str, likes: 40 + 17 * i }));
  // A 1×1 PNG: charts are base64 images in a notebook, never read as text.
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n';
  const nb = {
    cells: [
      md(
        'intro',
        `# Winter campaign: engagement check\n\nThe launch post: https://x.com/northwindcoffee/status/${ids[0]}\n\nPosts of the campaign below; run **X Engagement: Fetch engagement totals** for their numbers.`,
      ),
      code(
        'ids',
        1,
        `import pandas as pd\n\ncampaign_ids = [\n${ids
          .slice(1, 5)
          .map((id) => `    "${id}",`)
          .join('\n')}\n]\nlen(campaign_ids)`,
        [{ data: { 'text/plain': ['4'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' }],
      ),
      code('partners', 2, 'partners = pd.read_csv("partners.csv", dtype=str)\nprint(partners[["tweet_id", "user_id", "likes"]].to_json(orient="records", indent=1))', [
        { name: 'stdout', output_type: 'stream', text: lines(JSON.stringify(records, null, 1) + '\n') },
      ]),
      code('chart', 3, 'ax = partners.plot.bar(x="tweet_id", y="likes")', [
        { data: { 'image/png': png, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {}, output_type: 'display_data' },
      ]),
      md('next', `## Next\n\nCompare with the recap thread: https://x.com/northwindcoffee/status/${ids[8]} and the launch post again (${ids[0]}).`),
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python', version: '3.12.7' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(dir, 'analysis.ipynb'), JSON.stringify(nb, null, 1) + '\n');
}

function complete(dir, files) {
  return files.every((f) => fs.existsSync(path.join(dir, f)));
}

/** The integration/e2e workspace (tweets.json, ids.csv, report.md); returns its path. */
function ensureFixtureWorkspace(force = false) {
  if (force || !complete(FIXTURE_WORKSPACE, ['tweets.json', 'ids.csv', 'report.md'])) writeFixtureWorkspace();
  return FIXTURE_WORKSPACE;
}

/** The npm start workspace (tweets.json, tweets.ndjson, export.csv, report.md, analysis.ipynb); returns its path. */
function ensureSampleWorkspace(force = false) {
  if (force || !complete(SAMPLE_WORKSPACE, ['tweets.json', 'tweets.ndjson', 'export.csv', 'report.md', 'analysis.ipynb'])) writeSampleWorkspace();
  return SAMPLE_WORKSPACE;
}

module.exports = { ensureFixtureWorkspace, ensureSampleWorkspace };

if (require.main === module) {
  const force = process.argv.includes('--force');
  console.log(ensureFixtureWorkspace(force));
  console.log(ensureSampleWorkspace(force));
}
