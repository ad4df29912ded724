import { strict as assert } from 'node:assert';
import { bearerHeader, oauthHeader, oauthSignature } from '../../../src/core/sign';

// Vectors from ../shared/OAUTH_VECTORS.md (recomputed independently of this code).
const X_EXAMPLE = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};
const PINS = { nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958 };
const FORM = { include_entities: 'true', status: 'Hello Ladies + Gentlemen, a signed OAuth request!' };

describe('OAuth 1.0a signing', () => {
  it('matches X\'s "creating a signature" example on api.twitter.com', () => {
    assert.equal(oauthSignature('POST', 'https://api.twitter.com/1.1/statuses/update.json', X_EXAMPLE, PINS, FORM), 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
  });

  it('matches the same example on api.x.com', () => {
    assert.equal(oauthSignature('POST', 'https://api.x.com/1.1/statuses/update.json', X_EXAMPLE, PINS, FORM), 'Ls93hJiZbQ3akF3HF3x1Bz8/zU4=');
  });

  it('produces the header the package documents, byte for byte', () => {
    assert.equal(
      oauthHeader('POST', 'https://api.twitter.com/1.1/statuses/update.json', X_EXAMPLE, PINS, FORM),
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
    );
  });

  it('matches the RFC 5849 example (with oauth_version=1.0 added by the package)', () => {
    const creds = { consumerKey: 'dpf43f3p2l4k3l03', consumerSecret: 'kd94hf93k423kf44', accessToken: 'nnch734d00sl2jdk', accessTokenSecret: 'pfkkdhi9sl3r4s00' };
    assert.equal(
      oauthSignature('GET', 'http://photos.example.net/photos', creds, { nonce: 'chapoH', timestamp: 137131202 }, { file: 'vacation.jpg', size: 'original' }),
      '1IAE9RzK+DqSqVTdQ/0zWANXVzs=',
    );
  });

  it('signs /totals without the JSON body and with a fresh crypto nonce each time', () => {
    const url = 'https://data-api.twitter.com/insights/engagement/totals';
    const a = oauthHeader('POST', url, X_EXAMPLE);
    const b = oauthHeader('POST', url, X_EXAMPLE);
    const nonce = (h: string) => /oauth_nonce="([^"]+)"/.exec(h)![1];
    assert.notEqual(nonce(a), nonce(b));
    assert.ok(nonce(a).length >= 32);
    // Only oauth_* parameters are in the header: nothing of a body.
    const keys = [...a.matchAll(/(\w+)="/g)].map((m) => m[1]);
    assert.deepEqual(keys, ['oauth_consumer_key', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method', 'oauth_timestamp', 'oauth_token', 'oauth_version']);
  });

  it('makes Bearer headers', () => {
    assert.equal(bearerHeader('abc'), 'Bearer abc');
  });
});
