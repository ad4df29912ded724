// CSV exports in the editor: Fetch on a CSV document (whole file, a selection, or picked in the
// explorer) asks only for the Tweet ID columns; a user ID in a user_id column gets no hover even
// when the same number is cached as a Tweet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scanFiles } from '../../src/features/fetch/sources';
import { snowflakeAt } from '../../src/shared/tweetId';
import { totalsResult } from '../support/results';
import { api, waitFor } from './support/extension';

const NOW = Date.now();
const T = (n: number) => snowflakeAt(NOW - 2 * 86_400_000, 3000 + n);
const U = (n: number) => snowflakeAt(NOW - 900 * 86_400_000, 4000 + n);

describe('CSV exports in the editor', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  const rows = Array.from({ length: 20 }, (_, i) => `${T(i)},${U(i % 4)},2026-09-27T11:04:02.807Z,"hours, mugs"`);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-csv-'));
    file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, ['tweet_id,user_id,created_at,text', ...rows].join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('Fetch on the CSV document and on the picked file asks for the tweet_id column only', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals');
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? a.store.runs()[0] : undefined));
    assert.deepEqual(
      run.result.query.tweetIds,
      rows.map((_, i) => T(i)),
    );
    const picked = await scanFiles([vscode.Uri.file(file)]);
    assert.deepEqual(
      picked.ids,
      rows.map((_, i) => T(i)),
    );
    await a.store.remove(run.id);
  });

  it('a user_id cell gets no hover, even when its number is cached as a Tweet; the tweet_id cell does', async () => {
    const a = await api();
    const cached = {
      id: 'csv-hover-run',
      profile: 'csv-test',
      source: 'test',
      result: totalsResult({
        query: { tweetIds: [T(1), U(1)], engagementTypes: ['favorites'], groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }] },
        groupings: { p: { [T(1)]: { favorites: '4321' }, [U(1)]: { favorites: '8765' } } },
        finishedAt: new Date().toISOString(),
      }),
    };
    await a.store.add(cached);
    try {
      const doc = await vscode.workspace.openTextDocument(file);
      const hoverAt = async (id: string) => {
        const line = doc
          .getText()
          .split('\n')
          .findIndex((l, i) => i > 0 && l.includes(id));
        const col = doc.lineAt(line).text.indexOf(id) + 3;
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col));
        return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('')).join('\n');
      };
      assert.match(await hoverAt(T(1)), /4,321/);
      assert.doesNotMatch(await hoverAt(U(1)), /8,765|Tweet /);
    } finally {
      await a.store.remove(cached.id);
    }
  });
});
