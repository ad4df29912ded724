// The sandbox HTTP server: POST /insights/engagement/totals, /28hr and /historical on 127.0.0.1
// (node:http only). Order of checks: path (404) → method (405) → rate limit (429) → gzip (406) →
// auth (401) → Content-Type (400) → injected fault → JSON (400) → answerTotals / answerSeries.
// One rate limit for all three endpoints. Bodies are read losslessly: a Tweet ID sent as a JSON
// number keeps every digit.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { SERIES_PATHS, SeriesEndpoint } from '../core/series';
import { parseJsonLossless } from '../core/lossless';
import { FaultInjector, FaultKind } from './faults';
import { loadFixture, SandboxFixture } from './fixture';
import { NonceStore, verifyOAuth } from './oauthVerify';
import { RateLimiter, rateHeaders } from './rateLimit';
import { answerSeries } from './series';
import { answerTotals, SandboxAuth, TotalsAnswer } from './world';
import { SANDBOX_CREDENTIALS } from './credentials';

export { SANDBOX_CREDENTIALS };

export type { SandboxFixture } from './fixture';

export interface SandboxOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
  rateLimit?: number;
  rateWindowSeconds?: number;
  faultRate?: number;
  stallMs?: number;
  seed?: number;
  fixture?: string | SandboxFixture;
  now?: () => number;
}
export interface SandboxStats {
  requests: number;
  byStatus: Record<number, number>;
  faults: Record<string, number>;
  rateLimited: number;
}
export interface Sandbox {
  /** http://127.0.0.1:PORT (base URL, no path). */
  url: string;
  port: number;
  stats: SandboxStats;
  close(): Promise<void>;
}

export const TOTALS_PATH = '/insights/engagement/totals';
/** The endpoints the sandbox serves, path → what answers it. */
const ENDPOINTS = new Map<string, 'totals' | SeriesEndpoint>([
  [TOTALS_PATH, 'totals'],
  [SERIES_PATHS['28hr'], '28hr'],
  [SERIES_PATHS.historical, 'historical'],
]);
export const SANDBOX_DEFAULTS = { host: '127.0.0.1', rateLimit: 60, rateWindowSeconds: 60, stallMs: 3000, seed: 1 };
const MAX_BODY_BYTES = 1 << 20;
const GZIP_REQUIRED = "This request requires gzip compression. Retry the request after setting 'Accept-Encoding' header in the request to 'gzip'.";
const FAULT_STATUS: Partial<Record<FaultKind, [number, string]>> = {
  http500: [500, 'Internal Server Error'],
  http502: [502, 'Bad Gateway'],
  http503: [503, 'Service Unavailable'],
};
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Over capacity</title></head><body><h1>Something is technically wrong.</h1></body></html>';

