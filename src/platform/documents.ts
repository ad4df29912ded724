// Which documents the extension reads on its own (hovers, annotations): those a user types in or
// opens, not the Output panel, diff editors' git views, SCM input or settings editors.
import type * as vscode from 'vscode';

/** Files on disk (local or remote), new untitled files, and notebook cells. */
export const USER_DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-notebook-cell'] as const;

/** The document selector for providers (hover) over those documents. */
export const USER_DOCUMENTS: vscode.DocumentFilter[] = USER_DOCUMENT_SCHEMES.map((scheme) => ({ scheme }));

export function isUserDocument(document: { uri: { scheme: string } }): boolean {
  return (USER_DOCUMENT_SCHEMES as readonly string[]).includes(document.uri.scheme);
}
