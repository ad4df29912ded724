// Where the results panel opens (xEngagement.panel.openIn) and Reveal in file, inside a real
// VS Code: the panel opens beside the document and the editor keeps the focus; Reveal in file
// selects the first place the finder reads the ID (a status URL counts), says so when the ID is
// no longer there, and when the run does not know its files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/commands';
import type { RunRecord } from '../../src/core/types';
import { ResultsPanelManager } from '../../src/features/panel/resultsPanel';
import type { PanelOpenIn } from '../../src/platform/services';
import { RunStore } from '../../src/platform/runStore';
import { readSettings } from '../../src/platform/settings';
import { totalsResult } from '../support/results';
import { api, EXTENSION_ID, stubWindow, waitFor } from './support/extension';
import { memoryMemento } from './support/memento';

const A = '1790000000000000001';
const B = '1790000000000000002';

function runOf(id: string, sourceUris?: string[]): RunRecord {
  return {
    id,
    profile: 'p',
    source: 'report.md',
    result: totalsResult({
      query: { tweetIds: [A, B], engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { perTweet: { [A]: { favorites: '5' }, [B]: { favorites: '7' } } },
    }),
    ...(sourceUris ? { sourceUris } : {}),
  };
}

describe('panel placement and Reveal in file (extension host)', function () {
  this.timeout(60_000);
  let extensionUri: vscode.Uri;
  let store: RunStore;
  let managers: ResultsPanelManager[] = [];
  let dir: string;

  before(async () => {
    await api();
    extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-reveal-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    store = new RunStore(memoryMemento());
    await store.add(runOf('r1'));
  });
  afterEach(async () => {
    for (const m of managers) m.dispose();
    managers = [];
    store.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function manager(openIn: PanelOpenIn): ResultsPanelManager {
    const m = new ResultsPanelManager(extensionUri, store, () => openIn);
    managers.push(m);
    return m;
  }

  async function editorWith(text: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    return vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  }

  it('after a fetch the panel opens beside the document, and the editor keeps the focus (openIn: beside, the default)', async () => {
    const editor = await editorWith(`# ids\n${A}\n`);
    const m = manager('beside');
    m.showAfterFetch('r1');
    await waitFor('the page model', () => m.lastModel);
    assert.equal(m.viewColumn, vscode.ViewColumn.Two, 'beside the document, not over it');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the document is still the active editor');
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, vscode.ViewColumn.One, 'the focus stayed in the editor group');
    assert.ok(
      vscode.window.tabGroups.all.some((g) => g.viewColumn === vscode.ViewColumn.One && g.tabs.some((t) => t.input instanceof vscode.TabInputText)),
      'the document is still on screen',
    );
  });

  it("openIn: active opens it in the document's group; never opens nothing until Show in panel", async () => {
    await editorWith(`${A}\n`);
    const active = manager('active');
    active.showAfterFetch('r1');
    await waitFor('the page model', () => active.lastModel);
    assert.equal(active.viewColumn, vscode.ViewColumn.One);
    active.dispose();

    const never = manager('never');
    never.showAfterFetch('r1');
    assert.equal(never.currentHtml, undefined, 'no panel after a fetch');
    never.show('r1', { focus: true });
    await waitFor('the page model', () => never.lastModel);
    assert.ok(never.currentHtml, 'Show in panel opens it');
    // Open now: the next fetch's run shows in it.
    await store.add(runOf('r2'));
    never.showAfterFetch('r2');
    assert.equal(never.lastModel?.runId, 'r2');
  });

  it('the setting is read as beside unless it says active or never', () => {
    const conf = vscode.workspace.getConfiguration('xEngagement');
    assert.equal(conf.inspect('panel.openIn')?.defaultValue, 'beside');
    const fake = (v: unknown) => ({ get: <T>(k: string) => (k === 'panel.openIn' ? (v as T) : undefined), inspect: () => undefined }) as never;
    assert.equal(readSettings(fake('never'), true).panelOpenIn, 'never');
    assert.equal(readSettings(fake('active'), true).panelOpenIn, 'active');
    assert.equal(readSettings(fake('elsewhere'), true).panelOpenIn, 'beside');
  });

  it('Reveal in file selects the first place the ID appears, a status URL included; a longer number is not it', async () => {
    const a = await api();
    const file = path.join(dir, 'report.md');
    fs.writeFileSync(file, `# Report\n\nnot this: 1${B}0\nsee https://x.com/brand/status/${B}?s=20\nand ${B} again\n`);
    const run = { ...runOf('2024-06-01T10:00:00.000Z#reveal', [vscode.Uri.file(path.join(dir, 'gone.md')).toString(), vscode.Uri.file(file).toString()]) };
    await a.store.add(run);
    try {
      const outcome = await vscode.commands.executeCommand(COMMANDS.revealInFile, { runId: run.id, tweetId: B });
      assert.equal(outcome, 'revealed', 'a missing first file is passed over');
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.fsPath, file);
      assert.equal(editor!.selection.start.line, 3);
      assert.equal(editor!.document.getText(editor!.selection), B);
    } finally {
      await a.store.remove(run.id);
    }
  });

  it('Reveal in file says so when the ID is no longer in the file, and when the run does not know its files', async () => {
    const a = await api();
    const file = path.join(dir, 'changed.md');
    fs.writeFileSync(file, `${A}\n`);
    const known = runOf('2024-06-01T10:00:00.000Z#changed', [vscode.Uri.file(file).toString()]);
    const unknown = runOf('2024-06-01T10:00:00.000Z#unknown');
    await a.store.add(known);
    await a.store.add(unknown);
    const ui = stubWindow();
    try {
      assert.equal(await vscode.commands.executeCommand(COMMANDS.revealInFile, { runId: known.id, tweetId: B }), 'not-found');
      assert.match(ui.notes.at(-1)?.text ?? '', new RegExp(`Tweet ${B} is no longer in .*changed\\.md`));
      assert.equal(await vscode.commands.executeCommand(COMMANDS.revealInFile, { runId: unknown.id, tweetId: A }), 'no-source');
      assert.match(ui.notes.at(-1)?.text ?? '', /does not know which file/);
    } finally {
      ui.restore();
      await a.store.remove(known.id);
      await a.store.remove(unknown.id);
    }
  });
});