/** True when the client accepts gzip (`gzip` or `*` without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding.trim() === 'gzip' || coding.trim() === '*') && !(q && Number(q.slice(2)) === 0);
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? SANDBOX_DEFAULTS.host;
  const now = options.now ?? Date.now;
  const fixture = options.fixture !== undefined ? loadFixture(options.fixture) : undefined;
  const limiter = new RateLimiter(options.rateLimit ?? SANDBOX_DEFAULTS.rateLimit, (options.rateWindowSeconds ?? SANDBOX_DEFAULTS.rateWindowSeconds) * 1000);
  const faults = new FaultInjector(options.faultRate ?? 0, options.seed ?? SANDBOX_DEFAULTS.seed);
  const nonces = new NonceStore();
  const stats: SandboxStats = { requests: 0, byStatus: {}, faults: {}, rateLimited: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    stats.requests++;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const count = (status: number) => (stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1);

    const encode = (text: string): Buffer => (gzip ? zlib.gzipSync(text) : Buffer.from(text));
    const send = async (a: TotalsAnswer, headers: Record<string, string>, type = 'application/json; charset=utf-8', text?: string) => {
      await delay(options.latencyMs ?? 0);
      if (closed || res.destroyed) return;
      const payload = encode(text ?? JSON.stringify(a.body));
      res.writeHead(a.status, { ...headers, 'Content-Type': type, 'Content-Length': String(payload.length), ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
      res.end(payload);
      count(a.status);
    };
    const fail = (status: number, message: string) => ({ status, body: { errors: [message] } });

    const t = now();
    const path = (req.url ?? '/').split('?')[0];
    const endpoint = ENDPOINTS.get(path);
    if (!endpoint) return send(fail(404, 'Sorry, that page does not exist'), rateHeaders(limiter.state(t)));
    if (req.method !== 'POST') return send(fail(405, `Method ${req.method} not allowed: use POST`), { ...rateHeaders(limiter.state(t)), Allow: 'POST' });
    const rate = limiter.take(t);
    const headers = rateHeaders(rate.state);
    if (!rate.allowed) {
      stats.rateLimited++;
      return send(fail(429, 'Exceeded rate limit'), { ...headers, 'Retry-After': String(rate.retryAfterSeconds) });
    }
    if (!gzip) return send(fail(406, GZIP_REQUIRED), headers);
    const verdict = authenticate(req);
    if ('reason' in verdict) return send(fail(401, `Your account could not be authenticated. Reason: ${verdict.reason}`), headers);
    const auth: SandboxAuth = verdict;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') {
      return send(fail(400, `Content-Type must be application/json (got ${JSON.stringify(req.headers['content-type'] ?? '')})`), headers);
    }
    if (size > MAX_BODY_BYTES) return send(fail(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`), headers);

    const answer = (): TotalsAnswer => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        JSON.parse(text); // the syntax check (the lossless reader would take `01` or `1.2.3` as text)
      } catch (e) {
        return fail(400, `Request body is not valid JSON: ${(e as Error).message}`);
      }
      const body = parseJsonLossless(text);
      return endpoint === 'totals' ? answerTotals(body, auth, t, fixture) : answerSeries(endpoint, body, auth, t, fixture);
    };

    const fault = faults.next();
    if (!fault) return send(answer(), headers);
    stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    const failure = FAULT_STATUS[fault];
    if (failure) return send(fail(...failure), headers);
    if (fault === 'html') return send({ status: 200, body: {} }, headers, 'text/html; charset=utf-8', HTML_PAGE);
    if (fault === 'stall') {
      await delay(options.stallMs ?? SANDBOX_DEFAULTS.stallMs);
      return send(answer(), headers);
    }
    await delay(options.latencyMs ?? 0);
    if (closed || res.destroyed) return;
    if (fault === 'bare429') {
      res.writeHead(429);
      res.end();
      count(429);
      return;
    }
    const a = answer();
    const payload = zlib.gzipSync(JSON.stringify(a.body));
    const half = payload.subarray(0, Math.floor(payload.length / 2));
    const full = { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip' };
    if (fault === 'truncatedGzip') {
      res.writeHead(a.status, { ...full, 'Content-Length': String(half.length) });
      res.end(half);
      count(a.status);
    } else {
      // 'reset': promise the whole body, send half, then drop the connection.
      res.writeHead(a.status, { ...full, 'Content-Length': String(payload.length) });
      res.write(half, () => res.socket?.destroy());
    }
  }

  function authenticate(req: http.IncomingMessage): SandboxAuth | { reason: string } {
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(.*)$/i.exec(header);
    if (bearer) {
      return bearer[1].trim() === SANDBOX_CREDENTIALS.bearerToken ? { kind: 'bearer' } : { reason: 'Invalid or expired bearer token' };
    }
    if (!/^OAuth\s/i.test(header)) return { reason: 'Unknown Authorization Type' };
    const url = `http://${req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}${req.url ?? TOTALS_PATH}`;
    try {
      // Timestamps and nonces are judged by the wall clock, not the injectable `now`: clients
      // sign with real time, and tests move the sandbox clock only for the age rules.
      const verdict = verifyOAuth(header, 'POST', url, SANDBOX_CREDENTIALS.oauth, nonces, Date.now());
      return verdict.ok ? { kind: 'oauth1' } : { reason: verdict.reason };
    } catch {
      return { reason: 'Invalid signature' };
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || closed) return void res.destroy();
      const payload = JSON.stringify({ errors: [`Sandbox error: ${(err as Error).message}`] });
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => (server.off('error', reject), resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
