// The walkthrough's "Open the sample" button: a Markdown file shipped with the extension, opened
// in an editor, whose Tweet IDs the finder takes (and whose user IDs it skips).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../../src/commands';
import { findTweetIds } from '../../src/finder/finder';
import { api } from './support/extension';

describe('walkthrough', function () {
  this.timeout(30_000);

  it('Open the sample opens media/walkthrough/sample.md, with Tweet IDs to fetch and user IDs that are skipped', async () => {
    await api();
    await vscode.commands.executeCommand(INTERNAL_COMMANDS.openSample);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.match(editor.document.uri.path, /\/media\/walkthrough\/sample\.md$/);
    const text = editor.document.getText();
    const { ids } = findTweetIds(text);
    assert.equal(ids.length, 5, `the sample's Tweet IDs: ${ids.join(', ')}`);
    assert.ok(text.includes('1376286934870040577') && !ids.includes('1376286934870040577'), 'the user ID is not a Tweet');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
