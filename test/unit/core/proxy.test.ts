import { strict as assert } from 'node:assert';
import { fetchTotals } from '../../../src/core/engine';
import { TransportError } from '../../../src/core/http';
import { proxyFor, proxySettingsFromEnv, splitNoProxy } from '../../../src/core/proxy';
import { TotalsQuery } from '../../../src/core/types';
import { hostile, startHostileServer } from '../../support/hostileServer';
import { startRecordingProxy } from '../../support/recordingProxy';

const API = 'https://data-api.twitter.com/insights/engagement/totals';
const P = 'http://proxy.corp:3128';

const query = (): TotalsQuery => ({
  tweetIds: ['1460323737035677698', '1460323737035677699'],
  engagementTypes: ['favorites'],
  groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }],
});

/** A clock whose sleeps return at once. */
const instantClock = () => {
  let now = 1_700_000_000_000;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
};

describe('proxyFor: which proxy a request takes', () => {
  it('uses the https proxy for the API host, http:// when the setting has no scheme', () => {
    assert.equal(proxyFor(API, { https: P }), 'http://proxy.corp:3128/');
    assert.equal(proxyFor(API, { https: 'proxy.corp:8080' }), 'http://proxy.corp:8080/');
    assert.equal(proxyFor(API, { http: P }), undefined, 'an http proxy is not for https targets');
    assert.equal(proxyFor(API, {}), undefined);
  });

  it('never for loopback, whatever the settings say', () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://localhost:1/x', 'https://[::1]:9/x', 'http://127.8.9.10/x']) {
      assert.equal(proxyFor(url, { https: P, http: P }), undefined, url);
    }
  });

  it('honours NO_PROXY: *, exact hosts, suffixes (with or without a leading dot or *.), ports, IPs', () => {
    const go = (noProxy: string) => proxyFor(API, { https: P, noProxy: splitNoProxy(noProxy) });
    for (const bypass of ['*', 'data-api.twitter.com', 'twitter.com', '.twitter.com', '*.twitter.com', 'other.example, twitter.com', 'data-api.twitter.com:443', 'TWITTER.COM']) {
      assert.equal(go(bypass), undefined, bypass);
    }
    for (const via of ['', 'api.twitter.com', 'ter.com', 'data-api.twitter.com:8443', 'example.com', 'x.com']) {
      assert.equal(go(via), 'http://proxy.corp:3128/', via);
    }
    assert.equal(proxyFor('https://10.1.2.3/x', { https: P, noProxy: ['10.1.2.3'] }), undefined);
  });

  it('reads the environment as curl does: lower case first, ALL_PROXY as a fallback', () => {
    assert.deepEqual(proxySettingsFromEnv({ HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2', NO_PROXY: 'x.com, .y.org' }), {
      https: 'http://b:2',
      http: undefined,
      noProxy: ['x.com', '.y.org'],
    });
    assert.equal(proxySettingsFromEnv({ ALL_PROXY: 'http://c:3' }).https, 'http://c:3');
    assert.equal(proxySettingsFromEnv({ HTTP_PROXY: 'http://d:4' }).https, undefined, 'HTTP_PROXY is for http targets only');
  });

  it('refuses a malformed or non-http proxy with a message that names no credentials', () => {
    for (const bad of ['http://user:s3cret@[bad', 'socks5://user:s3cret@proxy:1080']) {
      assert.throws(
        () => proxyFor(API, { https: bad }),
        (e: unknown) => e instanceof TransportError && !e.message.includes('s3cret') && /proxy/i.test(e.message),
        bad,
      );
    }
  });
});

describe('requests through a proxy (a local CONNECT proxy that never connects onward)', function () {
  this.timeout(20_000);

  it('the real API host goes through the proxy as CONNECT host:443; the token never reaches it', async () => {
    const proxy = await startRecordingProxy(502);
    try {
      const result = await fetchTotals(query(), { credentials: { bearerToken: 'proxy-must-not-see-this' }, proxy: proxy.url + '/', maxAttempts: 2, clock: instantClock() });
      assert.equal(result.failed.length, 1);
      assert.equal(result.failed[0].status, 502, result.failed[0].reason);
      assert.equal(proxy.heads.length, 2, 'one CONNECT per try');
      for (const head of proxy.heads) {
        assert.match(head, /^CONNECT data-api\.twitter\.com:443 HTTP\/1\.1\r\n/);
        assert.ok(!head.includes('proxy-must-not-see-this') && !/authorization: bearer/i.test(head));
      }
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that asks for credentials (407) stops the run at once with a message that says where they go', async () => {
    const proxy = await startRecordingProxy(407, '<html><body><h1>407 Proxy Authentication Required</h1></body></html>');
    try {
      const result = await fetchTotals(query(), { credentials: { bearerToken: 'token-for-the-api' }, proxy: proxy.url, maxAttempts: 3, clock: instantClock() });
      assert.equal(proxy.heads.length, 1, 'not retried: every try would meet the same');
      assert.equal(result.failed[0].status, 407);
      assert.match(result.failed[0].reason, /proxy asked for credentials.*http\.proxy.*HTTPS_PROXY/);
      assert.equal(result.failed[0].retryable, true, 'retryable once the proxy settings are mended');
    } finally {
      await proxy.close();
    }
  });

  it('loopback goes direct even with HTTP_PROXY/HTTPS_PROXY set and a proxy given', async () => {
    const proxy = await startRecordingProxy(502);
    const server = await startHostileServer(hostile.perTweet('perTweet'));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };
    process.env.HTTP_PROXY = process.env.HTTPS_PROXY = proxy.url;
    try {
      const result = await fetchTotals(query(), { baseUrl: server.url, credentials: { bearerToken: 'token' }, proxy: proxy.url, clock: instantClock() });
      assert.equal(result.failed.length, 0, JSON.stringify(result.failed));
      assert.equal(server.requests.length, 1, 'the hostile server got the request');
      assert.deepEqual(proxy.heads, [], 'the proxy was asked nothing');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await Promise.all([proxy.close(), server.close()]);
    }
  });
});
