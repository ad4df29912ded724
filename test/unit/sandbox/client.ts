// What the sandbox tests share: IDs of a chosen age and ending, and a plain node:http client
// that signs with the oauth-1.0a package (independent of the sandbox's verifier and our signer).
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import OAuth from 'oauth-1.0a';
import { Sandbox, SANDBOX_CREDENTIALS, SandboxOptions, startSandbox, TOTALS_PATH } from '../../../src/sandbox/server';
import { snowflakeAt } from '../../../src/shared/tweetId';

/** A snowflake ID created at `ms` whose decimal form ends in `suffix`. */
export function idAt(ms: number, suffix: string): string {
  const base = BigInt(snowflakeAt(ms));
  for (let k = 0n; k < 1000n; k++) {
    const s = String(base + k);
    if (s.endsWith(suffix) && !(suffix.length === 1 && s.endsWith('13'))) return s;
  }
  throw new Error('unreachable');
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json?: any;
  gunzipFailed?: boolean;
  networkError?: string;
}

export type AuthMode = 'bearer' | 'oauth' | 'none' | { header: string };
export interface Req {
  body?: unknown;
  raw?: string;
  auth?: AuthMode;
  gzip?: boolean;
  method?: string;
  path?: string;
  contentType?: string;
}

export function oauthClient(secret = SANDBOX_CREDENTIALS.oauth.consumerSecret, key = SANDBOX_CREDENTIALS.oauth.consumerKey): OAuth {
  return new OAuth({
    consumer: { key, secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, k) => crypto.createHmac('sha1', k).update(base).digest('base64'),
  });
}
export function oauthHeader(url: string, opts: { client?: OAuth; token?: string; tokenSecret?: string } = {}): string {
  const client = opts.client ?? oauthClient();
  const token = { key: opts.token ?? SANDBOX_CREDENTIALS.oauth.accessToken, secret: opts.tokenSecret ?? SANDBOX_CREDENTIALS.oauth.accessTokenSecret };
  return client.toHeader(client.authorize({ url, method: 'POST' }, token)).Authorization;
}

export function request(sb: Sandbox, r: Req = {}): Promise<Reply> {
  const url = sb.url + (r.path ?? TOTALS_PATH);
  const headers: Record<string, string> = { 'Content-Type': r.contentType ?? 'application/json' };
  if (r.gzip !== false) headers['Accept-Encoding'] = 'gzip';
  const auth = r.auth ?? 'bearer';
  if (auth === 'bearer') headers.Authorization = `Bearer ${SANDBOX_CREDENTIALS.bearerToken}`;
  else if (auth === 'oauth') headers.Authorization = oauthHeader(url);
  else if (auth !== 'none') headers.Authorization = auth.header;
  const payload = r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body));
  return new Promise((resolve) => {
    const req = http.request(url, { method: r.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', networkError: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', networkError: 'aborted' }));
      res.on('end', () => {
        let buf = Buffer.concat(chunks);
        const reply: Reply = { status: res.statusCode ?? 0, headers: res.headers, text: '' };
        if (res.headers['content-encoding'] === 'gzip') {
          try {
            buf = zlib.gunzipSync(buf);
          } catch {
            return resolve({ ...reply, gunzipFailed: true });
          }
        }
        reply.text = buf.toString('utf8');
        try {
          reply.json = JSON.parse(reply.text);
        } catch {
          /* not JSON */
        }
        resolve(reply);
      });
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, text: '', networkError: e.message }));
    req.end(payload);
  });
}

/** Starts sandboxes on a fixed clock for the tests of one describe block; each is closed after its test. */
export function sandboxes(now: number): (options?: SandboxOptions) => Promise<Sandbox> {
  const open: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sb) => sb.close()));
  });
  return async (options = {}) => {
    const sb = await startSandbox({ now: () => now, ...options });
    open.push(sb);
    return sb;
  };
}
