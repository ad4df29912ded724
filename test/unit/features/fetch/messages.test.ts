// The fetch feature's words, as pure functions: what a user reads after a run, while it runs and
// when files were skipped. Untrusted text (file names, server reasons) arrives neutralised.
import { strict as assert } from 'node:assert';
import { fallbackMessage, formatSize, noIdsMessage, progressTitle, runReport, skippedFilesMessage } from '../../../../src/features/fetch/messages';
import { seriesResult, totalsResult } from '../../../support/results';

const query = (n: number) => ({
  tweetIds: Array.from({ length: n }, (_, i) => String(1_000_000_000_000_000n + BigInt(i))),
  engagementTypes: ['favorites' as const],
  groupings: [],
});

describe('fetch messages', () => {
  it('reports a clean run on the status bar, with what was left out', () => {
    const r = runReport(totalsResult({ query: query(3), groupings: {}, unavailableTweetIds: ['1000000000000000001'] }));
    assert.equal(r.severity, 'info');
    assert.equal(r.message, '$(check) X Engagement: totals for 3 Tweets (1 unavailable)');
    assert.deepEqual(r.actions, []);
  });

  it('reports failed batches as a warning with Retry, a 401 as an error that offers Set credentials, and neutralises the reason', () => {
    const failed = (status: number, reason: string) => [
      { tweetIds: query(2).tweetIds, engagementTypes: ['favorites' as const], auth: 'bearer' as const, reason, status, retryable: true },
    ];
    const w = runReport(totalsResult({ query: query(5), groupings: {}, failed: failed(503, 'Service Unavailable') }));
    assert.equal(w.severity, 'warning');
    assert.equal(w.message, 'Got totals for 3 of 5 Tweets; 1 batch failed: Service Unavailable');
    assert.deepEqual(w.actions, ['Retry failed batches', 'Open log']);
    const e = runReport(totalsResult({ query: query(2), groupings: {}, failed: failed(401, '[Click](command:x.y)'), cancelled: false }));
    assert.equal(e.severity, 'error');
    assert.deepEqual(e.actions, ['Set credentials', 'Retry failed batches', 'Open log']);
    assert.ok(!/\]\(command:/.test(e.message), e.message);
    const c = runReport(totalsResult({ query: query(5), groupings: {}, failed: failed(0, 'cancelled'), cancelled: true }));
    assert.match(c.message, /^Cancelled: kept totals for 3 of 5 Tweets; 1 batch not fetched/);
  });

  it('words a time series as such: not-owned Tweets counted without the totals-only note, a failed window as a batch', () => {
    const series = (over: Record<string, unknown>) =>
      seriesResult({ query: { endpoint: '28hr', tweetIds: query(4).tweetIds, engagementTypes: ['impressions'], groupings: {} }, groupings: {}, start: '', end: '', ...over });
    const ok = runReport(series({ forbiddenTweetIds: [query(4).tweetIds[3]] }), 'series');
    assert.equal(ok.message, '$(check) X Engagement: time series for 4 Tweets (1 not owned by the user)');
    const w = runReport(
      series({ failed: [{ tweetIds: query(4).tweetIds.slice(0, 2), start: '2024-05-01T00:00:00Z', end: '2024-05-29T00:00:00Z', status: 503, reason: 'Busy', retryable: true }] }),
      'series',
    );
    assert.equal(w.message, 'Got time series for 2 of 4 Tweets; 1 batch failed: Busy');
    const ids = query(4).tweetIds;
    assert.equal(
      progressTitle({ endpoint: '28hr', tweetIds: ids, engagementTypes: ['impressions'], groupings: {} }),
      'Fetching engagement time series (last 28 hours) for 4 Tweets',
    );
    assert.equal(
      progressTitle(
        { endpoint: 'historical', tweetIds: ids.slice(0, 1), engagementTypes: ['impressions'], groupings: {}, start: '2024-05-01T00:00:00Z' },
        { duplicates: 2, invalid: 0 },
      ),
      'Fetching engagement time series for 1 Tweet (from 2024-05-01, 2 duplicates)',
    );
    // A cached query's start (a stored run refreshed) goes into the notification as plain text.
    const hostile = progressTitle({ endpoint: 'historical', tweetIds: ids, engagementTypes: ['impressions'], groupings: {}, start: '[x](y)\u202e\n' });
    assert.doesNotMatch(hostile, /\[x\]\(y\)|\u202e|\n/);
  });

  it('titles progress with the count and what the finder skipped', () => {
    assert.equal(progressTitle(query(1)), 'Fetching engagement totals for 1 Tweet');
    assert.equal(progressTitle(query(1234), { duplicates: 2, invalid: 0 }), 'Fetching engagement totals for 1,234 Tweets (2 duplicates)');
    assert.equal(progressTitle(query(2), { duplicates: 1, invalid: 3 }), 'Fetching engagement totals for 2 Tweets (1 duplicate, 3 invalid skipped)');
  });

  it('says why no IDs were found without letting a file name become a link', () => {
    const m = noIdsMessage({ source: '[Re-scan](command:evil).txt', duplicates: 0, invalid: 2 });
    assert.match(m, /^No Tweet IDs found in .*Re-scan.* \(2 long numbers were not valid Tweet IDs\)\. Tweet IDs are 15–19 digit/);
    assert.ok(!/\]\(command:/.test(m), m);
  });

  it('lists skipped files with the advice that fits', () => {
    assert.equal(
      skippedFilesMessage([{ name: 'fifo', kind: 'not-regular', why: 'a named pipe (FIFO), not a regular file' }]),
      'Skipped 1 file: fifo (a named pipe (FIFO), not a regular file). Only regular files are read.',
    );
    const m = skippedFilesMessage([
      { name: 'big.json', kind: 'too-large', why: '300 MB, over the 256 MB limit per file' },
      { name: 'grow.log', kind: 'truncated', why: 'grew' },
    ]);
    assert.match(m, /^Skipped or cut short 2 files: big\.json .*; grow\.log \(grew\)\. For larger exports use the command line/);
  });

  it('sizes files in bytes, KB and MB', () => {
    assert.deepEqual(
      [formatSize(512), formatSize(2048), formatSize(1.5 * 1024 * 1024), formatSize(256 * 1024 * 1024), formatSize(12.4 * 1024 * 1024)],
      ['512 bytes', '2 KB', '1.5 MB', '256 MB', '12 MB'],
    );
  });
});

describe('the Bearer fallback message', () => {
  it('names the refused credentials, what was fetched and what was skipped, as plain text', () => {
    const m = fallbackMessage('brand [x](command:evil)', { skipped: ['impressions', 'engagements'], reason: '401 Invalid signature' });
    assert.match(
      m,
      /^The OAuth 1\.0a credentials of "brand .*" were refused \(401 Invalid signature\)\. Fetched the public metrics with the profile's Bearer token instead; Impressions and Engagements were skipped\./,
    );
    assert.ok(!/\]\(command:/.test(m), m);
  });
});
