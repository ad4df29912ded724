// The one place that hands the editor's translations to code that cannot import 'vscode'.
//
// Extension code calls `vscode.l10n.t`; pure code (src/shared, src/core, the webview page) calls
// `l10n.t` from '@vscode/l10n', which returns English until it is configured. At activation this
// configures it with the bundle VS Code loaded for the display language (l10n/bundle.l10n.<lang>.json),
// so both say the same; the CLI never configures it and stays English. The webview page gets the
// same bundle through `l10nBundle()` (see src/features/panel/page.ts).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/** Called first in activate(). A no-op in English (VS Code then has no bundle). */
export function configureL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}

/** The loaded translations (message → translation), or undefined in English. */
export function l10nBundle(): { [key: string]: string } | undefined {
  return vscode.l10n.bundle;
}
