// The first-run walkthrough (package.json `contributes.walkthroughs`): its steps run the
// extension's own commands and complete on them or on context keys the hover and the panel set
// (CONTEXT_KEYS). This registers what only the walkthrough uses: "Open the sample", a Markdown
// file with Tweet IDs shipped in media/walkthrough/.
import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../../commands';
import { registerCommand } from '../../platform/usage';

export function registerWalkthrough(extensionUri: vscode.Uri): vscode.Disposable {
  return registerCommand(INTERNAL_COMMANDS.openSample, () =>
    vscode.window.showTextDocument(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', 'sample.md'), { preview: false }),
  );
}
