// The Results tree's provider inside a real extension host: runs newest first, groupings
// and their levels in group_by order, values with exact digits, sections, paging.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunRecord, TotalsResult } from '../../src/core/types';
import { RunStore } from '../../src/platform/runStore';
import { ResultNode, ResultsTreeProvider, SHOW_MORE_COMMAND } from '../../src/features/results/resultsTree';
import { runIdOf } from '../../src/commands';
import { runLabel } from '../../src/shared/format';
import { memoryMemento } from './support/memento';
import { postedLabel } from '../../src/shared/format';
import { snowflakeAt } from '../../src/shared/tweetId';

const A = '1790000000000000001';
const B = '1790000000000000002';
const BIG = '9007199254740993'; // 2^53 + 1: a number would lose the last digit

function result(over: Partial<TotalsResult> = {}): TotalsResult {
  return {
    query: {
      tweetIds: [A, B, '1790000000000000003', '1790000000000000004', '1790000000000000005', '1790000000000000006', '1790000000000000007'],
      engagementTypes: ['favorites', 'retweets', 'impressions', 'video_views'],
      groupings: [
        { name: 'perTweet <b>', groupBy: ['tweet.id', 'engagement.type'] },
        { name: 'byType', groupBy: ['engagement.type', 'tweet.id'] },
        { name: 'totals', groupBy: ['engagement.type'] },
      ],
    },
    groupings: {
      'perTweet <b>': { [A]: { favorites: BIG, retweets: '2' }, [B]: { favorites: '1234' } },
      byType: { favorites: { [A]: BIG, [B]: '1234' }, retweets: { [A]: '2' } },
      totals: { favorites: '9007199254742227', retweets: '2' },
    },
    unavailableTweetIds: ['1790000000000000003'],
    unsupportedForImpressionsEngagementsTweetIds: [A, B],
    unsupportedForVideoViewsTweetIds: ['1790000000000000004'],
    forbiddenTweetIds: ['1790000000000000005'],
    failed: [
      { tweetIds: ['1790000000000000006', '1790000000000000007'], engagementTypes: ['favorites'], auth: 'bearer', status: 503, reason: 'Service unavailable', retryable: true },
    ],
    errors: [],
    startedAt: '2024-06-01T10:00:00.000Z',
    finishedAt: '2024-06-01T10:00:01.000Z',
    requests: 3,
    cancelled: false,
    ...over,
  };
}

const run = (id: string, r: TotalsResult, profile = 'work'): RunRecord => ({ id, profile, source: 'ids.csv', result: r });

function setup() {
  const store = new RunStore(memoryMemento());
  const provider = new ResultsTreeProvider(store);
  const kids = (n?: ResultNode) => provider.getChildren(n) as ResultNode[];
  const item = (n: ResultNode) => provider.getTreeItem(n) as vscode.TreeItem;
  const label = (n: ResultNode) => String(item(n).label);
  const find = (nodes: ResultNode[], text: string) => {
    const n = nodes.find((x) => label(x) === text || label(x).startsWith(text));
    assert.ok(n, `no "${text}" in ${nodes.map(label).join(' | ')}`);
    return n;
  };
  return { store, provider, kids, item, label, find };
}

