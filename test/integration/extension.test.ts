// The extension as wired by activate(): sandbox profile, Fetch engagement totals against the
// in-process sandbox, the cache, hovers through the registered provider, SecretStorage, and
// redaction in the log. Runs inside a real VS Code (code-server).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findTweetIds } from '../../src/finder/finder';
import { flattenRows } from '../../src/core/rows';
import type { TotalsRunRecord } from '../../src/core/types';
import { RESTRICTED_SETTINGS, Settings } from '../../src/platform/services';
import { readSettings } from '../../src/platform/settings';
import { skippedFilesMessage } from '../../src/features/fetch/messages';
import { scanFiles } from '../../src/features/fetch/sources';
import { formatThousands } from '../../src/shared/format';
import { sandboxMetrics } from '../../src/sandbox/world';
import { api, logText, waitFor } from './support/extension';
import { recentIds as idsOf } from '../support/ids';

const recentIds = (n: number, seed: number) => idsOf(n, seed, 2);

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

  it("Fetch engagement totals on a file fills the cache with the sandbox's numbers", async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    const ids = recentIds(300, 1);
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: `# Report\n${ids.map((id, i) => (i % 2 ? `- https://x.com/brand/status/${id}` : `- ${id}`)).join('\n')}\n`,
    });
    await vscode.window.showTextDocument(doc);
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals');
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? (a.store.runs()[0] as TotalsRunRecord) : undefined));
    assert.equal(run.profile, 'Sandbox');
    assert.equal(run.result.failed.length, 0, JSON.stringify(run.result.failed));
    assert.deepEqual(run.result.query.tweetIds, ids);
    assert.deepEqual(run.found, { duplicates: 0, invalid: 0 }, 'what the finder skipped is kept with the run');
    assert.deepEqual(run.sourceUris, [doc.uri.toString()], 'the run remembers its file, for Reveal in file');
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
    assert.deepEqual(run.sourceUris, [picked[0], missing, picked[1]].map(String), 'the files picked, for Reveal in file');
    assert.equal(run.result.failed.length, 0, JSON.stringify(run.result.failed));
  });

  describe('explorer files that are not plain files', () => {
    let dir: string;
    let fifo: string;
    let zero: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-picked-'));
      fifo = path.join(dir, 'export.fifo');
      execFileSync('mkfifo', [fifo]);
      zero = path.join(dir, 'zeros.json');
      fs.symlinkSync('/dev/zero', zero);
    });
    after(() => {
      // Should a reader be stuck opening the FIFO (the bug), a writer lets it go.
      try {
        fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // no reader: nothing to release
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const regular = () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the integration run opens a workspace folder');
      return ['ids.csv', 'tweets.json'].map((f) => vscode.Uri.joinPath(folder.uri, f));
    };
    /** Guards against a hang only: the command must come back on its own. */
    const returns = <T>(what: string, p: Thenable<T>) =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not return within 20 s`)), 20_000))]);

    it("Fetch on a pick with a FIFO and a link to /dev/zero: both skipped, the regular files' IDs fetched, and it returns", async () => {
      const a = await api();
      await vscode.commands.executeCommand('xEngagement.useSandbox');
      const [csv, json] = regular();
      const picked = [csv, vscode.Uri.file(fifo), vscode.Uri.file(zero), json];
      const expected = findTweetIds([csv, json].map((u) => fs.readFileSync(u.fsPath, 'utf8')).join('\n')).ids;
      const run = await returns(
        'Fetch engagement totals',
        vscode.commands.executeCommand<{ result: { query: { tweetIds: string[] } }; source: string } | undefined>('xEngagement.fetchTotals', csv, picked),
      );
      assert.ok(run, 'a run');
      assert.deepEqual(run.result.query.tweetIds, expected);
      assert.equal(run.source, '4 files');
      assert.equal(a.store.runs()[0].source, '4 files');
    });

    it('scanFiles skips FIFOs, devices, folders and files over the caps with messages that say why and what to do', async () => {
      const [csv, json] = regular();
      const csvBytes = fs.statSync(csv.fsPath).size;
      const big = path.join(dir, 'big.csv');
      fs.writeFileSync(big, `${recentIds(1, 9)[0]}\n`.repeat(500)); // ~10 KB
      // Small caps stand in for the 256 MB ones: 8 KB a file (tweets.json has 6 KB), ids.csv's size in all.
      const caps = { maxFileBytes: 8_000, maxTotalBytes: csvBytes + 10 };
      const r = await returns('scanFiles', scanFiles([csv, vscode.Uri.file(fifo), vscode.Uri.file(zero), vscode.Uri.file(dir), vscode.Uri.file(big), json], caps));
      assert.equal(r.cancelled, false);
      assert.deepEqual(r.ids, findTweetIds(fs.readFileSync(csv.fsPath, 'utf8')).ids, 'only ids.csv fits');
      const why = Object.fromEntries(r.skipped.map((s) => [path.basename(s.name), `${s.kind}: ${s.why}`]));
      assert.match(why['export.fifo'], /^not-regular: a named pipe \(FIFO\), not a regular file$/);
      assert.match(why['zeros.json'], /^not-regular: a device, not a regular file$/);
      assert.match(why[path.basename(dir)], /^not-regular: a folder/);
      assert.match(why['big.csv'], /^too-large: .* over the .* limit per file$/);
      assert.match(why['tweets.json'], /^too-large: .* would take the pick over the .* limit$/);
      const message = skippedFilesMessage(r.skipped);
      for (const name of ['export.fifo', 'zeros.json', 'big.csv', 'tweets.json']) assert.ok(message.includes(name), `${name} in: ${message}`);
      assert.match(message, /^Skipped 5 files: /);
      assert.match(message, /Only regular files are read\./);
      assert.match(message, /engagement-totals ids FILE/);
    });

    it('scanFiles stops reading as soon as it is cancelled', async () => {
      const large = path.join(dir, 'large.csv');
      fs.writeFileSync(large, `${recentIds(1, 11)[0]}\n`.repeat(300_000)); // ~6 MB: several chunks
      const source = new vscode.CancellationTokenSource();
      let lastRead = 0;
      const r = await returns(
        'scanFiles',
        scanFiles([vscode.Uri.file(large), ...regular()], {
          token: source.token,
          onProgress: (p) => {
            lastRead = p.totalBytes;
            source.cancel(); // after the first chunk
          },
        }),
      );
      assert.equal(r.cancelled, true);
      assert.ok(lastRead > 0 && lastRead <= 1 << 20, `read ${lastRead} bytes after cancelling`);
      assert.ok(lastRead < fs.statSync(large).size);
    });

    it('Fetch cancelled while reading the picked files fetches nothing', async () => {
      const a = await api();
      await vscode.commands.executeCommand('xEngagement.useSandbox');
      const picked = regular();
      const before = a.store.runs().length;
      const source = new vscode.CancellationTokenSource();
      const pending = a.fetch.fetchCommand(picked[0], picked, { token: source.token });
      source.cancel(); // the command is reading the files now (its first step)
      assert.equal(await returns('Fetch engagement totals', pending), undefined);
      assert.equal(a.store.runs().length, before, 'no run: nothing was fetched');
    });
  });

  it('hovers show the cached numbers of an ID, nothing for other numbers', async () => {
    const a = await api();
    const cached = a.store.runs()[0] as TotalsRunRecord | undefined;
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
    await a.connection.save('integration-secret', {
      bearerToken: secret,
      oauth: { consumerKey: 'ck-integration', consumerSecret: 'cs-SECRET-1234', accessToken: 'at-SECRET-5678', accessTokenSecret: oauthSecret },
    });
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
    let read = readSettings(fake, true);
    assert.equal(read.apiBaseUrl, 'https://data-api.twitter.com');
    assert.equal(read.useSandboxOnStart, false);
    assert.equal(read.concurrency, 3, 'other settings do follow the workspace');
    layers.apiBaseUrl.globalValue = 'https://proxy.example.org';
    layers.useSandboxOnStart.globalValue = true;
    read = readSettings(fake, true);
    assert.equal(read.apiBaseUrl, 'https://proxy.example.org');
    assert.equal(read.useSandboxOnStart, true);
  });

  it('readSettings in an untrusted workspace takes every restricted setting from user settings only', () => {
    type Layers = { defaultValue?: unknown; globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown };
    // What a hostile repository's .vscode/settings.json would set, and what the user set.
    const layers: Record<string, Layers> = {
      apiBaseUrl: { defaultValue: 'https://data-api.twitter.com', workspaceValue: 'https://attacker.example' },
      defaultEngagementTypes: { defaultValue: ['favorites'], workspaceValue: ['impressions', 'engagements'] },
      defaultGroupings: { defaultValue: [], workspaceValue: [{ name: 'leak', groupBy: ['tweet.id'] }] },
      askForTypes: { defaultValue: false, globalValue: true, workspaceValue: false },
      concurrency: { defaultValue: 8, workspaceValue: 32 },
      'hover.autoFetch': { defaultValue: false, workspaceValue: true, workspaceFolderValue: true },
      'cache.maxAgeMinutes': { defaultValue: 60, globalValue: 120, workspaceValue: 0 },
      useSandboxOnStart: { defaultValue: false, workspaceValue: true },
      // Not restricted: they only show what is cached.
      'hover.enabled': { defaultValue: true, workspaceValue: false },
      'annotations.enabled': { defaultValue: false, workspaceValue: true },
    };
    for (const key of RESTRICTED_SETTINGS) assert.ok(layers[key]?.workspaceValue !== undefined, `the test sets ${key} in the workspace`);
    const fake = {
      get: <T>(key: string) => {
        const l = layers[key] ?? {};
        return (l.workspaceFolderValue ?? l.workspaceValue ?? l.globalValue ?? l.defaultValue) as T;
      },
      inspect: <T>(key: string) => ({ key, ...(layers[key] ?? {}) }) as { key: string; globalValue?: T; defaultValue?: T },
    } as Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'>;
    const untrusted = readSettings(fake, false);
    const expected: Partial<Settings> = {
      apiBaseUrl: 'https://data-api.twitter.com',
      askForTypes: true,
      concurrency: 8,
      hoverAutoFetch: false,
      cacheMaxAgeMinutes: 120,
      useSandboxOnStart: false,
      hoverEnabled: false,
      annotationsEnabled: true,
      workspaceTrusted: false,
    };
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(untrusted[k as keyof Settings], v, k);
    assert.ok(!untrusted.defaultEngagementTypes.includes('impressions'), JSON.stringify(untrusted.defaultEngagementTypes));
    assert.ok(!untrusted.defaultGroupings.some((g) => g.name === 'leak'), JSON.stringify(untrusted.defaultGroupings));
    // Once trusted, the workspace's values count (except the machine-scoped ones).
    const trusted = readSettings(fake, true);
    assert.deepEqual(
      { ...trusted, defaultGroupings: trusted.defaultGroupings.map((g) => g.name) },
      {
        ...untrusted,
        defaultEngagementTypes: ['impressions', 'engagements'],
        defaultGroupings: ['leak'],
        askForTypes: false,
        concurrency: 32,
        hoverAutoFetch: true,
        cacheMaxAgeMinutes: 0,
        workspaceTrusted: true,
      },
    );
  });

  it("ignores an API base URL set by the workspace (a cloned repo's .vscode/settings.json)", async () => {
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
