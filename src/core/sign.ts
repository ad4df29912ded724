// Authorization headers: app-only Bearer, or OAuth 1.0a HMAC-SHA1 user context.
// The JSON body is never part of the OAuth signature (only form bodies are), so
// `authorize` is called without `data`; URLs are signed without their query.
import * as crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { OAuth1Credentials } from './types';

export function bearerHeader(token: string): string {
  return `Bearer ${token}`;
}

export interface OAuthPins {
  /** Tests pin these; production uses crypto nonces and the clock. */
  nonce?: string;
  timestamp?: number;
}

export function cryptoNonce(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function oauthClient(credentials: OAuth1Credentials, pins: OAuthPins): OAuth {
  const client = new OAuth({
    consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
  });
  // The package's own nonce comes from Math.random; replace it with crypto (or a pin).
  const nonce = pins.nonce;
  client.getNonce = () => nonce ?? cryptoNonce();
  if (pins.timestamp !== undefined) {
    const ts = pins.timestamp;
    client.getTimeStamp = () => ts;
  }
  return client;
}

/** `OAuth …` header for a request. `data` are form parameters (never a JSON body). */
export function oauthHeader(method: string, url: string, credentials: OAuth1Credentials, pins: OAuthPins = {}, data?: Record<string, string>): string {
  const client = oauthClient(credentials, pins);
  const authorization = client.authorize(data ? { url, method, data } : { url, method }, {
    key: credentials.accessToken,
    secret: credentials.accessTokenSecret,
  });
  return client.toHeader(authorization).Authorization;
}

/** The signature alone (for tests against published vectors). */
export function oauthSignature(method: string, url: string, credentials: OAuth1Credentials, pins: Required<OAuthPins>, data?: Record<string, string>): string {
  const client = oauthClient(credentials, pins);
  return client.authorize(data ? { url, method, data } : { url, method }, {
    key: credentials.accessToken,
    secret: credentials.accessTokenSecret,
  }).oauth_signature;
}
