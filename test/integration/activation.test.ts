// The extension is installed in the real extension host, activates, and every command it
// declares in package.json is registered. Reads package.json at run time so the test keeps
// up with commands added later.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  name: string;
  publisher: string;
  contributes?: { commands?: { command: string }[] };
}

// Compiled to out/test/integration/, so the repo root is three levels up.
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('Extension activation', () => {
  it(`is installed as ${extensionId}`, () => {
    assert.equal(extensionId, 'x-engagement-tools.x-engagement-totals');
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not installed in this VS Code`);
  });

  it('activates without throwing', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command declared in package.json', async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  it('opens the fixture workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(
      folders.some((f) => f.uri.path.endsWith('/test/fixtures/workspace')),
      `workspace folders: ${folders.map((f) => f.uri.toString()).join(', ') || '(none)'}`,
    );
  });
});
