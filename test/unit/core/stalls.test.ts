import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AbortFanOut } from '../../../src/core/abortFanOut';
import { AbortError, Clock, MAX_TIMER_MS, systemClock } from '../../../src/core/clock';
import { fetchTotals } from '../../../src/core/engine';
import { HttpAnswer, RequestBody, TotalsTransport } from '../../../src/core/http';
import { MIN_RETRY_AFTER_MS, RATE_WINDOW_MS, RateBudget, resetText, retryAfterMs } from '../../../src/core/rateBudget';
import { TotalsQuery } from '../../../src/core/types';
import { hostile, startHostileServer } from '../../support/hostileServer';
import { selfSignedCert } from '../../support/tls';

/** A clock whose sleeps return at once and move virtual time on; it records each sleep. */
function fastClock(): Clock & { slept: number[] } {
  let now = 1_700_000_000_000;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => (1460323737035677698n + BigInt(i)).toString());
const q = (n: number): TotalsQuery => ({ tweetIds: ids(n), engagementTypes: ['favorites'], groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }] });
const ok = (body: RequestBody, headers: Record<string, string> = {}): HttpAnswer => ({
  status: 200,
  headers,
  durationMs: 1,
  body: { g: Object.fromEntries(body.tweet_ids.map((id) => [id, { favorites: '1' }])) },
});

/** Collects process warnings of one kind while `work` runs (warnings are emitted on a later tick). */
async function warningsDuring<T>(name: string, work: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const listener = (w: Error) => {
    if (w.name === name) warnings.push(w.message);
  };
  process.on('warning', listener);
  try {
    const value = await work();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    return { value, warnings };
  } finally {
    process.off('warning', listener);
  }
}

