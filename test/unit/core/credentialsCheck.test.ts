// A profile with a Bearer token and wrong OAuth 1.0a keys: Set credentials' test must say the
// OAuth keys are refused (testing only the Bearer passed them), and a fetch whose OAuth requests
// are refused falls back to the Bearer for the public metrics. Against the real sandbox.
import { strict as assert } from 'node:assert';
import { checkCredentials, describeChecks, fetchTotalsWithFallback } from '../../../src/core/credentialsCheck';
import { flattenRows } from '../../../src/core/rows';
import { Credentials, TotalsQuery } from '../../../src/core/types';
import { Sandbox, SANDBOX_CREDENTIALS, startSandbox } from '../../../src/sandbox/server';
import { recentIds } from '../../support/ids';

const WRONG_OAUTH = { ...SANDBOX_CREDENTIALS.oauth!, consumerSecret: 'not-the-secret' };

describe('credentials of every kind a profile holds', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
  });
  after(() => sandbox.close());

  it('tests each kind on its own: a good Bearer does not vouch for wrong OAuth keys', async () => {
    const mixed = await checkCredentials({ bearerToken: SANDBOX_CREDENTIALS.bearerToken, oauth: WRONG_OAUTH }, { baseUrl: sandbox.url });
    assert.deepEqual(
      mixed.map((c) => [c.kind, c.ok]),
      [
        ['bearer', true],
        ['oauth1', false],
      ],
    );
    assert.match(describeChecks(mixed), /^Bearer token: works\. OAuth 1\.0a user context: refused \(.+\)\.$/);
    const good = await checkCredentials(SANDBOX_CREDENTIALS, { baseUrl: sandbox.url });
    assert.ok(good.length === 2 && good.every((c) => c.ok), describeChecks(good));
    const bad = await checkCredentials({ bearerToken: 'wrong' }, { baseUrl: sandbox.url });
    assert.deepEqual(
      bad.map((c) => [c.kind, c.ok]),
      [['bearer', false]],
    );
  });

  const query = (ids: string[]): TotalsQuery => ({
    tweetIds: ids,
    engagementTypes: ['impressions', 'favorites', 'replies'],
    groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }],
  });

  it('a fetch whose OAuth requests are refused gets the public metrics with the Bearer and says what it skipped', async () => {
    const ids = recentIds(300, 41);
    const credentials: Credentials = { bearerToken: SANDBOX_CREDENTIALS.bearerToken, oauth: WRONG_OAUTH };
    const { result, fallback } = await fetchTotalsWithFallback(query(ids), { baseUrl: sandbox.url, credentials });
    assert.deepEqual(fallback?.skipped, ['impressions']);
    assert.match(fallback!.reason, /401|signature|auth/i);
    assert.deepEqual(result.query.engagementTypes, ['favorites', 'replies']);
    assert.deepEqual(result.failed, []);
    const rows = flattenRows(result);
    assert.ok(rows.length > 250, `${rows.length} Tweets with public metrics`);
    assert.ok(rows.every((r) => r.metrics.impressions === undefined && r.metrics.favorites !== undefined));
  });

  it('no fallback without a Bearer token, nor when the OAuth keys work: the result is what the engine got', async () => {
    const ids = recentIds(3, 42);
    const noBearer = await fetchTotalsWithFallback(query(ids), { baseUrl: sandbox.url, credentials: { oauth: WRONG_OAUTH } });
    assert.equal(noBearer.fallback, undefined);
    assert.equal(noBearer.result.failed[0]?.status, 401);
    const fine = await fetchTotalsWithFallback(query(ids), { baseUrl: sandbox.url, credentials: SANDBOX_CREDENTIALS });
    assert.equal(fine.fallback, undefined);
    assert.deepEqual(fine.result.query.engagementTypes, ['impressions', 'favorites', 'replies']);
  });
});
