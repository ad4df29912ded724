// The results page's HTML, as a pure function (no `vscode`): the host renders it with the
// webview's URIs, and bench/panel.ts renders the same HTML in Chromium. A strict CSP, the
// stylesheets and the nonce'd scripts; no data at all (the page asks for it with `ready`).
import { randomBytes } from 'node:crypto';

/** A fresh nonce per render, from the OS's CSPRNG. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface PageParts {
  /** The webview's resource origin (Webview.cspSource): the only place styles and images may come from. */
  cspSource: string;
  title: string;
  /** Stylesheet URLs, in order. */
  styles: string[];
  /** Script URLs, in order; each gets the nonce. */
  scripts: string[];
  nonce?: string;
  bodyClass?: string;
  /** The display language's translations (vscode.l10n.bundle), for the page's `@vscode/l10n`; none in English. */
  l10n?: Record<string, string>;
  /** The display language (vscode.env.language), for the page's `lang`. */
  lang?: string;
  /** What the page says until its data arrives ("Loading…" in English). */
  loading?: string;
}

export function pageHtml(p: PageParts): string {
  const nonce = p.nonce ?? makeNonce();
  const csp = `default-src 'none'; style-src ${p.cspSource}; script-src 'nonce-${nonce}'; img-src ${p.cspSource} data:;`;
  const styles = p.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  const scripts = p.scripts.map((src) => `<script nonce="${nonce}" src="${escapeHtml(src)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(p.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(p.title)}</title>
</head>
<body${p.bodyClass ? ` class="${escapeHtml(p.bodyClass)}"` : ''}${p.l10n ? ` data-l10n="${escapeHtml(JSON.stringify(p.l10n))}"` : ''}>
<main id="app" aria-live="polite"><p class="loading">${escapeHtml(p.loading ?? 'Loading…')}</p></main>
${scripts}
</body>
</html>`;
}
