// Which documents the extension reads on its own (hovers, annotations): those a user types in or
// opens, not the Output panel, diff editors' git views, SCM input or settings editors.
import type * as vscode from 'vscode';
import { isCsvName, maskCsvLine } from '../finder/csv';

/** Files on disk (local or remote), new untitled files, and notebook cells. */
export const USER_DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell'] as const;

/** The document selector for providers (hover) over those documents. */
export const USER_DOCUMENTS: vscode.DocumentFilter[] = USER_DOCUMENT_SCHEMES.map((scheme) => ({ scheme }));

export function isUserDocument(document: { uri: { scheme: string } }): boolean {
  return (USER_DOCUMENT_SCHEMES as readonly string[]).includes(document.uri.scheme);
}

/** A CSV or TSV export (by language or file name): the finder applies the CSV column rules to it. */
export function isCsvDocument(document: { languageId: string; fileName: string }): boolean {
  return ['csv', 'tsv'].includes(document.languageId) || isCsvName(document.fileName);
}

/** The text of a line as the finder should see it: in a CSV/TSV document, with the non-Tweet ID columns its header names blanked. */
export function finderLineText(document: vscode.TextDocument, line: number): string {
  const text = document.lineAt(line).text;
  return line > 0 && isCsvDocument(document) ? maskCsvLine(document.lineAt(0).text, text) : text;
}
