// The trust boundary inside a real extension host: text from outside (a file's name, an API's
// error text that echoes credentials and carries links and terminal escapes, profile names,
// grouping names) reaches notifications, quick picks, the status bar and the Results tree
// neutralised; no secret reaches a notification, the run cache, the Output log or its file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunRecord, TotalsResult } from '../../src/core/types';
import { RunStore } from '../../src/platform/runStore';
import { ResultNode, ResultsTreeProvider } from '../../src/features/results/resultsTree';
import { hostile, HostileServer, startHostileServer, TRAPS } from '../support/hostileServer';
import { seriesResult } from '../support/results';
import { api, logText, stubWindow, waitFor } from './support/extension';
import { memoryMemento } from './support/memento';
const FILE_TRAP = '[Re-scan now](command:workbench.action.files.newUntitledFile).txt';
// What VS Code turns into links in notifications (parseLinkedText) and into icons in quick
// picks and the status bar (renderLabelWithIcons).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
const links = (text: string) => [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);
const icons = (text: string) => [...text.matchAll(VSCODE_ICON)].filter((m) => !m[1]).map((m) => m[2]);
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Every TreeItem of the tree under `node` (all levels), with the provider's own rendering. */
function allItems(provider: ResultsTreeProvider, node?: ResultNode): vscode.TreeItem[] {
  const out: vscode.TreeItem[] = [];
  for (const child of provider.getChildren(node) as ResultNode[]) {
    out.push(provider.getTreeItem(child) as vscode.TreeItem);
    out.push(...allItems(provider, child));
  }
  return out;
}
const itemTexts = (item: vscode.TreeItem) => [
  typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
  typeof item.description === 'string' ? item.description : '',
  typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? ''),
];

/** The hostile text is shown, as text: no link, no control or bidi/line-separator character. */
function assertInert(texts: string[]): void {
  assert.ok(
    texts.some((t) => t.includes('Click here')),
    'the hostile text is shown, as text',
  );
  for (const text of texts) {
    assert.deepEqual(links(text), [], text);
    assert.ok(!CONTROL.test(text.replace(/\n/g, '')), JSON.stringify(text));
    assert.ok(!/[\u2028\u202e]/.test(text), JSON.stringify(text));
  }
}

