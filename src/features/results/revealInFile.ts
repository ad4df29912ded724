// Reveal in file: opens the file a run's IDs came from at the first place a Tweet ID appears there
// (the finder decides what counts: status URLs do, a longer number does not; in a CSV export the
// user/author… columns are skipped as when fetching). From a Tweet in the tree or a row of the panel.
import * as vscode from 'vscode';
import { firstOccurrence } from '../../finder/finder';
import { maskCsvText } from '../../finder/csv';
import { isNotebookName } from '../../finder/notebook';
import { isCsvDocument } from '../../platform/documents';
import { RunStore } from '../../platform/runStore';
import { forNotification } from '../../shared/untrusted';

/** Files larger than this are not opened to look (explorer picks may be huge). */
const MAX_REVEAL_BYTES = 50 * 1024 * 1024;

export type RevealOutcome = 'revealed' | 'no-run' | 'no-source' | 'not-found';

export async function revealInFile(store: RunStore, runId: string, tweetId: string): Promise<RevealOutcome> {
  const run = store.get(runId);
  if (!run) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This run is no longer in the cache.'));
    return 'no-run';
  }
  const uris = (run.sourceUris ?? []).map((u) => vscode.Uri.parse(u, true));
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This run does not know which file its Tweets came from (hover lookups and runs fetched before this version). Tweet {0} was not revealed.', tweetId),
    );
    return 'no-source';
  }
  for (const uri of uris) {
    if (isNotebookName(uri.path)) {
      if (await revealInNotebook(uri, tweetId)) return 'revealed';
      continue;
    }
    const doc = await openIfSmall(uri);
    if (!doc) continue;
    const match = firstOccurrence(isCsvDocument(doc) ? maskCsvText(doc.getText()) : doc.getText(), tweetId);
    if (!match) continue;
    const range = new vscode.Range(doc.positionAt(match.start), doc.positionAt(match.end));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    await vscode.window.showTextDocument(doc, { selection: range, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    return 'revealed';
  }
  const where = uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]) : vscode.l10n.t('any of its {0} files', uris.length);
  void vscode.window.showInformationMessage(forNotification(vscode.l10n.t('Tweet {0} is no longer in {1} (the file changed, moved or was deleted).', tweetId, where)));
  return 'not-found';
}

/**
 * A notebook: the first cell whose text holds the ID, in the notebook editor, with the ID selected
 * in that cell (outputs cannot hold a selection: an ID only in an output is not revealed).
 */
async function revealInNotebook(uri: vscode.Uri, tweetId: string): Promise<boolean> {
  let notebook: vscode.NotebookDocument;
  try {
    const open = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString());
    if (!open && (await vscode.workspace.fs.stat(uri)).size > MAX_REVEAL_BYTES) return false;
    notebook = open ?? (await vscode.workspace.openNotebookDocument(uri));
  } catch {
    return false;
  }
  for (const cell of notebook.getCells()) {
    const match = firstOccurrence(cell.document.getText(), tweetId);
    if (!match) continue;
    const shown = vscode.window.visibleNotebookEditors.find((e) => e.notebook === notebook);
    const cells = new vscode.NotebookRange(cell.index, cell.index + 1);
    const editor = await vscode.window.showNotebookDocument(notebook, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selections: [cells] });
    editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    const range = new vscode.Range(cell.document.positionAt(match.start), cell.document.positionAt(match.end));
    await vscode.window.showTextDocument(cell.document, { selection: range, viewColumn: editor.viewColumn, preserveFocus: false });
    return true;
  }
  return false;
}

/** The document, or undefined when it is gone, unreadable or too large to open. */
async function openIfSmall(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_REVEAL_BYTES) return undefined;
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}
