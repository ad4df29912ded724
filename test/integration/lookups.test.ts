// In the real extension on the sandbox: hover auto-fetches go into ONE "Hover lookups" entry
// (no run per hover), and what came from the sandbox says so in the tree and the hover; a run
// the user starts records its host and is labelled by its source and time.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isLookups, LOOKUPS_SOURCE } from '../../src/core/lookups';
import { ResultNode, ResultsTreeProvider } from '../../src/features/results/resultsTree';
import { runLabel } from '../../src/shared/format';
import { recentIds } from '../support/ids';
import { api, waitFor } from './support/extension';

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Hover lookups and sandbox marks (the real extension, on the sandbox)', () => {
  it('hover auto-fetches add no run: the tree shows one "Hover lookups" entry marked Sandbox, and the hover says Sandbox', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const config = vscode.workspace.getConfiguration('xEngagement');
    await config.update('hover.autoFetch', true, vscode.ConfigurationTarget.Global);
    try {
      const ids = recentIds(3, 4242);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: ids.map((id) => `- ${id}`).join('\n') });
      const userRuns = a.store.runs().filter((r) => !isLookups(r)).length;
      let lastHover = '';
      for (const [line, id] of ids.entries()) {
        await waitFor(`numbers for ${id}`, async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 5));
          lastHover = hoverText(hovers);
          return a.store.lookup(id) && lastHover.includes('| Likes |') ? true : undefined;
        });
      }
      assert.equal(a.store.runs().filter((r) => !isLookups(r)).length, userRuns, 'no run per hover');
      assert.equal(a.store.runs().filter(isLookups).length, 1);
      const lookups = a.store.lookups();
      assert.ok(lookups);
      for (const id of ids) assert.ok(lookups.result.query.tweetIds.includes(id), `${id} is in the lookups`);
      assert.equal(lookups.sandbox, true);
      assert.equal(lookups.host, (await a.connection.current())?.baseUrl);
      assert.ok(lastHover.includes('**Sandbox**'), lastHover);

      const provider = new ResultsTreeProvider(a.store);
      try {
        const items = (provider.getChildren() as ResultNode[]).map((n) => provider.getTreeItem(n) as vscode.TreeItem);
        const entries = items.filter((i) => i.label === LOOKUPS_SOURCE);
        assert.equal(entries.length, 1, items.map((i) => i.label).join(' | '));
        assert.match(String(entries[0].description), /^3 Tweets · Sandbox · updated /);
        assert.equal((entries[0].iconPath as vscode.ThemeIcon).id, 'beaker');
        assert.notEqual(entries[0].collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'never the run opened as the newest');
      } finally {
        provider.dispose();
      }
    } finally {
      await config.update('hover.autoFetch', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a run from the sandbox records its host, is labelled by source and time, and says Sandbox in the tree', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const run = await a.fetch.fetchIds(recentIds(4, 4343), 'export.csv', { quiet: true });
    assert.ok(run);
    assert.equal(run.sandbox, true);
    assert.equal(run.host, (await a.connection.current())?.baseUrl);
    const provider = new ResultsTreeProvider(a.store);
    try {
      const node = (provider.getChildren() as ResultNode[]).find((n) => n.runId === run.id);
      assert.ok(node);
      const item = provider.getTreeItem(node) as vscode.TreeItem;
      assert.equal(item.label, runLabel('export.csv', run.result.startedAt));
      assert.match(String(item.description), /^4 Tweets · Sandbox$/);
      assert.match(String(item.tooltip), /Sandbox: made-up numbers/);
    } finally {
      provider.dispose();
    }
  });
});
