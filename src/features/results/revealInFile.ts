// Reveal in file: opens the file a run's IDs came from at the first place a Tweet ID appears there
// (the finder decides what counts: status URLs do, a longer number does not; in a CSV export the
// user/author… columns are skipped as when fetching). From a Tweet in the tree or a row of the panel.
import * as vscode from 'vscode';
import { firstOccurrence } from '../../finder/finder';
import { maskCsvText } from '../../finder/csv';
import { isCsvDocument } from '../../platform/documents';
import { RunStore } from '../../platform/runStore';
import { forNotification } from '../../shared/untrusted';

/** Files larger than this are not opened to look (explorer picks may be huge). */
const MAX_REVEAL_BYTES = 50 * 1024 * 1024;

export type RevealOutcome = 'revealed' | 'no-run' | 'no-source' | 'not-found';

export async function revealInFile(store: RunStore, runId: string, tweetId: string): Promise<RevealOutcome> {
  const run = store.get(runId);
  if (!run) {
    void vscode.window.showWarningMessage('This run is no longer in the cache.');
    return 'no-run';
  }
  const uris = (run.sourceUris ?? []).map((u) => vscode.Uri.parse(u, true));
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(
      `This run does not know which file its Tweets came from (hover lookups and runs fetched before this version). Tweet ${tweetId} was not revealed.`,
    );
    return 'no-source';
  }
  for (const uri of uris) {
    const doc = await openIfSmall(uri);
    if (!doc) continue;
    const match = firstOccurrence(isCsvDocument(doc) ? maskCsvText(doc.getText()) : doc.getText(), tweetId);
    if (!match) continue;
    const range = new vscode.Range(doc.positionAt(match.start), doc.positionAt(match.end));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    await vscode.window.showTextDocument(doc, { selection: range, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    return 'revealed';
  }
  const where = uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]) : `any of its ${uris.length} files`;
  void vscode.window.showInformationMessage(forNotification(`Tweet ${tweetId} is no longer in ${where} (the file changed, moved or was deleted).`));
  return 'not-found';
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
