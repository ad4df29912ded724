// Transport: one POST to /insights/engagement/totals through axios, answered as status,
// headers and a losslessly parsed body. No redirects are followed (a redirect could carry
// the Authorization header to another host), plain http is allowed only on loopback, the
// answer's size is capped, and the whole request (connect, headers and body) has a time limit.
// Proxies are ours to choose (PostOptions.proxy): axios never reads the proxy variables itself.
import * as l10n from '@vscode/l10n';
import axios, { AxiosError } from 'axios';
import type { Agent } from 'node:https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { timerMs } from './clock';
import { parseJsonLossless } from './lossless';
import { DEFAULT_BASE_URL, TotalsRequestBody } from './types';
import type { SeriesRequestBody } from './series';

export const TOTALS_PATH = '/insights/engagement/totals';
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** The time limit of one request, start to last byte, unless FetchOptions.requestTimeoutMs says. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type TransportErrorKind = 'network' | 'unreachable' | 'timeout' | 'bad-body' | 'too-large' | 'redirect' | 'insecure-url' | 'cancelled' | 'tls';

/** A request that got no usable answer. `retryable` says whether trying again may help. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'bad-body';
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Checks a base URL before any credentials go near it: http(s) only, https required
 * except for loopback hosts, no user info, query or fragment. Returns it without a
 * trailing slash.
 */
export function checkBaseUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TransportError('insecure-url', l10n.t('The API base URL "{0}" is not a valid URL. Use e.g. {1}.', base, DEFAULT_BASE_URL));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TransportError('insecure-url', l10n.t('The API base URL must use https (got {0}).', url.protocol));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TransportError(
      'insecure-url',
      l10n.t('Refusing plain http to {0}: credentials would travel unencrypted. Use https, or a loopback address for the sandbox.', url.hostname),
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TransportError('insecure-url', l10n.t('The API base URL must not contain user info, a query or a fragment.'));
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function totalsUrl(base: string): string {
  return checkBaseUrl(base) + TOTALS_PATH;
}

export interface HttpAnswer {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON with numbers kept as strings; undefined when the body was empty. */
  body: unknown;
  durationMs: number;
}

export interface PostOptions {
  signal?: AbortSignal;
  /** Limit for the whole request, headers and body (a server that drips is cut off). */
  timeoutMs?: number;
  /** Proxy URL (http://host:port) for a non-loopback host; see proxyFor. Loopback always goes direct. */
  proxy?: string;
}

/** The JSON body of a request: /totals', or a time series'. */
export type RequestBody = TotalsRequestBody | SeriesRequestBody;

/** Sends the request (any endpoint's body). Resolves for any HTTP status with a JSON (or empty) body. */
export type TotalsTransport = (url: string, body: RequestBody, authorization: string, options: PostOptions) => Promise<HttpAnswer>;

export const axiosTransport: TotalsTransport = async (url, body, authorization, options) => {
  checkBaseUrl(new URL(url).origin); // the host rules hold for every request, not only at planning
  const started = Date.now();
  const limitMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Our own controller: the caller's signal cancels it, and so does the time limit, which
  // (unlike axios' timeout) keeps counting while the body arrives.
  const controller = new AbortController();
  const cancel = () => controller.abort();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timerMs(limitMs));
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  let response;
  try {
    response = await axios.request<string>({
      url,
      method: 'POST',
      data: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json',
        'Accept-Encoding': 'gzip',
        Accept: 'application/json',
        Authorization: authorization,
      },
      maxRedirects: 0,
      maxContentLength: MAX_ANSWER_BYTES,
      signal: controller.signal,
      proxy: false,
      httpsAgent: proxyAgent(url, options.proxy),
      responseType: 'text',
      transformResponse: [(data: string) => data],
      validateStatus: () => true,
      decompress: true,
    });
  } catch (e) {
    if (timedOut) throw new TransportError('timeout', `The API did not answer in full within ${limitMs / 1000} s; the request was abandoned.`);
    throw describeAxiosError(e);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers ?? {})) {
    if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  const durationMs = Date.now() - started;
  if (response.status >= 300 && response.status < 400) {
    throw new TransportError(
      'redirect',
      `The API answered ${response.status} (redirect${headers.location ? ' to ' + safeHost(headers.location) : ''}); redirects are not followed. Check the API base URL.`,
      response.status,
    );
  }
  const text = typeof response.data === 'string' ? response.data : '';
  // A 407 is the proxy's answer to our CONNECT (real proxies send an HTML page): not the API's body.
  if (response.status === 407 || text.trim() === '') return { status: response.status, headers, body: undefined, durationMs };
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(text);
  } catch {
    const type = headers['content-type'] ?? 'unknown type';
    throw new TransportError(
      'bad-body',
      `The API answered ${response.status} with a body that is not JSON (${type.split(';')[0].slice(0, 60)}, ${text.length} bytes).`,
      response.status,
    );
  }
  return { status: response.status, headers, body: parsed, durationMs };
};

