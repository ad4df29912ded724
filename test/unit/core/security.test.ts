import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { fetchTotals } from '../../../src/core/engine';
import { toCsv, toJson } from '../../../src/core/export';
import { axiosTransport, checkBaseUrl, TransportError } from '../../../src/core/http';
import { Redactor } from '../../../src/core/redact';
import { TotalsQuery } from '../../../src/core/types';
import { SANDBOX_CREDENTIALS, startSandbox } from '../../../src/sandbox/server';
import { recentIds } from '../../support/ids';

const query = (ids: string[]): TotalsQuery => ({ tweetIds: ids, engagementTypes: ['favorites'], groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }] });

async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void>; requests: http.IncomingHttpHeaders[] }> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

describe('security', () => {
  it('does not follow redirects, so Authorization never reaches another host', async () => {
    const other = await listen((_req, res) => res.end('{}'));
    const redirector = await listen((_req, res) => {
      res.writeHead(307, { Location: `${other.url}/insights/engagement/totals` });
      res.end();
    });
    try {
      const secret = 'redirect-secret-token';
      const result = await fetchTotals(query(recentIds(3)), { baseUrl: redirector.url, credentials: { bearerToken: secret } });
      assert.equal(redirector.requests.length, 1, 'one request, not retried');
      assert.equal(redirector.requests[0].authorization, `Bearer ${secret}`);
      assert.equal(other.requests.length, 0, 'the other host got nothing');
      assert.equal(result.failed.length, 1);
      assert.match(result.failed[0].reason, /redirect.*not followed/);
      assert.ok(!JSON.stringify(result).includes(secret));
    } finally {
      await other.close();
      await redirector.close();
    }
  });

  it('refuses plain http to a non-loopback host before connecting', async () => {
    let sent = 0;
    await assert.rejects(
      fetchTotals(query(recentIds(1)), {
        baseUrl: 'http://data-api.example.com',
        credentials: { bearerToken: 'x' },
        transport: async () => (sent++, { status: 200, headers: {}, body: {}, durationMs: 0 }),
      }),
      (e: unknown) => e instanceof TransportError && e.kind === 'insecure-url' && /Refusing plain http/.test(e.message),
    );
    assert.equal(sent, 0);
    // The transport itself checks too, before any DNS or socket.
    await assert.rejects(
      axiosTransport('http://data-api.example.invalid/insights/engagement/totals', { tweet_ids: ['1'], engagement_types: ['favorites'], groupings: {} }, 'Bearer x', {}),
      /Refusing plain http/,
    );
  });

  it('accepts https anywhere and http only on loopback; rejects user info and odd schemes', () => {
    assert.equal(checkBaseUrl('https://data-api.twitter.com/'), 'https://data-api.twitter.com');
    assert.equal(checkBaseUrl('https://data-api.x.com'), 'https://data-api.x.com');
    assert.equal(checkBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(checkBaseUrl('http://localhost:1'), 'http://localhost:1');
    assert.equal(checkBaseUrl('http://[::1]:1'), 'http://[::1]:1');
    for (const bad of ['http://127.0.0.1.evil.com', 'http://localhost.evil.com', 'ftp://x', 'https://user:pw@data-api.twitter.com', 'https://h/?q=1', 'not a url']) {
      assert.throws(() => checkBaseUrl(bad), TransportError, bad);
    }
  });

  it('keeps secrets out of results, exports and error text', async () => {
    const sandbox = await startSandbox();
    try {
      const ok = await fetchTotals(query(recentIds(10)), { baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS });
      const wrong = { ...SANDBOX_CREDENTIALS.oauth, accessTokenSecret: 'wrong-secret-value-123' };
      const bad = await fetchTotals(query(recentIds(10)), { baseUrl: sandbox.url, credentials: { oauth: wrong } });
      assert.match(bad.failed[0].reason, /401/);
      const values = [...Object.values(SANDBOX_CREDENTIALS.oauth), SANDBOX_CREDENTIALS.bearerToken, wrong.accessTokenSecret];
      for (const r of [ok, bad]) {
        for (const text of [JSON.stringify(r), toJson(r), toCsv(r)]) {
          for (const v of values) assert.ok(!text.includes(v), `${v} leaked`);
        }
      }
    } finally {
      await sandbox.close();
    }
  });

  it('redacts known secrets, Bearer values and OAuth parameters in log text', () => {
    const r = new Redactor();
    r.add('s3cr3t-token', 'con/sumer+secret', 'ab');
    const line = r.redact(
      'Authorization: Bearer abcdef; token s3cr3t-token; enc con%2Fsumer%2Bsecret; OAuth oauth_consumer_key="k1", oauth_token="t1", oauth_signature="x%3D"; short ab stays',
    );
    for (const leaked of ['abcdef', 's3cr3t-token', 'con%2Fsumer%2Bsecret', '"k1"', '"t1"', 'x%3D']) assert.ok(!line.includes(leaked), `${leaked} in ${line}`);
    assert.match(line, /short ab stays/);
    assert.equal(r.redact('POST batch 1/4 (250 IDs) → 200 in 12 ms'), 'POST batch 1/4 (250 IDs) → 200 in 12 ms');
    // The value goes, the words stay: our own messages name the kinds of credentials.
    assert.equal(r.redact('Credentials test: Bearer token: works. OAuth 1.0a user context: refused.'), 'Credentials test: Bearer token: works. OAuth 1.0a user context: refused.');
    assert.equal(r.redact('a Bearer and OAuth profile'), 'a Bearer and OAuth profile');
    assert.equal(r.redact('echo: Bearer AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid'), 'echo: Bearer ***');
  });
});

describe('unreachable hosts', () => {
  it('stop the run at once with a clear, retryable reason (no minute of retries)', async () => {
    const closed = await listen(() => undefined);
    const url = closed.url;
    await closed.close();
    const result = await fetchTotals(query(recentIds(600)), { baseUrl: url, credentials: { bearerToken: 'x' }, concurrency: 1 });
    assert.equal(result.requests, 1, 'one attempt, not one per batch or per retry');
    assert.equal(result.failed.length, 3);
    assert.ok(result.failed.every((f) => f.retryable));
    assert.match(result.failed[0].reason, /Cannot reach the API \(ECONNREFUSED\)/);
  });
});
