// Tab-separated text of a table: what the results page's "Copy table" puts on the clipboard.
// Plain TypeScript, no 'vscode', no DOM. The header in the display language (`@vscode/l10n`), as the page shows it.
import * as l10n from '@vscode/l10n';

/**
 * The table as tab-separated text: a header line ("Tweet ID" and the column names the caller
 * shows, X's words), then a line per row (null: empty cell); tabs and line breaks in cells become spaces.
 */
export function toTsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  const lines = [[l10n.t('Tweet ID'), ...columns].join('\t')];
  for (const r of rows) lines.push(r.map((v) => (v === null ? '' : clean(v))).join('\t'));
  return lines.join('\n') + '\n';
}
