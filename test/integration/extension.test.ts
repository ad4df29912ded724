// The extension as wired by activate(): sandbox profile, Fetch engagement totals against the
// in-process sandbox, the cache, hovers through the registered provider, SecretStorage, and
// redaction in the log. Runs inside a real VS Code (code-server).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findTweetIds } from '../../src/core/finder';
import { flattenRows } from '../../src/core/rows';
import { readSettings } from '../../src/editor/settings';
import { formatThousands } from '../../src/hover/format';
import { sandboxMetrics } from '../../src/sandbox/world';
import { api, logText, waitFor } from './support/extension';

function recentIds(n: number, seed: number): string[] {
  const base = BigInt(Date.now() - 2 * 86_400_000 - 1288834974657) << 22n;
  return Array.from({ length: n }, (_, i) => (base + BigInt(seed * 7_000_001 + i * 65_537)).toString());
}

describe('Extension on the sandbox', function () {
  this.timeout(60_000);

  it('Use sandbox starts a loopback sandbox and makes it the active profile', async () => {
    const a = await api();
    const url = await vscode.commands.executeCommand<string>('xEngagement.useSandbox');
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(a.connection.activeName(), 'Sandbox');
    const conn = await a.connection.current();
    assert.equal(conn?.baseUrl, url);
  });

  it('Fetch engagement totals on a file fills the cache with the sandbox\'s numbers', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const ids = recentIds(300, 1);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Report\n${ids.map((id, i) => (i % 2 ? `- https://x.com/brand/status/${id}` : `- ${id}`)).join('\n')}\n` });
    await vscode.window.showTextDocument(doc);
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals');
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? a.store.runs()[0] : undefined));
    assert.equal(run.profile, 'Sandbox');
    assert.equal(run.result.failed.length, 0, JSON.stringify(run.result.failed));
    assert.deepEqual(run.result.query.tweetIds, ids);
    const now = Date.now();
    const rows = flattenRows(run.result);
    assert.equal(rows.length, ids.filter((id) => !id.endsWith('13')).length);
    for (const r of rows.slice(0, 50)) {
      const m = sandboxMetrics(r.tweetId, now).metrics;
      assert.equal(r.metrics.favorites, m.favorites);
      assert.equal(a.store.lookup(r.tweetId)?.latest.metrics.retweets, m.retweets);
    }
    // The panel opened on the new run, and its HTML is locked down.
    const html = await waitFor('panel html', () => a.panel.currentHtml);
    assert.match(html, /default-src 'none'/);
  });

  it('Fetch engagement totals on files picked in the explorer: their IDs in order; an unreadable one is skipped', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const picked = ['ids.csv', 'tweets.json'].map((f) => vscode.Uri.joinPath(folder.uri, f));
    const missing = vscode.Uri.joinPath(folder.uri, 'no-such-export.json');
    const expected = findTweetIds(picked.map((u) => fs.readFileSync(u.fsPath, 'utf8')).join('\n')).ids;
    assert.ok(expected.length >= 5);
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals', picked[0], [picked[0], missing, picked[1]]);
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? a.store.runs()[0] : undefined));
    assert.deepEqual(run.result.query.tweetIds, expected);
    assert.equal(run.source, '3 files');
    assert.equal(run.result.failed.length, 0, JSON.stringify(run.result.failed));
  });

  it('hovers show the cached numbers of an ID, nothing for other numbers', async () => {
    const a = await api();
    const cached = a.store.runs()[0];
    assert.ok(cached, 'a run from the previous test');
    const id = flattenRows(cached.result)[0].tweetId;
    const doc = await vscode.workspace.openTextDocument({ content: `id ${id} ts 1700000000000 n 12345\n` });
    await vscode.window.showTextDocument(doc);
    const at = (offset: number) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    const hovers = await at(5);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const favorites = a.store.lookup(id)!.latest.metrics.favorites!;
    assert.ok(text.includes(id), text);
    assert.ok(text.includes(`| Likes | ${formatThousands(favorites)} |`), `favorites ${favorites} in its row: ${text}`);
    const none = await at(doc.getText().indexOf('1700000000000') + 2);
    assert.equal(none.flatMap((h) => h.contents).filter((c) => JSON.stringify(c).includes('X Engagement') || JSON.stringify(c).includes('1700000000000')).length, 0);
  });

  it('keeps secrets in SecretStorage only: not in settings, not in the log', async () => {
    const a = await api();
    const secret = 'bearer-SECRET-4f7c1d9e2b';
    const oauthSecret = 'oauth-SECRET-token-secret-99';
    await a.connection.save('integration-secret', { bearerToken: secret, oauth: { consumerKey: 'ck-integration', consumerSecret: 'cs-SECRET-1234', accessToken: 'at-SECRET-5678', accessTokenSecret: oauthSecret } });
    assert.equal(a.connection.activeName(), 'integration-secret');
    assert.equal((await a.connection.load('integration-secret'))?.bearerToken, secret);
    // A fetch that goes wrong (nothing listens on port 9) is logged, with everything redacted.
    const config = vscode.workspace.getConfiguration('xEngagement');
    await config.update('apiBaseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    try {
      const run = await a.fetch.fetchIds(recentIds(2, 2), 'integration', { quiet: true });
      assert.ok(run && run.result.failed.length === 1, 'the failure is recorded as a failed batch');
      assert.ok(!JSON.stringify(run).includes(secret));
      a.logger.info(`a careless line: Authorization: Bearer ${secret} oauth_token="at-SECRET-5678"`);
      const log = await waitFor('log lines', () => (logText(a).includes('careless') ? logText(a) : undefined));
      for (const s of [secret, oauthSecret, 'cs-SECRET-1234', 'at-SECRET-5678']) assert.ok(!log.includes(s), `log must not contain ${s}`);
      assert.match(log, /127\.0\.0\.1:9/);
    } finally {
      await config.update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    const settingsFile = path.join(a.globalStorageUri.fsPath, '..', '..', 'settings.json');
    const settingsText = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '';
    assert.ok(fs.existsSync(settingsFile), `user settings at ${settingsFile}`);
    for (const s of [secret, oauthSecret, 'cs-SECRET-1234']) assert.ok(!settingsText.includes(s));
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('xEngagement')).includes(secret));
    await a.connection.remove('integration-secret');
    assert.equal(await a.connection.load('integration-secret'), undefined);
  });

  it('readSettings takes apiBaseUrl and useSandboxOnStart from user settings only, whatever the workspace says', () => {
    // A configuration where the workspace (folder) layer sets them, as VS Code would report it
    // if it applied those layers; readSettings must still not take them.
    const layers: Record<string, { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown }> = {
      apiBaseUrl: { defaultValue: 'https://data-api.twitter.com', workspaceValue: 'https://attacker.example', workspaceFolderValue: 'https://attacker.example' },
      useSandboxOnStart: { defaultValue: false, workspaceValue: true },
      concurrency: { defaultValue: 8, workspaceValue: 3 },
    };
    const effective = (key: string) => {
      const l = layers[key] ?? {};
      return l.workspaceFolderValue ?? l.workspaceValue ?? l.globalValue ?? l.defaultValue;
    };
    const fake = {
      get: <T>(key: string) => effective(key) as T,
      inspect: <T>(key: string) => ({ key, ...(layers[key] ?? {}) }) as { key: string; globalValue?: T; defaultValue?: T },
    } as Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'>;
    let read = readSettings(fake);
    assert.equal(read.apiBaseUrl, 'https://data-api.twitter.com');
    assert.equal(read.useSandboxOnStart, false);
    assert.equal(read.concurrency, 3, 'other settings do follow the workspace');
    layers.apiBaseUrl.globalValue = 'https://proxy.example.org';
    layers.useSandboxOnStart.globalValue = true;
    read = readSettings(fake);
    assert.equal(read.apiBaseUrl, 'https://proxy.example.org');
    assert.equal(read.useSandboxOnStart, true);
  });

  it('ignores an API base URL set by the workspace (a cloned repo\'s .vscode/settings.json)', async () => {
    const a = await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const dir = path.join(folder.uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const config = () => vscode.workspace.getConfiguration('xEngagement');
    // What a hostile repository would ship. concurrency (a window setting) shows when VS Code
    // has read the file, so the check below cannot pass just because nothing was read.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'xEngagement.apiBaseUrl': 'https://attacker.example', 'xEngagement.concurrency': 3 }));
    try {
      await waitFor('VS Code to read the workspace settings', () => (config().get('concurrency') === 3 ? true : undefined));
      assert.equal(a.connection.apiBaseUrl(), 'https://data-api.twitter.com');
      assert.notEqual(config().get('apiBaseUrl'), 'https://attacker.example', 'VS Code itself does not apply a machine setting from the workspace');
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await waitFor('the workspace settings to be restored', () => (config().get('concurrency') !== 3 ? true : undefined));
    }
  });

});
