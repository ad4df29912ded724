// The profiles feature's rules: names, and which profile a window starts on.
import { strict as assert } from 'node:assert';
import { hostChoices, hostLabel, hostProblem, kindLabel, profileNameProblem, SANDBOX_HOST, SANDBOX_PROFILE, startsSandbox } from '../../../../src/features/profiles/rules';

describe('profile rules', () => {
  it('useSandboxOnStart starts on the sandbox only until the user has chosen a profile of their own', () => {
    assert.equal(startsSandbox(true, undefined), true, 'a new user: the demo setting applies');
    assert.equal(startsSandbox(true, SANDBOX_PROFILE), true, 'the sandbox was the last choice');
    assert.equal(startsSandbox(true, 'brand-handle'), false, 'the last chosen profile wins after a reload');
    assert.equal(startsSandbox(false, undefined), false);
    assert.equal(startsSandbox(false, SANDBOX_PROFILE), false, 'without the setting the sandbox starts on Use sandbox only');
  });

  it('accepts profile names but the reserved, empty and over-long ones', () => {
    assert.equal(profileNameProblem('brand-handle'), undefined);
    assert.match(profileNameProblem('  ')!, /Give the profile a name/);
    assert.match(profileNameProblem(' Sandbox ')!, /reserved/);
    assert.match(profileNameProblem('x'.repeat(61))!, /At most 60/);
    assert.equal(profileNameProblem('x'.repeat(60)), undefined);
  });
});

describe('profile hosts and labels', () => {
  it('takes https hosts, http on loopback and the sandbox; refuses the rest with the reason', () => {
    for (const ok of ['https://data-api.x.com', 'https://data-api.twitter.com/', 'http://127.0.0.1:47210', 'http://localhost:8080', SANDBOX_HOST])
      assert.equal(hostProblem(ok), undefined, ok);
    assert.match(hostProblem('http://data-api.x.com')!, /plain http/);
    assert.match(hostProblem('ftp://x')!, /https/);
    assert.match(hostProblem('https://user:pw@x.com')!, /user info/);
    assert.match(hostProblem('not a url')!, /not a valid URL/);
  });

  it('names hosts and credential kinds the way the profile list shows them', () => {
    assert.equal(hostLabel('https://data-api.x.com'), 'data-api.x.com');
    assert.equal(hostLabel('http://127.0.0.1:4000'), '127.0.0.1:4000 (http)');
    assert.equal(hostLabel(SANDBOX_HOST), 'built-in sandbox');
    assert.equal(hostLabel(SANDBOX_HOST, 'http://127.0.0.1:47210'), 'built-in sandbox (127.0.0.1:47210)');
    const oauth = { consumerKey: 'a', consumerSecret: 'b', accessToken: 'c', accessTokenSecret: 'd' };
    assert.equal(kindLabel({ bearerToken: 't' }), 'Bearer');
    assert.equal(kindLabel({ oauth }), 'OAuth 1.0a');
    assert.equal(kindLabel({ oauth, bearerToken: 't' }), 'OAuth 1.0a + Bearer');
    assert.equal(kindLabel(undefined), 'no credentials');
  });

  it("offers the profile's host first, then the default, the documented hosts and the sandbox, each once", () => {
    assert.deepEqual(hostChoices('https://data-api.twitter.com', 'https://data-api.twitter.com'), ['https://data-api.twitter.com', 'https://data-api.x.com', SANDBOX_HOST]);
    assert.deepEqual(hostChoices('http://127.0.0.1:9', 'https://data-api.x.com'), ['http://127.0.0.1:9', 'https://data-api.x.com', 'https://data-api.twitter.com', SANDBOX_HOST]);
  });
});
