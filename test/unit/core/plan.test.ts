import { strict as assert } from 'node:assert';
import { chooseAuth, dedupeIds, parseGrouping, PlanError, planBatches, publicOnly, requestBody, validateQuery } from '../../../src/core/plan';
import { TotalsQuery } from '../../../src/core/types';

const bearer = { bearerToken: 'b' };
const oauth = { oauth: { consumerKey: 'k', consumerSecret: 's', accessToken: 't', accessTokenSecret: 'ts' } };
const ids = (n: number, from = 1_500_000_000_000_000_000n) => Array.from({ length: n }, (_, i) => (from + BigInt(i)).toString());
const query = (over: Partial<TotalsQuery> = {}): TotalsQuery => ({
  tweetIds: ids(3),
  engagementTypes: ['favorites', 'retweets'],
  groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }],
  ...over,
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof PlanError, String(e));
    return e.code;
  }
  assert.fail('expected a PlanError');
};

describe('request planning', () => {
  it('batches 1,000 IDs into 4 of 250, de-duplicated, order kept', () => {
    const list = ids(1000);
    const batches = planBatches(query({ tweetIds: [...list, ...list.slice(0, 10)] }), bearer);
    assert.deepEqual(
      batches.map((b) => b.tweetIds.length),
      [250, 250, 250, 250],
    );
    assert.deepEqual(
      batches.flatMap((b) => b.tweetIds),
      list,
    );
  });

  it('makes a last short batch', () => {
    assert.deepEqual(
      planBatches(query({ tweetIds: ids(251) }), bearer).map((b) => b.tweetIds.length),
      [250, 1],
    );
  });

  it('rejects what the API would reject, with a message that says what to do', () => {
    assert.equal(
      code(() => validateQuery(query({ tweetIds: [] }))),
      'no-ids',
    );
    assert.equal(
      code(() => validateQuery(query({ tweetIds: ['12a'] }))),
      'bad-id',
    );
    assert.equal(
      code(() => validateQuery(query({ engagementTypes: [] }))),
      'no-types',
    );
    assert.equal(
      code(() => validateQuery(query({ engagementTypes: ['likes' as never] }))),
      'bad-type',
    );
    assert.equal(
      code(() => validateQuery(query({ groupings: [] }))),
      'bad-groupings',
    );
    const four = [1, 2, 3, 4].map((i) => ({ name: `g${i}`, groupBy: ['tweet.id' as const] }));
    assert.equal(
      code(() => validateQuery(query({ groupings: four }))),
      'bad-groupings',
    );
    assert.equal(
      code(() => validateQuery(query({ groupings: [{ name: 'x', groupBy: ['tweet.day' as never] }] }))),
      'bad-group-by',
    );
    assert.equal(
      code(() => validateQuery(query({ groupings: [{ name: 'errors', groupBy: ['tweet.id'] }] }))),
      'bad-groupings',
    );
    assert.equal(
      code(() =>
        validateQuery(
          query({
            groupings: [
              { name: 'a', groupBy: ['tweet.id'] },
              { name: 'a', groupBy: ['engagement.type'] },
            ],
          }),
        ),
      ),
      'bad-groupings',
    );
  });

  it('keeps IDs above 2^53 exact in the body', () => {
    const big = '1844674407370955161';
    const body = requestBody({ tweetIds: [big], engagementTypes: ['favorites'] }, [{ name: 'g', groupBy: ['engagement.type', 'tweet.id'] }]);
    assert.equal(JSON.stringify(body), `{"tweet_ids":["${big}"],"engagement_types":["favorites"],"groupings":{"g":{"group_by":["engagement.type","tweet.id"]}}}`);
  });

  it('sends public metrics with the Bearer token when a profile has both', () => {
    assert.equal(chooseAuth(['favorites'], { ...bearer, ...oauth }), 'bearer');
    assert.equal(chooseAuth(['impressions', 'favorites'], { ...bearer, ...oauth }), 'oauth1');
    assert.equal(chooseAuth(['favorites'], oauth), 'oauth1');
  });

  it('refuses owned metrics without OAuth, and can drop them', () => {
    assert.equal(
      code(() => chooseAuth(['impressions'], bearer)),
      'owned-needs-oauth',
    );
    assert.equal(
      code(() => chooseAuth(['favorites'], {})),
      'no-credentials',
    );
    assert.deepEqual(publicOnly(query({ engagementTypes: ['impressions', 'favorites'] })).engagementTypes, ['favorites']);
  });

  it('parses --group specs and counts duplicates', () => {
    assert.deepEqual(parseGrouping('byType=engagement.type, tweet.id'), { name: 'byType', groupBy: ['engagement.type', 'tweet.id'] });
    assert.equal(
      code(() => parseGrouping('nope')),
      'bad-groupings',
    );
    assert.deepEqual(dedupeIds(['1', '2', '1', '1']), { unique: ['1', '2'], duplicates: 2 });
  });
});