describe('Results tree', () => {
  it('lists runs newest first with description, tooltip, contextValue and expansion', async () => {
    const { store, provider, kids, item } = setup();
    await store.add(run('new', result({ startedAt: '2024-06-02T10:00:00.000Z', cancelled: true }), 'personal'));
    await store.add(run('old', result({ failed: [] }))); // added last, but older
    const runs = kids();
    assert.deepEqual(
      runs.map((r) => r.runId),
      ['new', 'old'],
    );
    const newest = item(runs[0]);
    assert.equal(newest.contextValue, 'run');
    assert.match(String(newest.description), /^7 Tweets · personal · ⚠ 2 failed · cancelled$/);
    assert.match(String(newest.tooltip), /Source: ids\.csv[\s\S]*Requests: 3/);
    assert.match(String(newest.tooltip), /Tweets asked for: 7$/m, 'no finder counts known: none shown');
    await store.add({ ...run('counted', result({ startedAt: '2024-06-03T10:00:00.000Z' })), found: { duplicates: 1200, invalid: 1 } });
    assert.match(String(item(kids()[0]).tooltip), /Tweets asked for: 7 \(also found: 1,200 duplicates, 1 invalid skipped\)/);
    await store.remove('counted');
    assert.equal(newest.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(item(runs[1]).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(item(runs[1]).description, '7 Tweets · work');
    assert.ok(newest.accessibilityInformation?.label.includes('7 Tweets'));
    assert.ok(newest.iconPath instanceof vscode.ThemeIcon);
    assert.equal(newest.label, runLabel('ids.csv', '2024-06-02T10:00:00.000Z'), 'labelled by source and time');
    await store.add({ ...run('sandboxed', result({ startedAt: '2024-06-03T10:00:00.000Z' }), 'brand'), host: 'http://127.0.0.1:47210', sandbox: true });
    const sandboxed = item(kids()[0]);
    assert.equal(sandboxed.description, '7 Tweets · brand · Sandbox · ⚠ 2 failed');
    assert.match(String(sandboxed.tooltip), /Sandbox: made-up numbers[\s\S]*Host: http:\/\/127\.0\.0\.1:47210/);
    await store.remove('sandboxed');
    assert.equal(runIdOf(runs[0]), 'new');
    assert.equal(runIdOf('x'), 'x');
    assert.equal(runIdOf([runs[1]]), 'old');
    assert.equal(runIdOf(undefined), undefined);
    provider.dispose();
  });

  it('shows groupings, then sections with counts', async () => {
    const { store, kids, item, label } = setup();
    await store.add(run('r', result()));
    const children = kids(kids()[0]);
    assert.deepEqual(children.map(label), [
      'perTweet <b>',
      'byType',
      'totals',
      'Unavailable (1)',
      'No impressions/engagements (2)',
      'No video views (1)',
      'Forbidden (1)',
      'Failed batches (1)',
    ]);
    assert.equal(item(children[0]).description, 'tweet.id → engagement.type');
    assert.equal(item(children[2]).description, 'engagement.type');
    assert.equal(item(children[7]).contextValue, 'failed');
    for (const c of children) assert.equal(c.runId, 'r');
  });

  it('walks tweet.id → engagement.type → value with exact digits', async () => {
    const { store, kids, item, label, find, provider } = setup();
    await store.add(run('r', result()));
    const [perTweet] = kids(kids()[0]);
    const tweets = kids(perTweet);
    assert.deepEqual(tweets.map(label), [A, B]);
    assert.equal(item(tweets[0]).contextValue, 'tweet');
    assert.equal(item(tweets[0]).command, undefined);
    assert.equal(tweets[0].tweetId, A);
    const values = kids(tweets[0]);
    assert.deepEqual(values.map(label), ['Likes: 9,007,199,254,740,993', 'Reposts: 2'], "X's words, as the panel and hovers say them");
    const fav = find(values, 'Likes');
    assert.match(String(item(fav).tooltip), /^Likes \(API: favorites\) of Tweet \d+: 9,007,199,254,740,993$/);
    assert.equal(fav.value, BIG);
    assert.equal(fav.tweetId, A);
    assert.equal(item(fav).contextValue, 'tweet value');
    assert.equal(item(fav).collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.equal(item(fav).accessibilityInformation?.label, `Likes ${BIG} for Tweet ${A}`);
    // getParent leads back to the run
    assert.equal(provider.getParent(fav), tweets[0]);
    assert.equal(provider.getParent(tweets[0]), perTweet);
    assert.equal(provider.getParent(perTweet)?.kind, 'run');
  });

  it('Tweet nodes say when the Tweet was posted, and offer Reveal in file when the run knows its files', async () => {
    const { store, kids, item } = setup();
    const id = snowflakeAt(new Date(2024, 4, 1, 14, 3).getTime());
    const r = result({
      query: { tweetIds: [id], engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet: { [id]: { favorites: '1' } } },
      unavailableTweetIds: [A],
    });
    await store.add({ ...run('files', r), sourceUris: ['file:///w/report.md'] });
    await store.add(run('nofiles', { ...r, startedAt: '2024-05-01T00:00:00.000Z' }));
    const [withFiles, without] = kids();
    const tweet = kids(kids(withFiles)[0])[0];
    assert.equal(item(tweet).contextValue, 'tweet revealable');
    assert.equal(item(tweet).tooltip, `Tweet ${id}\nPosted 2024-05-01 14:03 (local time)`);
    assert.equal(item(kids(kids(without)[0])[0]).contextValue, 'tweet');
    // An ID in a section: the time on the line (pre-snowflake IDs have none).
    const unavailable = kids(kids(withFiles).find((n) => n.kind === 'section')!)[0];
    assert.equal(item(unavailable).contextValue, 'tweet revealable');
    assert.equal(item(unavailable).description, postedLabel(A) || undefined);
  });

  it('walks engagement.type → tweet.id → value, and engagement.type → value', async () => {
    const { store, kids, item, label, find } = setup();
    await store.add(run('r', result()));
    const groupings = kids(kids()[0]);
    const favorites = find(kids(find(groupings, 'byType')), 'Likes');
    assert.equal(item(favorites).tooltip, 'Likes (API name: favorites)');
    assert.equal(item(favorites).description, '2 Tweets');
    const leaves = kids(favorites);
    assert.deepEqual(leaves.map(label), [`${A}: 9,007,199,254,740,993`, `${B}: 1,234`]);
    assert.equal(item(leaves[1]).contextValue, 'tweet value');
    assert.equal(leaves[1].tweetId, B);
    assert.equal(leaves[1].value, '1234');

    const totals = kids(find(groupings, 'totals'));
    assert.deepEqual(totals.map(label), ['Likes: 9,007,199,254,742,227', 'Reposts: 2']);
    assert.equal(item(totals[0]).contextValue, 'value');
    assert.equal(totals[0].tweetId, undefined);
  });

  it('lists section IDs as tweet nodes and failed batches with count and reason', async () => {
    const { store, kids, item, label, find } = setup();
    await store.add(run('r', result()));
    const sections = kids(kids()[0]);
    const unavailable = kids(find(sections, 'Unavailable'));
    assert.deepEqual(unavailable.map(label), ['1790000000000000003']);
    assert.equal(item(unavailable[0]).contextValue, 'tweet');
    const batches = kids(find(sections, 'Failed batches'));
    assert.equal(batches.length, 1);
    assert.equal(label(batches[0]), '2 Tweets');
    assert.match(String(item(batches[0]).description), /503.*Service unavailable/);
    assert.deepEqual(
      kids(batches[0]).map((n) => n.tweetId),
      ['1790000000000000006', '1790000000000000007'],
    );
    assert.equal(batches[0].runId, 'r');
  });

  it('pages a level of 2,500 Tweets by 1,000 behind "Show more…"', async () => {
    const { store, kids, item, label, provider } = setup();
    const ids = Array.from({ length: 2500 }, (_, i) => (1_790_000_000_000_000_000n + BigInt(i)).toString());
    const perTweet: Record<string, Record<string, string>> = {};
    for (const id of ids) perTweet[id] = { favorites: '1' };
    await store.add(
      run(
        'big',
        result({ query: { tweetIds: ids, engagementTypes: ['favorites'], groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }] }, groupings: { p: perTweet } }),
      ),
    );
    const grouping = kids(kids()[0])[0];
    let page = kids(grouping);
    assert.equal(page.length, 1001);
    const more = page[1000];
    assert.equal(label(more), 'Show more…');
    assert.equal(item(more).command?.command, SHOW_MORE_COMMAND);
    const fired: (ResultNode | undefined)[] = [];
    const sub = provider.onDidChangeTreeData((n) => fired.push(n ?? undefined));
    provider.showMore(more);
    assert.equal(fired[0], grouping, 'refreshes the paged node itself');
    page = kids(grouping);
    assert.equal(page.length, 2001);
    provider.showMore(page[2000]);
    page = kids(grouping);
    assert.equal(page.length, 2500);
    assert.equal(label(page[2499]), ids[2499]);
    sub.dispose();
  });

  it('refreshes when the store changes, and forgets removed runs', async () => {
    const { store, kids, provider } = setup();
    let fired = 0;
    const sub = provider.onDidChangeTreeData(() => fired++);
    await store.add(run('r', result()));
    assert.equal(fired, 1);
    const node = provider.runNode('r');
    assert.ok(node);
    assert.equal(kids()[0], node, 'runNode returns the object the view holds');
    await store.remove('r');
    assert.deepEqual(kids(), []);
    assert.deepEqual(kids(node), []);
    sub.dispose();
  });
});
