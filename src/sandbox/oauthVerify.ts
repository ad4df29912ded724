// OAuth 1.0a HMAC-SHA1 verification for the sandbox, written independently of the client's
// signer (node:crypto only) so that a bug in one cannot hide a bug in the other.
import * as crypto from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a requires (unreserved: A-Z a-z 0-9 - . _ ~). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Lenient percent-decoding: a malformed escape is kept as is instead of throwing. */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Base string URI: scheme://host[:non-default port]/path, lower-cased scheme and host, no query. */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const defaultPort = (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443');
  const port = u.port && !defaultPort ? ':' + u.port : '';
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${port}${u.pathname}`;
}

/** Query parameters of a URL, form-decoded ('+' is a space), as the base string needs them. */
function queryParams(url: string): Array<[string, string]> {
  const q = new URL(url).search.replace(/^\?/, '');
  if (!q) return [];
  return q
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf('=');
      const k = i < 0 ? pair : pair.slice(0, i);
      const v = i < 0 ? '' : pair.slice(i + 1);
      return [percentDecode(k.replace(/\+/g, ' ')), percentDecode(v.replace(/\+/g, ' '))];
    });
}

/**
 * The signature base string: `METHOD&enc(base URI)&enc(normalized params)`. `params` are the
 * decoded oauth_* parameters (without oauth_signature) plus any form-body parameters; the
 * URL's query parameters are added here. A JSON body is never a parameter.
 */
export function signatureBaseString(method: string, url: string, params: Array<[string, string]> | Record<string, string>): string {
  const list = Array.isArray(params) ? params : Object.entries(params);
  const normalized = [...list, ...queryParams(url)]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode(baseStringUri(url))}&${percentEncode(normalized)}`;
}

/** HMAC-SHA1 over the base string with key `enc(consumerSecret)&enc(tokenSecret)`, base64. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return crypto.createHmac('sha1', key).update(baseString).digest('base64');
}

/** Convenience: the oauth_signature for a request. */
export function oauthSignature(method: string, url: string, params: Array<[string, string]> | Record<string, string>, consumerSecret: string, tokenSecret: string): string {
  return hmacSha1Signature(signatureBaseString(method, url, params), consumerSecret, tokenSecret);
}

/**
 * Parses `OAuth k="v", k2="v2"` into decoded parameters. Returns undefined when the header is
 * not of the OAuth scheme. `realm` is dropped (it is not signed).
 */
export function parseOAuthHeader(header: string): Map<string, string> | undefined {
  const m = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!m) return undefined;
  const params = new Map<string, string>();
  const re = /([^\s=,]+)\s*=\s*"([^"]*)"/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[1])) !== null) {
    const key = percentDecode(p[1]);
    if (key !== 'realm') params.set(key, percentDecode(p[2]));
  }
  return params;
}

export interface OAuthKeys {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessTokenSecret: string;
}

/** Remembers nonces for a while, with bounded memory (oldest entries go first when full). */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 50_000,
  ) {}

  /** Records the nonce; false if it was already seen within the TTL. */
  add(key: string, now: number): boolean {
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.delete(key);
    for (const [k, exp] of this.seen) {
      if (exp > now && this.seen.size < this.maxEntries) break;
      this.seen.delete(k);
    }
    this.seen.set(key, now + this.ttlMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

export type OAuthVerdict = { ok: true } | { ok: false; reason: string };

export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/**
 * Verifies an OAuth 1.0a header for `method url` (url as the client addressed it). The nonce is
 * recorded only once the signature is valid, so forged requests cannot fill the store.
 */
export function verifyOAuth(header: string, method: string, url: string, keys: OAuthKeys, nonces: NonceStore, nowMs: number): OAuthVerdict {
  const params = parseOAuthHeader(header);
  if (!params) return { ok: false, reason: 'Unknown Authorization Type' };
  for (const name of ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature']) {
    if (!params.get(name)) return { ok: false, reason: `Missing OAuth parameter ${name}` };
  }
  if (params.get('oauth_consumer_key') !== keys.consumerKey) return { ok: false, reason: 'Consumer key not found' };
  if (params.get('oauth_token') !== keys.accessToken) return { ok: false, reason: 'Access token not found' };
  if (params.get('oauth_signature_method') !== 'HMAC-SHA1') {
    return { ok: false, reason: `Unsupported signature method ${params.get('oauth_signature_method')}` };
  }
  const version = params.get('oauth_version');
  if (version !== undefined && version !== '1.0') return { ok: false, reason: `Unsupported OAuth version ${version}` };
  const ts = params.get('oauth_timestamp')!;
  if (!/^\d{1,12}$/.test(ts) || Math.abs(Number(ts) - nowMs / 1000) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'Timestamp out of bounds (more than 5 minutes from server time)' };
  }
  const signed: Array<[string, string]> = [...params].filter(([k]) => k !== 'oauth_signature');
  const expected = Buffer.from(oauthSignature(method, url, signed, keys.consumerSecret, keys.accessTokenSecret));
  const given = Buffer.from(params.get('oauth_signature')!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'Invalid signature' };
  }
  if (!nonces.add(`${keys.accessToken}\n${params.get('oauth_nonce')}`, nowMs)) {
    return { ok: false, reason: 'Nonce already used' };
  }
  return { ok: true };
}
