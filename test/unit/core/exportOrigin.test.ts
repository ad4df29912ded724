// Exports say where their numbers came from when the editor knows it: JSON `source_host` and
// `sandbox`, CSV two plain last columns (a spreadsheet opens it as before); without an origin
// (the CLI, older runs) they are as they were.
import * as assert from 'node:assert/strict';
import { toCsv, toJson } from '../../../src/core/export';
import { postedIso } from '../../../src/shared/format';
import { totalsResult } from '../../support/results';

const A = '1900000000000000001';
const result = totalsResult({
  query: { tweetIds: [A], engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
  groupings: { perTweet: { [A]: { favorites: '7' } } },
});
const totalsOnly = totalsResult({
  query: { tweetIds: [A], engagementTypes: ['favorites'], groupings: [{ name: 'totals', groupBy: ['engagement.type'] }] },
  groupings: { totals: { favorites: '7' } },
});
const P = postedIso(A);
const sandbox = { host: 'http://127.0.0.1:47210', sandbox: true };

describe('exports: where the numbers came from', () => {
  it('CSV: source_host and sandbox columns on every row, plain cells', () => {
    assert.equal(toCsv(result, sandbox), `Tweet ID,Posted,Likes,Status,source_host,sandbox\r\n${A},${P},7,ok,http://127.0.0.1:47210,true\r\n`);
    assert.equal(toCsv(result, { host: 'https://data-api.x.com', sandbox: false }).split('\r\n')[1], `${A},${P},7,ok,https://data-api.x.com,false`);
    assert.equal(toCsv(totalsOnly, sandbox), 'grouping,key1,key2,value,source_host,sandbox\r\ntotals,favorites,,7,http://127.0.0.1:47210,true\r\n');
  });
  it('JSON: source_host and sandbox fields beside the API shape', () => {
    const json = JSON.parse(toJson(result, sandbox)) as Record<string, unknown>;
    assert.equal(json.source_host, 'http://127.0.0.1:47210');
    assert.equal(json.sandbox, true);
    assert.deepEqual(json.perTweet, { [A]: { favorites: '7' } });
  });
  it('without an origin (CLI, older runs): the columns and fields as before', () => {
    assert.equal(toCsv(result), `Tweet ID,Posted,Likes,Status\r\n${A},${P},7,ok\r\n`);
    assert.ok(!('sandbox' in (JSON.parse(toJson(result)) as object)));
  });
});
