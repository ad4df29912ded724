import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SANDBOX_CREDENTIALS, Sandbox, startSandbox } from '../../src/sandbox/server';
import { sandboxMetrics } from '../../src/sandbox/world';
import { snowflakeAt, snowflakeTime } from '../../src/shared/tweetId';
import { askedFor, deeplyNested, hostile, HostileServer, startHostileServer } from '../support/hostileServer';
import { startRecordingProxy } from '../support/recordingProxy';
import { recentIds as idsOf } from '../support/ids';

const recentIds = (n: number, seed: number) => idsOf(n, seed, 3);

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(args: string[], env: Record<string, string> = {}, input?: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('CLI (dist/cli.js, end to end)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let dir: string;
  const bearerEnv = () => ({ X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken, X_ENGAGEMENT_BASE_URL: sandbox.url });
  const oauthEnv = () => ({
    X_CONSUMER_KEY: SANDBOX_CREDENTIALS.oauth.consumerKey,
    X_CONSUMER_SECRET: SANDBOX_CREDENTIALS.oauth.consumerSecret,
    X_ACCESS_TOKEN: SANDBOX_CREDENTIALS.oauth.accessToken,
    X_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.oauth.accessTokenSecret,
  });

  before(async () => {
    assert.ok(fs.existsSync(cli), 'run npm run build first');
    sandbox = await startSandbox({ rateLimit: 10_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
  });
  after(async () => {
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ids: prints the IDs of a file once each, in first-seen order; reads stdin too', async () => {
    const ids = recentIds(3, 1);
    const text = `see https://x.com/jack/status/${ids[1]} and ${ids[0]}, again ${ids[1]}; {"user_id": "${ids[2]}"}\nts 1700000000000`;
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, text);
    const r = await run(['ids', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${ids[1]}\n${ids[0]}\n`);
    const s = await run(['ids', '-'], {}, text);
    assert.equal(s.stdout, r.stdout);
  });

  it('ids on a CSV or TSV export: the user, author and media columns its header names are not Tweets', async () => {
    const tweets = recentIds(3, 5);
    const users = recentIds(3, 6);
    const csv = path.join(dir, 'export.csv');
    fs.writeFileSync(csv, 'tweet_id,user_id,text\n' + tweets.map((t, i) => `${t},${users[i]},"hi, ${i}"`).join('\n') + '\n');
    const r = await run(['ids', csv]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, tweets.map((t) => t + '\n').join(''));
    const tsv = path.join(dir, 'export.tsv');
    fs.writeFileSync(tsv, 'id\tauthor_id\tconversation_id\n' + tweets.map((t, i) => `${t}\t${users[i]}\t${t}`).join('\n') + '\n');
    assert.equal((await run(['ids', tsv])).stdout, r.stdout);
    const txt = path.join(dir, 'export.txt'); // not a CSV name: every ID counts, as before
    fs.writeFileSync(txt, fs.readFileSync(csv));
    assert.equal((await run(['ids', txt])).stdout.split('\n').length - 1, 6);
  });

  it('ids on a Jupyter notebook: cells and outputs, not metadata or images; a notebook that does not parse is read as text, with a note', async () => {
    const [md, src, out, meta, img] = recentIds(5, 7);
    const nb = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: [`Launch: https://x.com/a/status/${md}\n`] },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: { note: meta },
          source: `ids = ["${src}"]`,
          outputs: [
            { output_type: 'stream', name: 'stdout', text: [`${out}\n`] },
            { output_type: 'display_data', metadata: {}, data: { 'image/png': `iVBOR+${img}/AA`, 'text/plain': ['<Figure>'] } },
          ],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const file = path.join(dir, 'analysis.ipynb');
    fs.writeFileSync(file, JSON.stringify(nb, null, 1));
    const r = await run(['ids', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${md}\n${src}\n${out}\n`);
    assert.equal(r.stderr, '');
    fs.writeFileSync(file, JSON.stringify(nb).slice(0, -20)); // cut short: not JSON
    const raw = await run(['ids', file]);
    assert.equal(raw.code, 0, raw.stderr);
    assert.equal(raw.stdout, [md, meta, src, out, img].map((id) => id + '\n').join(''), 'the raw text, metadata and image included');
    assert.match(raw.stderr, /analysis\.ipynb: not valid JSON: read as plain text, not as cells and outputs/);
  });

  it('totals: 1,000 IDs with both kinds of credentials, owned and public metrics, exact numbers', async () => {
    const ids = recentIds(1000, 2);
    const file = path.join(dir, 'ids.csv');
    fs.writeFileSync(file, 'tweet_id,note\n' + ids.map((id, i) => `${id},row ${i}`).join('\n'));
    const r = await run(['totals', file, '--types', 'impressions,favorites,retweets', '--group', 'perTweet=tweet.id,engagement.type', '--group', 'sum=engagement.type'], {
      ...bearerEnv(),
      ...oauthEnv(),
    });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const now = Date.now();
    const unavailable = ids.filter((id) => id.endsWith('13'));
    assert.deepEqual(out.unavailable_tweet_ids.sort(), unavailable.sort());
    const available = ids.filter((id) => !id.endsWith('13'));
    const owned = available.filter((id) => /[02468]$/.test(id));
    assert.deepEqual(new Set(out.forbidden_tweet_ids), new Set(available.filter((id) => !owned.includes(id))));
    for (const id of available) {
      const m = sandboxMetrics(id, now).metrics;
      const expected = owned.includes(id) ? { impressions: m.impressions, favorites: m.favorites, retweets: m.retweets } : { favorites: m.favorites, retweets: m.retweets };
      assert.deepEqual(out.perTweet[id], expected, id);
    }
    const favSum = available.reduce((s, id) => s + BigInt(sandboxMetrics(id, now).metrics.favorites!), 0n);
    assert.equal(out.sum.favorites, favSum.toString());
    const impSum = owned.reduce((s, id) => s + BigInt(sandboxMetrics(id, now).metrics.impressions!), 0n);
    assert.equal(out.sum.impressions, impSum.toString());
  });

  it("totals --format csv: a row per Tweet with when it was posted, X's words in the header, and a status", async () => {
    const ids = recentIds(5, 3);
    const r = await run(['totals', '-', '--format', 'csv', '--types', 'favorites'], bearerEnv(), ids.join('\n'));
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split(/\r\n/);
    assert.equal(lines[0], 'Tweet ID,Posted,Likes,Status');
    assert.equal(lines.length, 6);
    for (const [i, id] of ids.entries()) {
      const m = sandboxMetrics(id, Date.now());
      const posted = new Date(snowflakeTime(id)!).toISOString();
      assert.equal(lines[i + 1], m.unavailable ? `${id},${posted},,unavailable` : `${id},${posted},${m.metrics.favorites},ok`);
    }
  });

  it('exit 1 with one clear line and no secret for bad credentials', async () => {
    const secret = 'very-secret-token-value';
    const r = await run(['totals', '-'], { X_BEARER_TOKEN: secret, X_ENGAGEMENT_BASE_URL: sandbox.url }, recentIds(3, 4).join(' '));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /401/);
    assert.ok(!r.stderr.includes(secret) && !r.stdout.includes(secret));
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    assert.ok(JSON.parse(r.stdout).failed.length === 1, 'the failed batch is in the output, retryable');
  });

  it('exit 3 for partial results: Ctrl+C keeps what arrived and prints it', async () => {
    const slow = await startSandbox({ rateLimit: 10_000, latencyMs: 400 });
    try {
      const ids = recentIds(1000, 5);
      const child = spawn(process.execPath, [cli, 'totals', '-', '--base-url', slow.url, '--concurrency', '1'], {
        env: { PATH: process.env.PATH ?? '', X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stdin.end(ids.join('\n'));
      while (slow.stats.requests < 2) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 3);
      const out = JSON.parse(stdout);
      const got = Object.keys(out.perTweet).length + out.unavailable_tweet_ids.length;
      const failed = out.failed.reduce((n: number, f: { tweet_ids: string[] }) => n + f.tweet_ids.length, 0);
      assert.ok(got >= 250, `kept what arrived (${got})`);
      assert.equal(got + failed, 1000, 'every ID is either fetched or listed as failed');
      assert.ok(out.failed.every((f: { retryable: boolean }) => f.retryable));
    } finally {
      await slow.close();
    }
  });

  it('exit 2 for usage errors, with a message that says what to do', async () => {
    for (const args of [['frobnicate'], ['totals', '--format', 'xml'], ['totals', '--concurrency', '0'], ['totals', '--bogus']]) {
      const r = await run(args, bearerEnv());
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^engagement-totals: .+/);
    }
    const noIds = await run(['totals', '-'], bearerEnv(), 'nothing here');
    assert.equal(noIds.code, 2);
    assert.match(noIds.stderr, /No Tweet IDs found/);
    const owned = await run(['totals', '-', '--types', 'impressions'], bearerEnv(), recentIds(1, 6)[0]);
    assert.equal(owned.code, 2);
    assert.match(owned.stderr, /OAuth 1\.0a/);
  });

  it('refuses plain http to a non-loopback host before connecting', async () => {
    const r = await run(['totals', '-', '--base-url', 'http://data-api.example.com'], { X_BEARER_TOKEN: 'x' }, recentIds(1, 7)[0]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Refusing plain http/);
  });

  it('exit 3 for an answer with made-up keys and a value nested 200,000 deep: the rest is printed, the bad Tweet is named and retryable', async () => {
    const ids = recentIds(300, 9);
    const hostileApi = await startHostileServer((req, res) => {
      const asked = askedFor(req);
      const tree: Record<string, Record<string, string>> = {};
      for (const id of asked.tweetIds) tree[id] = Object.fromEntries(asked.engagementTypes.map((t) => [t, '3']));
      for (let i = 0; i < 1000; i++) tree[String(10_000_000_000 + i)] = { favorites: '1' };
      if (tree[ids[0]]) Object.defineProperty(tree[ids[0]], 'constructor', { value: '5', enumerable: true });
      const text = JSON.stringify({ perTweet: tree });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(text.replace(`"${ids[0]}":{"favorites":"3"`, `"${ids[0]}":{"favorites":${deeplyNested(200_000)}`));
    });
    try {
      const r = await run(['totals', '-', '--types', 'favorites,retweets'], { X_BEARER_TOKEN: 'x', X_ENGAGEMENT_BASE_URL: hostileApi.url }, ids.join('\n'));
      assert.equal(r.code, 3, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(Object.keys(out.perTweet), ids, 'only the IDs asked for');
      assert.deepEqual(out.perTweet[ids[0]], { retweets: '3' });
      assert.deepEqual(out.perTweet[ids[1]], { favorites: '3', retweets: '3' });
      assert.deepEqual(out.failed, [{ tweet_ids: [ids[0]], engagement_types: ['favorites'], reason: out.failed[0].reason, retryable: true }]);
      assert.match(out.failed[0].reason, new RegExp(`${ids[0]} \\(favorites: an object\\)`));
      assert.match(r.stderr, /1 batch \(1 Tweet\) failed/);
      assert.equal(hostileApi.requests.length, 2);
    } finally {
      await hostileApi.close();
    }
  });

  it('sandbox: prints its URL and serves until stopped', async () => {
    const child = spawn(process.execPath, [cli, 'sandbox', '--port', '0', '--rate-limit', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(d));
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error('sandbox exited')));
    });
    const r = await run(['totals', '-', '--base-url', url], { X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken }, recentIds(2, 8).join(' '));
    child.kill('SIGTERM');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Object.keys(JSON.parse(r.stdout).perTweet).length >= 1);
  });

  it("COMMAND --help prints that command's options and exits 0 (sandbox --help was an unknown option)", async () => {
    const sandboxHelp = await run(['sandbox', '--help']);
    assert.equal(sandboxHelp.code, 0, sandboxHelp.stderr);
    for (const option of ['--port', '--host', '--latency', '--rate-limit', '--rate-window', '--fault-rate', '--stall', '--seed', '--fixture']) {
      assert.match(sandboxHelp.stdout, new RegExp(`^  ${option} `, 'm'), option);
    }
    assert.match(sandboxHelp.stdout, new RegExp(SANDBOX_CREDENTIALS.bearerToken));
    for (const endpoint of ['/insights/engagement/totals', '/insights/engagement/28hr', '/insights/engagement/historical'])
      assert.ok(sandboxHelp.stdout.includes(endpoint), endpoint);
    assert.equal((await run(['sandbox', '-h'])).stdout, sandboxHelp.stdout);
    for (const command of ['ids', 'totals']) {
      const r = await run([command, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`engagement-totals ${command} \\[FILE\\|-\\]`));
    }
  });

  it('--timeout takes a positive number of seconds, and says so otherwise', async () => {
    for (const bad of ['0', '-1', 'abc', '']) {
      const r = await run(['totals', '-', `--timeout=${bad}`], bearerEnv(), recentIds(1, 9)[0]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--timeout is a number of seconds greater than 0/);
    }
    assert.match((await run(['--help'])).stdout, /--timeout SECONDS/);
    const ok = await run(['totals', '-', '--timeout', '2.5'], bearerEnv(), recentIds(2, 9).join(' '));
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('HTTPS_PROXY: the real API host is asked for through the proxy (CONNECT), and the token stays out of it', async () => {
    const proxy = await startRecordingProxy(403);
    try {
      const r = await run(
        ['totals', '-'],
        { X_BEARER_TOKEN: 'cli-secret-token', X_ENGAGEMENT_BASE_URL: 'https://data-api.twitter.com', HTTPS_PROXY: proxy.url },
        recentIds(2, 10).join(' '),
      );
      assert.equal(r.code, 1, r.stderr);
      assert.ok(proxy.heads.length >= 1);
      for (const head of proxy.heads) {
        assert.match(head, /^CONNECT data-api\.twitter\.com:443 HTTP\/1\.1\r\n/);
        assert.ok(!head.includes('cli-secret-token'));
      }
    } finally {
      await proxy.close();
    }
  });

  it('HTTP_PROXY/HTTPS_PROXY set: a loopback base URL still goes direct, never through the proxy', async () => {
    const proxy = await startRecordingProxy(502);
    const server = await startHostileServer(hostile.perTweet('perTweet'));
    try {
      const env = { X_BEARER_TOKEN: 'cli-secret-token', X_ENGAGEMENT_BASE_URL: server.url, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url };
      const r = await run(['totals', '-', '--types', 'favorites'], env, recentIds(2, 11).join(' '));
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(proxy.heads, [], 'the proxy was asked nothing');
      assert.equal(server.requests.length, 1, 'the local server got the request');
    } finally {
      await Promise.all([proxy.close(), server.close()]);
    }
  });

  it('--concurrency 32 prints no MaxListenersExceededWarning', async () => {
    const slow = await startSandbox({ rateLimit: 10_000, latencyMs: 50 });
    try {
      const r = await run(
        ['totals', '-', '--concurrency', '32', '--base-url', slow.url, '--types', 'favorites'],
        { X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken },
        recentIds(40 * 250, 12).join('\n'),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(slow.stats.requests >= 40);
      assert.doesNotMatch(r.stderr, /MaxListenersExceededWarning|TimeoutOverflowWarning/);
    } finally {
      await slow.close();
    }
  });
});

// Against a server that echoes the credentials it was sent and fills its error text with
// terminal escapes: no secret reaches stdout or stderr in any format or verbosity, and no
// control byte reaches stderr or CSV (JSON keeps them escaped).
const hostileIds = recentIds(3, 9);

// Characters that OAuth 1.0a percent-encodes differently from encodeURIComponent (! ( ) *).
const BEARER = 'AAAA-bearer-S3CRET%2Fvalue';
const OAUTH = { X_CONSUMER_KEY: 'ck-CONSUMER-key+/=', X_CONSUMER_SECRET: 'cs-CONSUMER-secret', X_ACCESS_TOKEN: '42-ACCESS!token(x)*', X_ACCESS_TOKEN_SECRET: 'ats-ACCESS-secret' };
const SECRETS = [BEARER, ...Object.values(OAUTH)];
/** A secret as it may travel: bare, URL-encoded, OAuth-encoded. */
const forms = (s: string) => [s, encodeURIComponent(s), encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())];
/** C0 and C1 control characters other than tab and newline (CRLF ends CSV records). */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('CLI against a server that echoes credentials and sends terminal escapes', function () {
  this.timeout(120_000);
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer(hostile.echoCredentialsWithTraps(401));
  });
  after(() => server.close());

  const auths: Array<[string, Record<string, string>, string]> = [
    ['Bearer', { X_BEARER_TOKEN: BEARER }, 'favorites'],
    ['OAuth 1.0a', OAUTH, 'impressions,favorites'],
  ];
  for (const status of [401, 400, 403, 200]) {
    for (const [kind, env, types] of auths) {
      it(`${status}${status === 200 ? ' with errors' : ''}, ${kind}: no secret and no control byte in any format or verbosity`, async () => {
        server.setBehaviour(hostile.echoCredentialsWithTraps(status));
        for (const format of ['json', 'csv']) {
          for (const verbose of [false, true]) {
            const what = `${status} ${kind} ${format}${verbose ? ' --verbose' : ''}`;
            const before = server.requests.length;
            const args = ['totals', '-', '--format', format, '--types', types, '--base-url', server.url, ...(verbose ? ['--verbose'] : [])];
            const r = await run(args, env, hostileIds.join('\n'));
            assert.ok(server.requests.length > before, `${what}: the request reached the server`);
            assert.ok(String(server.requests.at(-1)!.headers.authorization).length > 20, `${what}: credentials were sent`);
            for (const secret of SECRETS) {
              for (const form of forms(secret)) {
                assert.ok(!r.stdout.includes(form), `${what}: stdout has ${form}:\n${r.stdout}`);
                assert.ok(!r.stderr.includes(form), `${what}: stderr has ${form}:\n${r.stderr}`);
              }
            }
            assert.ok(!/Bearer [^*\s]/.test(r.stdout + r.stderr), `${what}: a Bearer value shows:\n${r.stdout}\n${r.stderr}`);
            assert.ok(!CONTROL.test(r.stderr), `${what}: control byte in stderr: ${JSON.stringify(r.stderr)}`);
            assert.ok(!CONTROL.test(r.stdout.replace(/\r\n/g, '\n')), `${what}: control byte in stdout: ${JSON.stringify(r.stdout)}`);
            if (format === 'json') {
              const out = JSON.parse(r.stdout);
              const text = status === 200 ? out.errors.join(' ') : out.failed[0].reason;
              assert.match(text, /Bad credentials/, `${what}: the server's message is kept, minus secrets and escapes`);
              assert.ok(!/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(r.stdout), `${what}: a raw line separator or bidi control in the JSON`);
            }
            if (status !== 200) assert.match(r.stderr, new RegExp(`\\(${status}: `), `${what}: stderr says why`);
            if (verbose) assert.match(r.stderr, /\[info\] POST batch 1\/1/, `${what}: the log lines are there`);
          }
        }
      });
    }
  }
});

describe('CLI time series: 28hr and historical (dist/cli.js, end to end)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  const oauthEnv = () => ({
    X_CONSUMER_KEY: SANDBOX_CREDENTIALS.oauth.consumerKey,
    X_CONSUMER_SECRET: SANDBOX_CREDENTIALS.oauth.consumerSecret,
    X_ACCESS_TOKEN: SANDBOX_CREDENTIALS.oauth.accessToken,
    X_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.oauth.accessTokenSecret,
    X_ENGAGEMENT_BASE_URL: sandbox.url,
  });
  /** Tweets the sandbox's user owns (IDs ending in an even digit), created `ageDays` ago. */
  const owned = (n: number, ageDays: number): string[] => {
    const out: string[] = [];
    for (let k = 0n; out.length < n; k += 7n) {
      const id = String(BigInt(snowflakeAt(Date.now() - ageDays * 86_400_000)) + k);
      if (/[02468]$/.test(id)) out.push(id);
    }
    return out;
  };
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

  before(async () => {
    assert.ok(fs.existsSync(cli), 'run npm run build first');
    sandbox = await startSandbox({ rateLimit: 10_000 });
  });
  after(() => sandbox.close());

  it("28hr --format csv: one row per value in long form, X's words in the header and types, summing to the JSON's per-Tweet totals", async () => {
    const ids = owned(3, 2);
    const csv = await run(['28hr', '-', '--types', 'impressions,favorites', '--format', 'csv'], oauthEnv(), ids.join('\n'));
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines[0], 'Tweet ID,Type,Day (UTC),Hour (UTC),Value');
    const sums = new Map<string, bigint>();
    for (const line of lines.slice(1)) {
      const [id, type, day, hour, value] = line.split(',');
      assert.ok(ids.includes(id) && ['Impressions', 'Likes'].includes(type), line);
      assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(hour, /^(?:[01]\d|2[0-3])$/);
      sums.set(`${id} ${type}`, (sums.get(`${id} ${type}`) ?? 0n) + BigInt(value));
    }
    assert.ok(lines.length - 1 >= 3 * 2 * 28 && lines.length - 1 <= 3 * 2 * 29, `${lines.length - 1} rows`);
    const json = await run(['28hr', '-', '--types', 'impressions,favorites'], oauthEnv(), ids.join('\n'));
    assert.equal(json.code, 0, json.stderr);
    const out = JSON.parse(json.stdout);
    for (const id of ids) {
      assert.equal(sums.get(`${id} Impressions`), BigInt(out.perTweet[id].impressions));
      assert.equal(sums.get(`${id} Likes`), BigInt(out.perTweet[id].favorites));
    }
  });

  it('historical over 60 days: fetched in 28-day windows and stitched; an unowned Tweet is listed, not fatal', async () => {
    const ids = [...owned(2, 50), String(BigInt(snowflakeAt(Date.now() - 10 * 86_400_000)) * 1n + 1n).replace(/\d$/, '1')];
    const before = sandbox.stats.requests;
    const r = await run(
      ['historical', '-', '--start', daysAgo(60), '--types', 'favorites', '--group', 'perTweet=tweet.id,engagement.type', '--group', 'daily=engagement.type,engagement.day'],
      oauthEnv(),
      ids.join(' '),
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.start, `${daysAgo(60)}T00:00:00Z`);
    assert.deepEqual(out.forbidden_tweet_ids, [ids[2]]);
    assert.match(r.stderr, /1 Tweet not owned/);
    assert.ok(sandbox.stats.requests - before >= 3, 'three windows');
    const perTweet = BigInt(out.perTweet[ids[0]].favorites) + BigInt(out.perTweet[ids[1]].favorites);
    const daily = Object.values(out.daily.favorites as Record<string, string>).reduce((a, v) => a + BigInt(v), 0n);
    assert.equal(daily, perTweet, 'the daily sums across windows and batches equal the per-Tweet totals');
    assert.ok(perTweet > 0n);
  });

  it('exit 2 with the fix for a Bearer-only profile, bad dates and bad options; nothing on stdout', async () => {
    const ids = owned(1, 2).join(' ');
    const bearer = await run(['28hr', '-'], { X_BEARER_TOKEN: SANDBOX_CREDENTIALS.bearerToken, X_ENGAGEMENT_BASE_URL: sandbox.url }, ids);
    assert.equal(bearer.code, 2);
    assert.match(bearer.stderr, /Set OAuth 1\.0a credentials/);
    assert.match(bearer.stderr, /X_CONSUMER_KEY/);
    assert.equal(bearer.stdout, '');
    const future = await run(['historical', '-', '--end', '2999-01-01'], oauthEnv(), ids);
    assert.equal(future.code, 2);
    assert.match(future.stderr, /future/);
    const year = await run(['historical', '-', '--start', daysAgo(400)], oauthEnv(), ids);
    assert.equal(year.code, 2);
    assert.match(year.stderr, /365 days/);
    assert.equal((await run(['28hr', '-', '--start', '2024-01-01'], oauthEnv(), ids)).code, 2, '28hr has no --start');
    assert.equal((await run(['28hr', '-', '--format', 'xml'], oauthEnv(), ids)).code, 2);
    const media = await run(['28hr', '-', '--types', 'media_clicks'], oauthEnv(), ids);
    assert.equal(media.code, 2);
    assert.match(media.stderr, /media_engagements/);
  });

  it('exit 1 when nothing could be fetched, the failure on stderr and in the JSON', async () => {
    const r = await run(['28hr', '-', '--base-url', 'http://127.0.0.1:9'], oauthEnv(), owned(2, 2).join(' '));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /failed/);
    assert.equal(JSON.parse(r.stdout).failed.length, 1);
  });

  it('exit 3 for a partial range: the failed window is named and the rest printed', async () => {
    const api = await startHostileServer((req, res) => {
      const body = JSON.parse(req.body) as { tweet_ids: string[]; start: string; end: string };
      const first = body.start.startsWith(daysAgo(40));
      res.writeHead(first ? 200 : 400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(first ? { start: body.start, end: body.end, g: { favorites: '4' } } : { errors: ['no'] }));
    });
    try {
      const r = await run(
        ['historical', '-', '--start', daysAgo(40), '--types', 'favorites', '--group', 'g=engagement.type', '--base-url', api.url],
        oauthEnv(),
        owned(2, 50).join(' '),
      );
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /Failed windows: \S+ to \S+\./);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.g, { favorites: '4' });
      assert.equal(out.failed.length, 1);
      assert.ok(out.failed[0].start > `${daysAgo(40)}T`);
    } finally {
      await api.close();
    }
  });

  it('28hr --help and historical --help document the options and exit 0', async () => {
    for (const command of ['28hr', 'historical']) {
      const r = await run([command, '--help']);
      assert.equal(r.code, 0);
      for (const option of ['--types', '--group', '--format json|csv', 'Tweet ID,Type,Day (UTC),Hour (UTC),Value', 'OAuth 1.0a', 'Exit codes'])
        assert.ok(r.stdout.includes(option), `${command}: ${option}`);
      assert.equal(r.stdout.includes('--start DATE'), command === 'historical');
    }
    assert.match((await run(['--help'])).stdout, /engagement-totals historical \[FILE\|-\] \[--start DATE\] \[--end DATE\]/);
  });
});