describe('nothing stalls: every request and wait is bounded', function () {
  this.timeout(20_000);

  it('a body that drips a byte at a time is cut off at the request time limit and retried as a timeout', async () => {
    const server = await startHostileServer(hostile.drip(50));
    try {
      const result = await fetchTotals(q(3), {
        baseUrl: server.url,
        credentials: { bearerToken: 't' },
        requestTimeoutMs: 300,
        maxAttempts: 2,
        deadlineMs: 10_000,
        clock: fastClock(),
      });
      assert.equal(server.requests.length, 2, 'timed out, retried once, timed out again');
      assert.equal(result.failed.length, 1);
      assert.match(result.failed[0].reason, /did not answer in full within 0\.3 s.*gave up after 2 tries/);
      assert.equal(result.failed[0].retryable, true);
    } finally {
      await server.close();
    }
  });

  it('a server that never answers is cut off the same way', async () => {
    const server = await startHostileServer(hostile.silent());
    try {
      const result = await fetchTotals(q(3), { baseUrl: server.url, credentials: { bearerToken: 't' }, requestTimeoutMs: 200, maxAttempts: 1, deadlineMs: 10_000 });
      assert.match(result.failed[0].reason, /did not answer in full within 0\.2 s/);
    } finally {
      await server.close();
    }
  });

  for (const retryAfter of ['-5', '0', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
    it(`Retry-After ${retryAfter} waits the minimum between tries, not 20 back to back`, async () => {
      const clock = fastClock();
      const sentAt: number[] = [];
      const t: TotalsTransport = async () => {
        sentAt.push(clock.now());
        return { status: 429, headers: { 'retry-after': retryAfter }, body: undefined, durationMs: 1 };
      };
      const result = await fetchTotals(q(3), { credentials: { bearerToken: 't' }, transport: t, clock, maxRateLimitWaits: 5 });
      assert.equal(sentAt.length, 5);
      for (let i = 1; i < sentAt.length; i++) assert.ok(sentAt[i] - sentAt[i - 1] >= MIN_RETRY_AFTER_MS, `gap ${i}: ${sentAt[i] - sentAt[i - 1]} ms`);
      assert.match(result.failed[0].reason, /429.*gave up after 5 tries/);
    });
  }

  it('Retry-After is clamped to [the minimum, one window]', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.deepEqual(
      ['-5', '0', '0.2', '7', '86400', 'Thu, 01 Jan 2026 00:00:30 GMT', 'Fri, 01 Jan 2027 00:00:00 GMT', 'soon'].map((v) => retryAfterMs(v, now)),
      [1000, 1000, 1000, 7000, RATE_WINDOW_MS, 30_000, RATE_WINDOW_MS, undefined],
    );
  });

  it('a reset far in the future is not believed: no sleep past a window, no busy loop (virtual clock)', async () => {
    const clock = fastClock();
    const far = String(Math.floor(clock.now() / 1000) + 1e9);
    const t: TotalsTransport = async (_u, body) => ok(body, { 'x-per-minute-limit': '10', 'x-per-minute-remaining': '0', 'x-per-minute-reset': far });
    const result = await fetchTotals(q(1000), { credentials: { bearerToken: 't' }, transport: t, clock, concurrency: 4 });
    assert.equal(result.failed.length, 0);
    assert.ok(
      clock.slept.every((ms) => ms <= RATE_WINDOW_MS),
      String(clock.slept),
    );
    assert.ok(clock.slept.length <= 4, `${clock.slept.length} sleeps`);
  });

  it('a reset far in the future on the real clock: no TimeoutOverflowWarning, a handful of sleeps, the run completes', async () => {
    let sleeps = 0;
    const counting: Clock = { now: systemClock.now, sleep: (ms, signal) => (sleeps++, systemClock.sleep(ms, signal)) };
    const far = String(Math.floor(Date.now() / 1000) + 1e9);
    const t: TotalsTransport = async (_u, body) => ok(body, { 'x-per-minute-limit': '10', 'x-per-minute-remaining': '0', 'x-per-minute-reset': far });
    const { value: result, warnings } = await warningsDuring('TimeoutOverflowWarning', () =>
      fetchTotals(q(1000), { credentials: { bearerToken: 't' }, transport: t, clock: counting, deadlineMs: 2_000 }),
    );
    assert.deepEqual(warnings, []);
    assert.equal(result.failed.length, 0, result.failed[0]?.reason);
    assert.ok(sleeps <= 4, `${sleeps} sleeps`);
  });

  it('systemClock.sleep clamps a delay past 2^31-1 ms instead of firing at once, and still aborts', async () => {
    const controller = new AbortController();
    const { warnings } = await warningsDuring('TimeoutOverflowWarning', async () => {
      let settled = false;
      const p = systemClock.sleep(MAX_TIMER_MS * 4, controller.signal).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(settled, false, 'a 99-day sleep is still asleep');
      controller.abort();
      await assert.rejects(p, AbortError);
    });
    assert.deepEqual(warnings, []);
  });

  it('x-per-minute-limit 0 is unknown: no deadlock', async () => {
    const t: TotalsTransport = async (_u, body) => ok(body, { 'x-per-minute-limit': '0' });
    const result = await fetchTotals(q(1000), { credentials: { bearerToken: 't' }, transport: t, clock: fastClock(), concurrency: 1, deadlineMs: 3_000 });
    assert.equal(result.failed.length, 0, result.failed[0]?.reason);
    const budget = new RateBudget(fastClock(), 4);
    budget.release(200, { 'x-per-minute-limit': '0', 'x-per-minute-remaining': '5' });
    assert.equal(budget.snapshot().limit, undefined);
  });
});

