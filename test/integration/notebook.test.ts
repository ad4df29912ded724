// Jupyter notebooks in the real notebook editor: an .ipynb opened with openNotebookDocument and
// shown in the notebook editor. Hovers answer in code and markdown cells; Fetch with no selection
// asks for the IDs of every cell and output (not the user_id of a JSON output, not an image), with
// a selection in a cell for the selection; the same file picked in the explorer reads the same
// IDs; a notebook that does not parse is read as text, with a log line.
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
const T = (n: number) => snowflakeAt(NOW - 2 * 86_400_000, 7000 + n);
const USER = snowflakeAt(NOW - 900 * 86_400_000, 7100);

const lines = (text: string) => text.split(/(?<=\n)/);
const NOTEBOOK = {
  cells: [
    { cell_type: 'markdown', id: 'a', metadata: {}, source: lines(`# Campaign\n\nLaunch: https://x.com/northwind/status/${T(1)}\n`) },
    {
      cell_type: 'code',
      execution_count: 1,
      id: 'b',
      metadata: {},
      source: lines(`ids = [\n    "${T(2)}",\n    "${T(3)}",\n]`),
      outputs: [
        { output_type: 'stream', name: 'stdout', text: lines(`[{"tweet_id": "${T(4)}", "user_id": "${USER}"}]\n`) },
        { output_type: 'display_data', metadata: {}, data: { 'image/png': `iVBORw0KGgo+${T(5)}/AAAA\n`, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } },
        { output_type: 'error', ename: 'KeyError', evalue: `'${T(6)}'`, traceback: [`\u001b[0;31mKeyError\u001b[0m: '${T(6)}'`] },
      ],
    },
  ],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
};
const EXPECTED = [T(1), T(2), T(3), T(4), T(6)];

describe('Jupyter notebooks in the notebook editor', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let notebook: vscode.NotebookDocument;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-nb-'));
    file = path.join(dir, 'analysis.ipynb');
    fs.writeFileSync(file, JSON.stringify(NOTEBOOK, null, 1));
    notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(file));
    await vscode.window.showNotebookDocument(notebook);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hoverText = async (cell: vscode.NotebookCell, id: string) => {
    const doc = cell.document;
    assert.equal(doc.uri.scheme, 'vscode-notebook-cell');
    const offset = doc.getText().indexOf(id);
    assert.ok(offset >= 0, `${id} in the cell`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 4));
    return hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('')).join('\n');
  };

  it('hovers answer in a code cell and in a markdown cell', async () => {
    const a = await api();
    const cached = {
      id: 'notebook-hover-run',
      profile: 'notebook-test',
      source: 'test',
      result: totalsResult({
        query: { tweetIds: [T(1), T(2)], engagementTypes: ['favorites'], groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }] },
        groupings: { p: { [T(1)]: { favorites: '4321' }, [T(2)]: { favorites: '8765' } } },
        finishedAt: new Date().toISOString(),
      }),
    };
    await a.store.add(cached);
    try {
      const [md, code] = notebook.getCells();
      assert.equal(md.kind, vscode.NotebookCellKind.Markup);
      assert.match(await hoverText(md, T(1)), /4,321/);
      assert.match(await hoverText(code, T(2)), /8,765/);
    } finally {
      await a.store.remove(cached.id);
    }
  });

  it('Fetch with no selection asks for the IDs of every cell and output, labelled with the notebook', async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    await vscode.window.showNotebookDocument(notebook);
    assert.equal(vscode.window.activeNotebookEditor?.notebook, notebook);
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals');
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? a.store.runs()[0] : undefined));
    try {
      assert.deepEqual(run.result.query.tweetIds, EXPECTED, 'sources and outputs; not the user_id, not the image');
      assert.equal(path.basename(run.source), 'analysis.ipynb');
    } finally {
      await a.store.remove(run.id);
    }
  });

  it('Fetch with a selection in a cell asks for the selection', async () => {
    const a = await api();
    const code = notebook.getCells()[1];
    const editor = await vscode.window.showTextDocument(code.document);
    const start = code.document.getText().indexOf(T(3));
    editor.selection = new vscode.Selection(code.document.positionAt(start), code.document.positionAt(start + T(3).length));
    assert.equal(vscode.window.activeNotebookEditor?.notebook, notebook, 'the notebook editor stays active');
    const before = a.store.runs().length;
    await vscode.commands.executeCommand('xEngagement.fetchTotals');
    const run = await waitFor('a new run', () => (a.store.runs().length > before ? a.store.runs()[0] : undefined));
    try {
      assert.deepEqual(run.result.query.tweetIds, [T(3)]);
      assert.match(run.source, /^selection in .*analysis\.ipynb$/);
    } finally {
      await a.store.remove(run.id);
    }
  });

  it('Reveal in file on a notebook run selects the ID in its cell, in the notebook editor', async () => {
    const a = await api();
    const run = {
      id: 'notebook-reveal-run',
      profile: 'notebook-test',
      source: 'analysis.ipynb',
      sourceUris: [notebook.uri.toString()],
      result: totalsResult({
        query: { tweetIds: [T(2)], engagementTypes: ['favorites'], groupings: [{ name: 'perTweet', groupBy: ['tweet.id', 'engagement.type'] }] },
        groupings: { perTweet: { [T(2)]: { favorites: '1' } } },
      }),
    };
    await a.store.add(run);
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.equal(await vscode.commands.executeCommand('xEngagement.revealInFile', { runId: run.id, tweetId: T(2) }), 'revealed');
      assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.toString(), notebook.uri.toString(), 'the notebook editor, not the raw JSON');
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.scheme, 'vscode-notebook-cell');
      assert.equal(editor?.document.getText(editor.selection), T(2));
    } finally {
      await a.store.remove(run.id);
    }
  });

  it('the .ipynb picked in the explorer reads the same IDs; one that does not parse is read as text, with a log line', async () => {
    const picked = await scanFiles([vscode.Uri.file(file)]);
    assert.deepEqual(picked.ids, EXPECTED);
    const broken = path.join(dir, 'broken.ipynb');
    fs.writeFileSync(broken, JSON.stringify(NOTEBOOK).slice(0, -40));
    const log: string[] = [];
    const raw = await scanFiles([vscode.Uri.file(broken)], { log: (l) => log.push(l) });
    assert.ok(raw.ids.includes(USER) && raw.ids.includes(T(5)), 'the raw text: user ID and image digits included');
    assert.equal(log.length, 1);
    assert.match(log[0], /broken\.ipynb: not valid JSON: read as plain text, not as cells and outputs/);
  });
});