const proxyAgents = new Map<string, HttpsProxyAgent<string>>();

/**
 * A CONNECT-tunnelling agent for an https host that is not loopback, when a proxy was chosen
 * (the TLS session stays end to end: the proxy sees only host:port). Loopback never gets one.
 * Axios' own tunnelling is not used: its older agent threw an uncaught TypeError in VS Code's
 * extension host when a proxy refused the CONNECT (sock.setTimeout is not a function).
 */
function proxyAgent(url: string, proxy: string | undefined): Agent | undefined {
  const target = new URL(url);
  if (!proxy || target.protocol !== 'https:' || isLoopbackHost(target.hostname)) return undefined;
  let agent = proxyAgents.get(proxy);
  if (!agent) {
    if (proxyAgents.size >= 8) proxyAgents.clear(); // proxies are few; settings may change
    agent = new HttpsProxyAgent(proxy, { keepAlive: true });
    proxyAgents.set(proxy, agent);
  }
  return agent;
}

/** Certificate and TLS failures: the same for every request, and not to be retried or worked around. */
const TLS_CODE = /CERT|^UNABLE_TO_|^ERR_TLS_|^ERR_SSL_|^HOSTNAME_MISMATCH$|^INVALID_CA$|^INVALID_PURPOSE$|^PATH_LENGTH_EXCEEDED$|_CRL/;

function safeHost(location: string): string {
  try {
    return new URL(location).host;
  } catch {
    return 'another location';
  }
}

function describeAxiosError(e: unknown): TransportError {
  if (e instanceof TransportError) return e;
  const err = e as AxiosError;
  if (axios.isCancel(e) || err?.code === 'ERR_CANCELED' || err?.name === 'CanceledError') {
    return new TransportError('cancelled', 'Cancelled.');
  }
  if (err?.code === 'ECONNABORTED' || err?.code === 'ETIMEDOUT') {
    return new TransportError('timeout', 'The API did not answer in time.');
  }
  if (/maxContentLength/i.test(err?.message ?? '')) {
    return new TransportError('too-large', 'The API answer is larger than the size cap; not read.');
  }
  const code = err?.code ? ` (${err.code})` : '';
  if (err?.code && TLS_CODE.test(err.code)) {
    return new TransportError(
      'tls',
      `TLS certificate error${code}: the API's certificate was not accepted, so nothing was sent; not retried. Check the API base URL; behind a proxy that inspects TLS, give Node its CA with NODE_EXTRA_CA_CERTS.`,
    );
  }
  if (err?.code === 'ENOTFOUND' || err?.code === 'ECONNREFUSED' || err?.code === 'EHOSTUNREACH' || err?.code === 'ENETUNREACH') {
    // Every request would meet the same: say so at once instead of retrying for a minute.
    return new TransportError('unreachable', `Cannot reach the API${code}: ${oneLine(err?.message ?? String(e))}. Check the API base URL and the network.`);
  }
  // Messages of network errors name hosts and ports only, never headers.
  return new TransportError('network', `Network error${code}: ${oneLine(err?.message ?? String(e))}`);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 200);
}