describe('Untrusted text in the editor', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('xEngagement');

  it('a file named like a command link: the warning shows its name as plain text', async () => {
    await api();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration run opens a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, FILE_TRAP);
    fs.writeFileSync(uri.fsPath, 'no Tweet IDs in here\n');
    const ui = stubWindow();
    try {
      await vscode.commands.executeCommand('xEngagement.fetchTotals', uri);
      const note = await waitFor('the warning', () => ui.notes.find((n) => n.text.includes('No Tweet IDs found')));
      assert.equal(note.kind, 'showWarningMessage');
      assert.deepEqual(links(note.text), [], note.text);
      assert.ok(note.text.replace(/\u200b/g, '').includes(FILE_TRAP), `the name reads as it is: ${note.text}`);
    } finally {
      ui.restore();
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  describe('a hostile API that echoes credentials', () => {
    let server: HostileServer;
    const secrets = {
      bearerToken: 'int-bearer-SECRET-7d1f',
      oauth: { consumerKey: 'int-ck-SECRET-2a9b', consumerSecret: 'int-cs-SECRET-11c0', accessToken: 'int-at-SECRET-83e4', accessTokenSecret: 'int-ats-SECRET-5f5f' },
    };
    const values = [secrets.bearerToken, ...Object.values(secrets.oauth)];
    const noSecret = (where: string, text: string) => {
      for (const s of values) assert.ok(!text.includes(s), `${where} holds ${s}: ${text.slice(0, 2000)}`);
    };

    before(async () => {
      server = await startHostileServer(hostile.echoCredentialsWithTraps(401));
      await config().update('apiBaseUrl', server.url, vscode.ConfigurationTarget.Global);
      await waitFor('the API base URL', async () => ((await api()).connection.apiBaseUrl() === server.url ? true : undefined));
    });
    after(async () => {
      await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
      await server.close();
    });

    it('a fetch: notification, run cache, tree, Output log and its file hold no secret, no link, no control', async () => {
      const a = await api();
      await a.connection.save('hostile-api', secrets);
      const ui = stubWindow();
      let run: RunRecord | undefined;
      try {
        const before = server.requests.length;
        run = await a.fetch.fetchIds(['1790000000000000001', '1790000000000000002'], 'integration');
        assert.ok(run, 'the run is kept');
        assert.ok(server.requests.length > before && String(server.requests.at(-1)!.headers.authorization).length > 20, 'credentials went to the server');
        assert.equal(run.result.failed[0]?.status, 401);

        const note = await waitFor('the error notification', () => ui.notes.find((n) => n.text.includes('401')));
        assert.equal(note.kind, 'showErrorMessage');
        noSecret('the notification', note.text);
        assert.ok(note.text.includes('Click here'), `the API's text is shown: ${note.text}`);
        assert.deepEqual(links(note.text), [], note.text);
        assert.ok(!CONTROL.test(note.text), JSON.stringify(note.text));

        const stored = JSON.stringify(a.store.get(run.id));
        noSecret('the run cache', stored);
        const runsDir = path.join(a.globalStorageUri.fsPath, 'runs');
        const onDisk = await waitFor('the run on disk', () => {
          const text = fs.existsSync(runsDir)
            ? fs
                .readdirSync(runsDir)
                .map((f) => fs.readFileSync(path.join(runsDir, f), 'utf8'))
                .join('\n')
            : '';
          return text.includes(run!.id) ? text : undefined;
        });
        noSecret('the run files on disk', onDisk);

        const tree = new ResultsTreeProvider(a.store);
        const items = allItems(tree, tree.runNode(run.id));
        assert.ok(
          items.some((i) => itemTexts(i).join().includes('Click here')),
          'the failed batch shows the reason',
        );
        for (const text of items.flatMap(itemTexts)) {
          noSecret('the tree', text);
          assert.deepEqual(links(text), [], text);
          assert.ok(!CONTROL.test(text.replace(/\n/g, '')), JSON.stringify(text));
        }
        tree.dispose();

        const log = await waitFor('the log lines of the run', () => (logText(a).includes('hostile-api') || logText(a).includes(`Run ${run!.id}`) ? logText(a) : undefined));
        assert.match(log, /→ 401/);
        noSecret('the log file', log);
        assert.ok(!CONTROL.test(log.replace(/\r?\n/g, '')), 'no control characters in the log file');
      } finally {
        ui.restore();
        if (run) await a.store.remove(run.id);
        await a.connection.remove('hostile-api');
      }
    });

    it('Set credentials → Test: the warning holds no secret or link, and the log knows the new secrets at once', async () => {
      const a = await api();
      const token = 'int-new-bearer-SECRET-0c0c';
      let typedName = false;
      const ui = stubWindow({
        answer: () => 'Cancel',
        pick: (items, opts) => {
          const find = (re: RegExp) => items.find((i) => re.test(typeof i === 'string' ? i : (i as vscode.QuickPickItem).label));
          if (/profile$/.test(opts?.title ?? '')) return find(/New profile/);
          if (/API host/.test(opts?.title ?? '')) return items[0]; // the default host (the hostile server here)
          if (/kind for/.test(opts?.title ?? '')) return find(/^Bearer token$/);
          if (/test them/.test(opts?.title ?? '')) return find(/^Test with one request/);
          return undefined;
        },
        input: (opts) => {
          if (/profile name/.test(opts?.title ?? '')) return ((typedName = true), 'int-new-profile');
          if (/Bearer token/.test(opts?.title ?? '')) return token;
          return undefined;
        },
      });
      try {
        const saved = await vscode.commands.executeCommand('xEngagement.setCredentials');
        assert.equal(saved, undefined, 'Cancel: not saved');
        assert.ok(typedName, 'the flow asked for a profile name');
        const note = ui.notes.find((n) => n.text.startsWith('The test request failed'));
        assert.ok(note, `a warning: ${JSON.stringify(ui.notes)}`);
        assert.ok(!note.text.includes(token), note.text);
        assert.deepEqual(links(note.text), [], note.text);
        a.logger.info(`a later careless line with ${token}`);
        const log = await waitFor('the careless line', () => (logText(a).includes('later careless line') ? logText(a) : undefined));
        assert.ok(!log.includes(token), 'the shared redactor learnt the token before the test request');
      } finally {
        ui.restore();
      }
    });
  });

  it('profile names: quick picks and the status bar show $(icon) as text; picking one still selects it', async () => {
    const a = await api();
    const name = `$(zap) [evil](command:workbench.action.files.newUntitledFile)`;
    await a.connection.save(name, { bearerToken: 'int-profile-token-9999' });
    const ui = stubWindow({ pick: (items) => items.find((i) => (i as { name?: string }).name === name) });
    try {
      const statusText = a.profileStatus.text;
      assert.deepEqual(icons(statusText), ['account'], `only our own icon: ${statusText}`);
      await a.connection.setActive(a.connection.names().find((n) => n !== name) ?? name);
      await vscode.commands.executeCommand('xEngagement.switchProfile');
      const pick = ui.picks.find((p) => /switch profile/.test(p.title ?? ''));
      assert.ok(pick, 'the switch-profile quick pick was shown');
      const label = pick.labels.find((l) => l.includes('evil'));
      assert.ok(label, pick.labels.join(' | '));
      assert.deepEqual(icons(label), [], label);
      assert.deepEqual(links(label), [], label);
      assert.equal(a.connection.activeName(), name, 'the picked item selects the real profile name');
    } finally {
      ui.restore();
      await a.connection.remove(name);
    }
  });

  it('the Results tree: hostile grouping names, keys, messages, reasons, profile and source stay inert', () => {
    const g = `perTweet ${TRAPS.link}`;
    const result: TotalsResult = {
      query: { tweetIds: ['1790000000000000001'], engagementTypes: ['favorites'], groupings: [{ name: g, groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { [g]: { '1790000000000000001': { favorites: '7' } }, [`${TRAPS.terminal}[k](command:x)`]: { [`${TRAPS.link}`]: '1' } },
      unavailableTweetIds: [],
      unsupportedForImpressionsEngagementsTweetIds: [],
      unsupportedForVideoViewsTweetIds: [],
      forbiddenTweetIds: [],
      failed: [
        {
          tweetIds: ['1790000000000000002'],
          engagementTypes: ['favorites'],
          auth: 'bearer',
          status: 400,
          reason: `Invalid request (400: ${TRAPS.terminal}${TRAPS.link}).`,
          retryable: false,
        },
      ],
      errors: [`${TRAPS.terminal} ${TRAPS.link}\nsecond line`],
      startedAt: '2024-06-01T10:00:00.000Z',
      finishedAt: '2024-06-01T10:00:01.000Z',
      requests: 1,
      cancelled: false,
    };
    const store = new RunStore(memoryMemento());
    const provider = new ResultsTreeProvider(store);
    return store.add({ id: 'r1', profile: `$(zap) ${TRAPS.link}`, source: FILE_TRAP, result }).then(() => {
      const items = allItems(provider);
      assert.ok(items.length >= 8, `${items.length} items`);
      assertInert(items.flatMap(itemTexts));
      for (const item of items) {
        for (const one of itemTexts(item).slice(0, 2)) assert.ok(!one.includes('\n'), `labels and descriptions are one line: ${JSON.stringify(one)}`);
      }
      provider.dispose();
      store.dispose();
    });
  });

  it("the Results tree: a cached series run's window and bucket keys stay inert in labels, tooltips and what screen readers say", async () => {
    const trap = `${TRAPS.terminal}${TRAPS.link}${TRAPS.separators}`;
    const id = '1790000000000000001';
    const result = seriesResult({
      query: {
        endpoint: 'historical',
        tweetIds: [id],
        engagementTypes: ['impressions'],
        groupings: { daily: { group_by: ['tweet.id', 'engagement.type', 'engagement.day'] } },
        start: `2024-05-01T00:00:00Z ${trap}`,
        end: trap,
      },
      start: trap,
      end: trap,
      groupings: { daily: { [id]: { impressions: { [`2024-05-01 ${trap}`]: { [`13 ${trap}`]: '7' } } } } as never },
    });
    const store = new RunStore(memoryMemento());
    const provider = new ResultsTreeProvider(store);
    try {
      await store.add({ id: 's1', kind: 'series', profile: 'p', source: 'ids.txt', result });
      const items = allItems(provider);
      assertInert(items.flatMap((item) => [...itemTexts(item), item.accessibilityInformation?.label ?? '']));
    } finally {
      provider.dispose();
      store.dispose();
    }
  });
});