describe('TLS certificate errors', function () {
  this.timeout(20_000);
  let dir: string;
  let cert: { key: Buffer; cert: Buffer };

  before(function () {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
    } catch {
      this.skip(); // the openssl command makes the test certificate
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-test-'));
    cert = selfSignedCert(dir);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  /** A leaf certificate signed by a CA nobody trusts (a corporate proxy's, say): served without its chain. */
  function leafOfUnknownCa(): { key: Buffer; cert: Buffer } {
    const f = (n: string) => path.join(dir, n);
    const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=Some corporate CA']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1']);
    fs.writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    run(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '1', '-extfile', f('ext.cnf')]);
    return { key: fs.readFileSync(f('leaf.key')), cert: fs.readFileSync(f('leaf.pem')) };
  }

  for (const [what, serverCert, code] of [
    ['a self-signed certificate', () => cert, /DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN/],
    ['a certificate of an unknown CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE)', leafOfUnknownCa, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/],
  ] as const)
    it(`${what} stops the run at once, is not retried, and says so with the code`, async () => {
      let handshakes = 0;
      let requests = 0;
      const server = https.createServer(serverCert(), (_req, res) => (requests++, res.end('{}')));
      server.on('connection', () => handshakes++);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const result = await fetchTotals(q(600), { baseUrl: url, credentials: { bearerToken: 't' }, clock: fastClock(), concurrency: 1 });
        assert.equal(handshakes, 1, 'one connection, no retries');
        assert.equal(requests, 0, 'nothing was sent');
        assert.equal(result.failed.length, 3, 'every batch is listed as failed');
        for (const f of result.failed) {
          assert.match(f.reason, new RegExp(`TLS certificate error \\((${code.source})\\).*not retried`));
          assert.equal(f.retryable, false);
        }
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    });
});

describe('abort listeners do not pile up', function () {
  this.timeout(20_000);

  it('32 concurrent batches: at most two abort listeners on any signal, and no MaxListenersExceededWarning', async () => {
    let maxListeners = 0;
    let inFlight = 0;
    const t: TotalsTransport = async (_u, body, _a, options) => {
      maxListeners = Math.max(maxListeners, getEventListeners(options.signal!, 'abort').length);
      inFlight++;
      await new Promise((r) => setTimeout(r, 5));
      maxListeners = Math.max(maxListeners, getEventListeners(options.signal!, 'abort').length);
      inFlight--;
      return ok(body);
    };
    const user = new AbortController();
    const { value: result, warnings } = await warningsDuring('MaxListenersExceededWarning', () =>
      fetchTotals(q(40 * 250), { credentials: { bearerToken: 't' }, transport: t, concurrency: 32, signal: user.signal }),
    );
    assert.equal(result.failed.length, 0);
    assert.deepEqual(warnings, []);
    assert.ok(maxListeners <= 2, `${maxListeners} listeners`);
    assert.equal(getEventListeners(user.signal, 'abort').length, 0, 'the run removed its listener from the caller signal');
    assert.equal(inFlight, 0);
  });

  it('AbortFanOut: one listener on the parent, children abort with it and are forgotten when released', () => {
    const parent = new AbortController();
    const fan = new AbortFanOut(parent.signal);
    const leases = Array.from({ length: 40 }, () => fan.child());
    assert.equal(getEventListeners(parent.signal, 'abort').length, 1);
    leases.slice(0, 30).forEach((l) => l.release());
    assert.equal(fan.size, 10);
    parent.abort();
    assert.ok(leases.slice(30).every((l) => l.signal.aborted));
    assert.ok(fan.child().signal.aborted, 'a child made after the abort is aborted');
  });
});

describe('the rate-limit reset in the log', () => {
  it('reads as a time and how far off it is, not as a raw epoch number; other text is clamped', () => {
    const now = Date.UTC(2026, 10, 30, 17, 4, 18);
    assert.equal(resetText(String(Date.UTC(2026, 10, 30, 17, 5, 0) / 1000), now), '17:05:00Z (in 42 s)');
    assert.equal(resetText(String(Date.UTC(2026, 10, 30, 17, 4, 0) / 1000), now), '17:04:00Z (18 s ago)');
    assert.equal(resetText('soon-ish, maybe tomorrow or never', now), 'soon-ish, maybe tomo');
  });
});
