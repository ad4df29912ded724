// Exports: the CSV a spreadsheet user reads (X's words, when each Tweet was posted) and the
// rows the panel shows (filter and sort) as a result of their own.
import * as assert from 'node:assert/strict';
import { restrictToTweets, toCsv, toJson } from '../../../src/core/export';
import { snowflakeAt } from '../../../src/shared/tweetId';
import { totalsResult } from '../../support/results';

const POSTED_A = Date.UTC(2024, 4, 1, 12, 3, 4, 1);
const A = snowflakeAt(POSTED_A);
const B = snowflakeAt(Date.UTC(2024, 4, 2), 7);
const C = snowflakeAt(Date.UTC(2024, 4, 3), 9);
const GONE = snowflakeAt(Date.UTC(2024, 4, 4), 11);
const FAILED = snowflakeAt(Date.UTC(2024, 4, 5), 13);

function run() {
  return totalsResult({
    query: {
      tweetIds: [A, B, C, GONE, FAILED],
      engagementTypes: ['retweets', 'favorites'],
      groupings: [
        { name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] },
        { name: 'byType', groupBy: ['engagement.type', 'tweet.id'] },
        { name: 'totals', groupBy: ['engagement.type'] },
      ],
    },
    groupings: {
      perTweet: { [A]: { favorites: '9007199254740993', retweets: '2' }, [B]: { favorites: '5' }, [C]: { favorites: '1', retweets: '4' } },
      byType: { favorites: { [A]: '9007199254740993', [B]: '5', [C]: '1' }, retweets: { [A]: '2', [C]: '4' } },
      totals: { favorites: '9007199254740999', retweets: '6' },
    },
    unavailableTweetIds: [GONE],
    failed: [{ tweetIds: [FAILED], engagementTypes: ['favorites'], auth: 'bearer', status: 503, reason: 'down', retryable: true }],
  });
}

describe('exports', () => {
  it("CSV: X's words in the header, the posting time in UTC, every asked-for Tweet with its status", () => {
    const lines = toCsv(run()).trimEnd().split('\r\n');
    assert.deepEqual(lines, [
      'Tweet ID,Posted,Likes,Reposts,Status',
      `${A},2024-05-01T12:03:04.001Z,9007199254740993,2,ok`,
      `${B},2024-05-02T00:00:00.000Z,5,,ok`,
      `${C},2024-05-03T00:00:00.000Z,1,4,ok`,
      `${GONE},2024-05-04T00:00:00.000Z,,,unavailable`,
      `${FAILED},2024-05-05T00:00:00.000Z,,,failed`,
    ]);
  });

  it("JSON keeps the API's names (favorites, retweets): it is the API's own shape", () => {
    const json = JSON.parse(toJson(run()));
    assert.deepEqual(json.totals, { favorites: '9007199254740999', retweets: '6' });
    assert.deepEqual(json.unavailable_tweet_ids, [GONE]);
  });

  it('the shown rows: only those Tweets, in the order shown, with the type totals summed again from them', () => {
    const shown = restrictToTweets(run(), [C, A, '1790000000000000999']);
    assert.deepEqual(shown.query.tweetIds, [C, A], 'IDs the run did not ask for are ignored');
    assert.deepEqual(Object.keys(shown.groupings.perTweet), [C, A]);
    assert.deepEqual(shown.groupings.byType, { favorites: { [C]: '1', [A]: '9007199254740993' }, retweets: { [C]: '4', [A]: '2' } });
    assert.deepEqual(shown.groupings.totals, { favorites: '9007199254740994', retweets: '6' });
    assert.deepEqual(shown.unavailableTweetIds, []);
    assert.deepEqual(shown.failed, [], 'a failed batch with none of the shown Tweets is left out');
    assert.deepEqual(
      toCsv(shown)
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(',')[0]),
      ['Tweet ID', C, A],
    );
    const json = JSON.parse(toJson(shown));
    assert.deepEqual(Object.keys(json.perTweet), [C, A]);
    assert.equal(json.unavailable_tweet_ids.length, 0);
  });

  it('the shown rows keep the lists and failed batches of the Tweets they hold', () => {
    const shown = restrictToTweets(run(), [GONE, FAILED]);
    assert.deepEqual(shown.unavailableTweetIds, [GONE]);
    assert.deepEqual(
      shown.failed.map((f) => f.tweetIds),
      [[FAILED]],
    );
    assert.deepEqual(shown.groupings.totals, {}, 'no values among them: no totals');
  });

  it('without per-Tweet values an aggregate grouping cannot be summed again: it is left out, not copied whole', () => {
    const r = totalsResult({
      query: { tweetIds: [A, B], engagementTypes: ['favorites'], groupings: [{ name: 'totals', groupBy: ['engagement.type'] }] },
      groupings: { totals: { favorites: '10' } },
    });
    const shown = restrictToTweets(r, [A]);
    assert.deepEqual(shown.query.groupings, []);
    assert.deepEqual(shown.groupings, {});
  });
});
