// The results cache: newest first, bounded, persisted through the Memento, damaged entries dropped.
import * as assert from 'node:assert/strict';
import { RunStore } from '../../src/editor/runStore';
import { RunRecord } from '../../src/core/types';
import { memoryMemento } from './support/memento';
import { totalsResult } from '../support/results';

function run(id: string, n: number, finishedAt: string): RunRecord {
  const ids = Array.from({ length: n }, (_, i) => (1_900_000_000_000_000_000n + BigInt(i)).toString());
  const perTweet = Object.fromEntries(ids.map((t, i) => [t, { favorites: String(i) }]));
  return {
    id,
    profile: 'p',
    source: 's',
    result: totalsResult({
      query: { tweetIds: ids, engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet },
      finishedAt,
    }),
  };
}

describe('RunStore (results cache)', () => {
  it('keeps the newest runs within the run and Tweet bounds, and survives a reload', async () => {
    const memento = memoryMemento();
    const store = new RunStore(memento, 3, 250);
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.add(run('a', 100, '2026-11-01T00:00:00Z'));
    await store.add(run('b', 100, '2026-11-02T00:00:00Z'));
    await store.add(run('c', 100, '2026-11-03T00:00:00Z'));
    assert.deepEqual(store.runs().map((r) => r.id), ['c', 'b'], '300 Tweets > 250: the oldest run goes');
    assert.equal(changes, 3);
    assert.equal(store.lookup('1900000000000000005')?.latest.runId, 'c');
    assert.equal(store.lookup('1900000000000000005')?.previous?.runId, 'b');
    const reloaded = new RunStore(memento, 3, 250);
    assert.deepEqual(reloaded.runs().map((r) => r.id), ['c', 'b']);
    await reloaded.remove('c');
    assert.equal(reloaded.lookup('1900000000000000005')?.latest.runId, 'b');
    store.dispose();
    reloaded.dispose();
  });

  it('always keeps the newest run, even above the bound, and drops damaged stored entries', async () => {
    const memento = memoryMemento();
    await memento.update('xEngagement.runs.v1', [{ id: 'x' }, 42, null, run('ok', 1, '2026-11-01T00:00:00Z')]);
    const store = new RunStore(memento, 3, 10);
    assert.deepEqual(store.runs().map((r) => r.id), ['ok']);
    await store.add(run('big', 50, '2026-11-02T00:00:00Z'));
    assert.deepEqual(store.runs().map((r) => r.id), ['big']);
    store.dispose();
  });
});
