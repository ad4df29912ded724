// When the status bar item may show: once a command of ours ran, a run is cached or a profile
// is saved (the item itself reads `used`; the e2e tests see it hidden, then shown). Remembered
// in globalState.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunStore } from '../../src/platform/runStore';
import { registerCommand, trackUsage, Usage, USED_KEY } from '../../src/platform/usage';
import { totalsResult } from '../support/results';
import { memoryMemento } from './support/memento';

describe('Usage (what shows the status bar item)', () => {
  it('a command registered through registerCommand marks the extension as used, remembered in the memento', async () => {
    const memento = memoryMemento();
    const usage = new Usage(memento);
    const tracking = trackUsage(usage);
    const command = registerCommand('xEngagement.test.usage', (n: number) => n + 1);
    try {
      let fired = 0;
      usage.onDidChange(() => fired++);
      assert.equal(usage.used, false);
      assert.equal(await vscode.commands.executeCommand('xEngagement.test.usage', 41), 42, 'the handler runs with its arguments');
      assert.equal(usage.used, true);
      assert.equal(memento.get(USED_KEY), true);
      assert.equal(new Usage(memento).used, true, 'after a reload too');
      await vscode.commands.executeCommand('xEngagement.test.usage', 1);
      assert.equal(fired, 1, 'told once');
    } finally {
      command.dispose();
      tracking.dispose();
      usage.dispose();
    }
  });

  it('a run in the results cache counts as use', async () => {
    const usage = new Usage(memoryMemento());
    const store = new RunStore(memoryMemento());
    const watching = usage.watchRuns(store);
    try {
      assert.equal(usage.used, false);
      await store.add({
        id: 'r',
        profile: 'p',
        source: 's',
        result: totalsResult({ query: { tweetIds: ['1790000000000000001'], engagementTypes: ['favorites'], groupings: [] }, groupings: {} }),
      });
      assert.equal(usage.used, true);
    } finally {
      watching.dispose();
      store.dispose();
      usage.dispose();
    }
  });
});
