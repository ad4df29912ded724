// The results cache inside the extension host: newest first, bounded, runs kept as files
// under a directory (globalStorageUri/runs in the extension), never in globalState; the old
// globalState key moved to files once; a second store on the same directory (a second
// window) sees the first one's runs. The file-level rules are in test/unit/runCache.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LEGACY_RUNS_KEY, RunStore } from '../../src/platform/runStore';
import { INDEX_FILE, nodeRunFiles, RunFiles, runFileName } from '../../src/core/runFiles';
import { RunRecord } from '../../src/core/types';
import { memoryMemento } from './support/memento';
import { totalsResult } from '../support/results';
import { waitUntil } from '../support/wait';

function run(id: string, n: number, finishedAt: string, first = 1_900_000_000_000_000_000n): RunRecord {
  const ids = Array.from({ length: n }, (_, i) => (first + BigInt(i)).toString());
  const perTweet = Object.fromEntries(ids.map((t, i) => [t, { favorites: String(i), retweets: String(i % 97) }]));
  return {
    id,
    profile: 'p',
    source: 's',
    result: totalsResult({
      query: { tweetIds: ids, engagementTypes: ['favorites', 'retweets'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet },
      finishedAt,
    }),
  };
}

/** Bytes of everything in the Memento, as VS Code would serialise it. */
function mementoBytes(memento: ReturnType<typeof memoryMemento>): number {
  return memento.keys().reduce((n, k) => n + k.length + Buffer.byteLength(JSON.stringify(memento.get(k))), 0);
}

describe('RunStore (results cache)', () => {
  it('without a directory to move them to (runs in memory only), the old key and its runs stay where they are', async () => {
    const memento = memoryMemento();
    const old = [run('old-1', 2, '2026-11-01T00:00:00Z')];
    await memento.update(LEGACY_RUNS_KEY, old);
    const store = new RunStore(memento, { migrate: false });
    await store.loaded;
    assert.deepEqual(memento.get(LEGACY_RUNS_KEY), old, 'not cleared: the window would take its runs away');
    store.dispose();
  });

  it('keeps the newest runs within the run and Tweet bounds', async () => {
    const store = new RunStore(memoryMemento(), { maxRuns: 3, maxTweets: 250 });
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.add(run('a', 100, '2026-11-01T00:00:00Z'));
    await store.add(run('b', 100, '2026-11-02T00:00:00Z'));
    await store.add(run('c', 100, '2026-11-03T00:00:00Z'));
    assert.deepEqual(
      store.runs().map((r) => r.id),
      ['c', 'b'],
      '300 Tweets > 250: the oldest run goes',
    );
    assert.equal(changes, 3);
    assert.equal(store.lookup('1900000000000000005')?.latest.runId, 'c');
    assert.equal(store.lookup('1900000000000000005')?.previous?.runId, 'b');
    await store.remove('c');
    assert.equal(store.lookup('1900000000000000005')?.latest.runId, 'b');
    await store.add(run('big', 500, '2026-11-04T00:00:00Z'));
    assert.deepEqual(
      store.runs().map((r) => r.id),
      ['big'],
      'the newest run is kept even above the bound',
    );
    store.dispose();
  });

  describe('on disk', () => {
    let dir: string;
    const stores: RunStore[] = [];
    const open = async (memento: ReturnType<typeof memoryMemento>, files: RunFiles = nodeRunFiles(dir), watch = false) => {
      const store = new RunStore(memento, { files, watch });
      stores.push(store);
      await store.loaded;
      return store;
    };
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runstore-'));
    });
    afterEach(() => {
      stores.splice(0).forEach((s) => s.dispose());
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('moves the old globalState runs to files once; with 200,000 cached Tweets globalState stays under 10 KB and a hover run writes only its file and the index', async function () {
      this.timeout(120_000);
      const memento = memoryMemento();
      await memento.update('xEngagement.profiles', ['Sandbox', 'work']); // what else lives there: small things
      const old = Array.from({ length: 4 }, (_, k) =>
        run(`2026-11-0${k + 1}T00:00:00.000Z#00${k}`, 10_000, `2026-11-0${k + 1}T00:00:00Z`, 1_900_000_000_000_000_000n + BigInt(k * 10_000)),
      );
      await memento.update(LEGACY_RUNS_KEY, old);
      assert.ok(mementoBytes(memento) > 1_000_000, 'the old layout: megabytes in globalState');

      const store = await open(memento);
      assert.equal(memento.get(LEGACY_RUNS_KEY), undefined, 'the old key is gone');
      assert.deepEqual(
        store.runs().map((r) => r.id),
        old.map((r) => r.id).reverse(),
      );
      for (let k = 4; k < 20; k++)
        await store.add(run(`2026-11-${10 + k}T00:00:00.000Z#0${k}`, 10_000, `2026-11-${10 + k}T00:00:00Z`, 1_900_000_000_000_000_000n + BigInt(k * 10_000)));
      assert.equal(
        store.runs().reduce((n, r) => n + r.result.query.tweetIds.length, 0),
        200_000,
      );
      assert.ok(store.lookup('1900000000000000007')?.latest);
      const bytes = mementoBytes(memento);
      assert.ok(bytes < 10 * 1024, `globalState holds ${bytes} bytes`);

      // A hover auto-fetch's run: its own file and the index, nothing rewritten whole.
      const writes: string[] = [];
      const base = nodeRunFiles(dir);
      const counted: RunFiles = { ...base, write: (name, text) => (writes.push(name), base.write(name, text)) };
      const second = await open(memento, counted);
      assert.equal(second.runs().length, 20, 'reloaded from disk');
      const hoverRun = run('2026-11-30T00:00:00.000Z#999', 1, '2026-11-30T00:00:00Z', 1_900_000_000_000_999_999n);
      await second.add(hoverRun);
      assert.deepEqual(writes, [runFileName(hoverRun.id), INDEX_FILE], 'loading wrote nothing; the add wrote its run and the index');
      assert.ok(mementoBytes(memento) < 10 * 1024);

      // Started again with the key absent: nothing migrated a second time.
      await second.remove(old[0].id);
      const third = await open(memento);
      assert.ok(!third.get(old[0].id), 'a migrated run, once removed, does not come back');
    });

    it('a damaged run file is skipped and the rest kept; a second store on the directory (a second window) sees new runs', async () => {
      const first = await open(memoryMemento(), nodeRunFiles(dir), true);
      await first.add(run('kept', 2, '2026-11-01T00:00:00Z'));
      await first.add(run('torn', 2, '2026-11-02T00:00:00Z'));
      fs.writeFileSync(path.join(dir, runFileName('torn')), '{"id":"torn","res');
      const second = await open(memoryMemento(), nodeRunFiles(dir), true);
      assert.deepEqual(
        second.runs().map((r) => r.id),
        ['kept'],
      );
      await first.add(run('new', 2, '2026-11-03T00:00:00Z', 1_900_000_000_000_000_100n));
      await waitUntil('the second window to see the new run', () => !!second.get('new'));
      assert.equal(second.lookup('1900000000000000101')?.latest.runId, 'new');
    });
  });
});
