// The results cache's storage in plain Node on a temp directory: one file per run written
// atomically plus an index, damaged files skipped, a second store on the same directory (a
// second window) kept in step, concurrent writers never losing runs, the old key moved once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LegacyRuns, RunCache, RunCacheOptions } from '../../../src/core/runCache';
import { INDEX_FILE, nodeRunFiles, RunFiles, runFileName } from '../../../src/core/runFiles';
import { Logger, MAX_SOURCE_URIS, RunRecord } from '../../../src/core/types';
import { totalsResult } from '../../support/results';
import { waitUntil } from '../../support/wait';

function run(id: string, n: number, startedAt: string, first = 1_900_000_000_000_000_000n): RunRecord {
  const ids = Array.from({ length: n }, (_, i) => (first + BigInt(i)).toString());
  const perTweet = Object.fromEntries(ids.map((t, i) => [t, { favorites: String(i) }]));
  return {
    id,
    profile: 'p',
    source: 's',
    result: totalsResult({
      query: { tweetIds: ids, engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet },
      startedAt,
      finishedAt: startedAt,
    }),
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  return { lines, trace: push, info: push, warn: push, error: push };
}

/** Counts the writes that reach the directory. */
function counting(files: RunFiles): RunFiles & { writes: string[] } {
  const writes: string[] = [];
  return { ...files, writes, write: (name, text) => (writes.push(name), files.write(name, text)) };
}

describe('RunCache on disk', () => {
  let dir: string;
  const caches: RunCache[] = [];
  const open = async (options: Partial<RunCacheOptions> = {}) => {
    const cache = new RunCache({ files: nodeRunFiles(dir), ...options });
    caches.push(cache);
    await cache.loaded;
    return cache;
  };
  const runFilesOnDisk = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('run-'))
      .sort();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runcache-'));
  });
  afterEach(() => {
    caches.splice(0).forEach((c) => c.dispose());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names run files safely and uniquely from IDs holding ":" and "#"', () => {
    const a = runFileName('2026-11-30T13:25:45.123Z#001');
    assert.match(a, /^run-[A-Za-z0-9_-]+\.json$/);
    assert.notEqual(runFileName('A'), runFileName('a'));
    assert.notEqual(runFileName('x:1'), runFileName('x#1'));
    assert.match(runFileName('../../etc/passwd'), /^run-[A-Za-z0-9_-]+\.json$/);
  });

  it('keeps each run in its own file plus an index; a new run writes only its file and the index', async () => {
    const files = counting(nodeRunFiles(dir));
    const cache = await open({ files });
    await cache.add(run('2026-11-01T00:00:00.000Z#001', 100, '2026-11-01T00:00:00.000Z'));
    await cache.add(run('2026-11-02T00:00:00.000Z#002', 100, '2026-11-02T00:00:00.000Z'));
    files.writes.length = 0;
    const hoverRun = run('2026-11-03T00:00:00.000Z#003', 1, '2026-11-03T00:00:00.000Z', 1_900_000_000_000_000_500n);
    await cache.add(hoverRun);
    assert.deepEqual(files.writes, [runFileName(hoverRun.id), INDEX_FILE]);
    assert.equal(runFilesOnDisk().length, 3);
    assert.ok(!fs.readdirSync(dir).some((f) => f.endsWith('.tmp')), 'no temp files left');
    const index = JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8'));
    assert.deepEqual(
      index.runs.map((r: { id: string; tweets: number }) => [r.id, r.tweets]),
      [
        [hoverRun.id, 1],
        ['2026-11-02T00:00:00.000Z#002', 100],
        ['2026-11-01T00:00:00.000Z#001', 100],
      ],
    );
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, runFileName(hoverRun.id)), 'utf8')), hoverRun);
  });

  it('reloads the same runs from disk; a dropped or removed run deletes its file', async () => {
    const cache = await open({ maxRuns: 3, maxTweets: 250 });
    await cache.add(run('a', 100, '2026-11-01T00:00:00.000Z'));
    await cache.add(run('b', 100, '2026-11-02T00:00:00.000Z'));
    await cache.add(run('c', 100, '2026-11-03T00:00:00.000Z'));
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      ['c', 'b'],
      '300 Tweets > 250: the oldest run goes',
    );
    assert.deepEqual(runFilesOnDisk(), [runFileName('b'), runFileName('c')].sort());
    const reloaded = await open({ maxRuns: 3, maxTweets: 250 });
    assert.deepEqual(reloaded.runs(), cache.runs());
    assert.equal(reloaded.lookup('1900000000000000005')?.latest.runId, 'c');
    assert.equal(reloaded.lookup('1900000000000000005')?.previous?.runId, 'b');
    await reloaded.remove('c');
    assert.deepEqual(runFilesOnDisk(), [runFileName('b')]);
    assert.equal(reloaded.lookup('1900000000000000005')?.latest.runId, 'b');
  });

  it('skips a damaged run file with a log line and keeps the rest; rebuilds a damaged index', async () => {
    const first = await open();
    await first.add(run('good', 3, '2026-11-01T00:00:00.000Z'));
    await first.add(run('bad-json', 3, '2026-11-02T00:00:00.000Z'));
    await first.add(run('bad-shape', 3, '2026-11-03T00:00:00.000Z'));
    first.dispose();
    fs.writeFileSync(path.join(dir, runFileName('bad-json')), '{"id": "bad-json", "result": {'); // torn
    fs.writeFileSync(path.join(dir, runFileName('bad-shape')), JSON.stringify({ id: 'bad-shape', result: 42 }));
    fs.writeFileSync(path.join(dir, runFileName('elsewhere')), JSON.stringify(run('other', 1, '2026-11-04T00:00:00.000Z'))); // ID ≠ name
    fs.writeFileSync(path.join(dir, 'notes \u001b[31m.json'), 'not ours'); // not a run file: ignored, not logged
    fs.writeFileSync(path.join(dir, INDEX_FILE), 'garbage');
    const logger = recordingLogger();
    const cache = await open({ logger });
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      ['good'],
    );
    assert.equal(logger.lines.filter((l) => /skipped the damaged file/.test(l)).length, 3, logger.lines.join('\n'));
    assert.ok(
      logger.lines.some((l) => /index.*rebuilt/.test(l)),
      logger.lines.join('\n'),
    );
    assert.ok(!logger.lines.some((l) => l.includes('notes') || l.includes('\u001b')), 'names not ours are not echoed');
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')).runs.map((r: { id: string }) => r.id),
      ['good'],
    );
  });

  it('a second store on the same directory (another window) sees added and removed runs', async () => {
    const a = await open({ watch: true, watchDelayMs: 20 });
    const b = await open({ watch: true, watchDelayMs: 20 });
    let changes = 0;
    b.onDidChange(() => changes++);
    await a.add(run('from-a', 2, '2026-11-01T00:00:00.000Z'));
    await waitUntil('b to see from-a', () => !!b.get('from-a'));
    assert.equal(b.lookup('1900000000000000001')?.latest.runId, 'from-a');
    assert.ok(changes >= 1);
    const refreshed = run('from-a', 2, '2026-11-01T00:00:00.000Z', 1_900_000_000_000_000_000n);
    refreshed.result.groupings.perTweet = { '1900000000000000001': { favorites: '77' } };
    await a.replace(refreshed);
    await waitUntil('b to see the refreshed run', () => b.lookup('1900000000000000001')?.latest.metrics.favorites === '77');
    await a.remove('from-a');
    await waitUntil('b to see from-a gone', () => !b.get('from-a'));
    assert.equal(b.lookup('1900000000000000001'), undefined);
  });

  it('two windows adding at once keep both runs, in memory, on disk and in the index', async () => {
    const a = await open({ watch: true, watchDelayMs: 20 });
    const b = await open({ watch: true, watchDelayMs: 20 });
    await Promise.all([a.add(run('from-a', 2, '2026-11-01T00:00:00.000Z')), b.add(run('from-b', 2, '2026-11-02T00:00:00.000Z'))]);
    await waitUntil('both stores to hold both runs', () => [a, b].every((s) => !!s.get('from-a') && !!s.get('from-b')));
    assert.deepEqual(runFilesOnDisk(), [runFileName('from-a'), runFileName('from-b')].sort());
    const indexIds = () => JSON.parse(fs.readFileSync(path.join(dir, INDEX_FILE), 'utf8')).runs.map((r: { id: string }) => r.id);
    await waitUntil('the index to list both', () => indexIds().length === 2);
    assert.deepEqual(indexIds(), ['from-b', 'from-a']);
  });

  it('moves the runs of the old globalState key to files once, then deletes the key', async () => {
    let stored: unknown = [{ id: 'x' }, 42, null, run('old-1', 2, '2026-11-01T00:00:00.000Z'), run('old-2', 2, '2026-11-02T00:00:00.000Z')];
    let clears = 0;
    const legacy: LegacyRuns = { read: () => stored, clear: async () => void ((stored = undefined), clears++) };
    const cache = await open({ legacy });
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      ['old-2', 'old-1'],
      'damaged entries dropped',
    );
    assert.equal(stored, undefined);
    assert.equal(clears, 1);
    assert.equal(runFilesOnDisk().length, 2);
    await cache.remove('old-1');
    const again = await open({ legacy });
    assert.deepEqual(
      again.runs().map((r) => r.id),
      ['old-2'],
      'not migrated a second time',
    );
    assert.equal(clears, 1);
  });

  it('a run it cannot write stays in memory for the session, with a log line', async () => {
    const logger = recordingLogger();
    const broken: RunFiles = { ...nodeRunFiles(dir), write: async () => Promise.reject(Object.assign(new Error('no space at /secret/path'), { code: 'ENOSPC' })) };
    const cache = await open({ files: broken, logger });
    await cache.add(run('r', 2, '2026-11-01T00:00:00.000Z'));
    assert.equal(cache.get('r')?.id, 'r');
    assert.ok(
      logger.lines.some((l) => /could not save run r \(ENOSPC\)/.test(l)),
      logger.lines.join('\n'),
    );
    assert.ok(!logger.lines.some((l) => l.includes('/secret/path')));
  });

  it('skips a run file whose numbers are not counts or whose lists are missing (a file changed outside the extension)', async () => {
    const first = await open();
    await first.add(run('good', 2, '2026-11-01T00:00:00.000Z'));
    first.dispose();
    const textInCounts = run('text', 2, '2026-11-02T00:00:00.000Z');
    textInCounts.result.groupings.perTweet = { '1900000000000000001': { favorites: '[x](command:evil)' } };
    const noLists = run('nolists', 2, '2026-11-03T00:00:00.000Z') as unknown as { result: Record<string, unknown> };
    delete noLists.result.unavailableTweetIds;
    const textInFound = { ...run('badfound', 2, '2026-11-04T00:00:00.000Z'), found: { duplicates: '<b>2</b>', invalid: 0 } };
    const counted = { ...run('counted', 2, '2026-11-05T00:00:00.000Z'), found: { duplicates: 3, invalid: 1 } };
    fs.writeFileSync(path.join(dir, runFileName('text')), JSON.stringify(textInCounts));
    fs.writeFileSync(path.join(dir, runFileName('nolists')), JSON.stringify(noLists));
    fs.writeFileSync(path.join(dir, runFileName('badfound')), JSON.stringify(textInFound));
    fs.writeFileSync(path.join(dir, runFileName('counted')), JSON.stringify(counted));
    const logger = recordingLogger();
    const cache = await open({ logger });
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      ['counted', 'good'],
    );
    assert.deepEqual(cache.get('counted')?.found, { duplicates: 3, invalid: 1 }, 'the finder counts come back with the run');
    assert.equal(logger.lines.filter((l) => /skipped the damaged file/.test(l)).length, 3, logger.lines.join('\n'));
  });

  it('keeps the source files of a run for Reveal in file, and skips a run whose list of them is not a short list of URIs', async () => {
    const first = await open();
    await first.add({ ...run('files', 2, '2026-11-01T00:00:00.000Z'), sourceUris: ['file:///w/a.md', 'untitled:Untitled-1'] });
    first.dispose();
    const notUris = { ...run('noturi', 2, '2026-11-02T00:00:00.000Z'), sourceUris: ['/just/a/path'] };
    const tooMany = { ...run('toomany', 2, '2026-11-03T00:00:00.000Z'), sourceUris: Array.from({ length: MAX_SOURCE_URIS + 1 }, (_, i) => `file:///w/${i}.md`) };
    const notList = { ...run('notlist', 2, '2026-11-04T00:00:00.000Z'), sourceUris: 'file:///w/a.md' };
    for (const r of [notUris, tooMany, notList]) fs.writeFileSync(path.join(dir, runFileName(r.id)), JSON.stringify(r));
    const cache = await open();
    assert.deepEqual(
      cache.runs().map((r) => r.id),
      ['files'],
    );
    assert.deepEqual(cache.get('files')?.sourceUris, ['file:///w/a.md', 'untitled:Untitled-1']);
  });

  it('a replace queued after a remove of the same run keeps memory and disk in step', async () => {
    const cache = await open();
    await cache.add(run('r', 2, '2026-11-01T00:00:00.000Z'));
    const removing = cache.remove('r');
    const replacing = cache.replace(run('r', 2, '2026-11-01T00:00:00.000Z'));
    await Promise.all([removing, replacing]);
    assert.equal(!!cache.get('r'), fs.existsSync(path.join(dir, runFileName('r'))), 'in memory exactly when on disk');
    const reloaded = await open();
    assert.equal(!!reloaded.get('r'), !!cache.get('r'));
  });

  it('disposed before it loaded: loaded resolves and isLoaded holds (nothing waits forever)', async () => {
    const cache = new RunCache({ files: nodeRunFiles(dir) });
    cache.dispose();
    await cache.loaded;
    assert.equal(cache.isLoaded, true);
  });
});
