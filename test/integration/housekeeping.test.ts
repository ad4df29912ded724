// Clear cached results and Clear credentials ask first (a modal warning that says what goes),
// and do nothing unless the user confirms.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, stubWindow } from './support/extension';
import { totalsResult } from '../support/results';

describe('housekeeping asks before it deletes', function () {
  this.timeout(30_000);

  it('Clear cached results says how many runs and Tweets go, and clears only when confirmed', async () => {
    const a = await api();
    const saved = [...a.store.runs()];
    const ids = ['1790000000000000011', '1790000000000000012', '1790000000000000013'];
    await a.store.add({
      id: '2026-11-30T00:00:00.000Z#901',
      profile: 'p',
      source: 'test',
      result: totalsResult({
        query: { tweetIds: ids, engagementTypes: ['favorites'], groupings: [{ name: 'g', groupBy: ['tweet.id', 'engagement.type'] }] },
        groupings: { g: {} },
      }),
    });
    const runs = a.store.runs().length;
    const tweets = a.store.runs().reduce((n, r) => n + r.result.query.tweetIds.length, 0);
    const declined = stubWindow({ answer: () => undefined });
    try {
      await vscode.commands.executeCommand('xEngagement.clearCache');
    } finally {
      declined.restore();
    }
    assert.equal(declined.notes.length, 1);
    assert.equal(declined.notes[0].kind, 'showWarningMessage');
    assert.equal(declined.notes[0].modal, true, 'a modal warning');
    assert.match(declined.notes[0].text, new RegExp(`^Clear ${runs.toLocaleString('en-US')} cached runs? \\(${tweets.toLocaleString('en-US')} Tweets?\\)`));
    assert.equal(a.store.runs().length, runs, 'declined: nothing cleared');

    const confirmed = stubWindow({ answer: () => 'Clear' });
    try {
      await vscode.commands.executeCommand('xEngagement.clearCache');
    } finally {
      confirmed.restore();
    }
    assert.equal(a.store.runs().length, 0, 'confirmed: cleared');
    for (const r of saved.reverse()) await a.store.add(r); // later suites keep what earlier ones fetched
  });

  it('Clear credentials names the profile and removes it only when confirmed', async () => {
    const a = await api();
    const active = a.connection.activeName();
    const name = 'to-be-removed [x](command:evil)';
    await a.connection.save(name, { bearerToken: 'housekeeping-token-1234' });
    try {
      const pickIt = (items: readonly unknown[]) => items.find((i) => (i as { name?: string }).name === name);
      const declined = stubWindow({ pick: pickIt, answer: () => undefined });
      try {
        await vscode.commands.executeCommand('xEngagement.clearCredentials');
      } finally {
        declined.restore();
      }
      const ask = declined.notes.find((n) => n.kind === 'showWarningMessage');
      assert.ok(ask, JSON.stringify(declined.notes));
      assert.equal(ask.modal, true, 'a modal warning');
      assert.match(ask.text, /^Remove the credentials of "to-be-removed \[x\]\u200b\(command:evil\)" from secret storage\?/);
      assert.ok(a.connection.names().includes(name), 'declined: kept');
      assert.ok(await a.connection.load(name));

      const confirmed = stubWindow({ pick: pickIt, answer: (text) => (text.startsWith('Remove') ? 'Remove' : undefined) });
      try {
        await vscode.commands.executeCommand('xEngagement.clearCredentials');
      } finally {
        confirmed.restore();
      }
      assert.ok(!a.connection.names().includes(name), 'confirmed: removed');
      assert.equal(await a.connection.load(name), undefined);
    } finally {
      if (a.connection.names().includes(name)) await a.connection.remove(name);
      // Saving a profile stops the sandbox (another profile is active): bring back what was there.
      if (active === 'Sandbox') await vscode.commands.executeCommand('xEngagement.useSandbox');
      else if (active) await a.connection.setActive(active);
    }
  });
});
