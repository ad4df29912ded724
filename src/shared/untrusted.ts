// Untrusted text — API answers (errors, keys, headers), file names and paths, document text,
// settings, profile names — made safe for each kind of place that shows it. Every sink goes
// through one of these; plain TypeScript (no 'vscode'), so the CLI and the editor share them.
//
//   sink                                              function
//   notifications (show*Message), progress titles     forNotification
//   quick pick label/description/detail, status bar   forIconLabel
//   tree item label/description, quick input title    forLabel
//   plain-string tooltips (tree, status bar)          forTooltip
//   Markdown (hovers, MarkdownString)                 escapeMarkdown
//   a terminal (CLI stdout/CSV), multi-line           forTerminal
//   one line of a log, Output, or CLI stderr          forLogLine
//   JSON text (already JSON.stringify'd)              escapeJsonText
//
// What VS Code parses, and so what is neutralised:
// - Notifications turn `[label](https://…|command:…|file:…)` into links (parseLinkedText):
//   a `]` directly before `(` becomes `]` + ZERO WIDTH SPACE + `(`, which that pattern cannot
//   match; the text reads the same. A bare `command:` URI is never a link there.
// - Quick picks and the status bar render `$(name)` and `$(name~modifier)` as icons
//   (renderLabelWithIcons); `\$(name)` shows the text itself, so that is what they get
//   (VS Code's escapeIcons). Tree item labels and descriptions and quick input titles
//   render neither, so they get no escape (it would show).
// - Terminals obey C0/C1 controls and escape sequences (clear screen, window title, OSC 52
//   clipboard writes): whole sequences are dropped, then every other control but tab and
//   newline; bidirectional overrides go too, so text cannot display in another order.

/** CSI (7- and 8-bit), string sequences (OSC, DCS, SOS, PM, APC) up to their terminator, other ESC sequences. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
/** C0 but tab and newline, DEL, C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LINE_SEPARATOR = /[\u2028\u2029]/g;

/** The text without escape sequences and control characters; tab and newline kept (CRLF → LF). */
export function stripControls(text: string): string {
  return String(text).replace(ESCAPE_SEQUENCE, '').replace(LINE_SEPARATOR, '\n').replace(CONTROL, '').replace(BIDI, '');
}

/** Text for a terminal (CLI output, CSV cells): controls and escape sequences removed. */
export function forTerminal(text: string): string {
  return stripControls(text);
}

/** One line without controls: for a log, the Output view, a CLI stderr line. */
export function forLogLine(text: string): string {
  return stripControls(text).replace(/\s+/g, ' ').trim();
}

const ZWSP = '\u200b';

/**
 * No `[label](target)` link can form: a `]` before `(` (or at the end, where our own text
 * may go on with `(`) gets an invisible space after it.
 */
function breakLinks(text: string): string {
  return text.replace(/\](?=\(|$)/g, ']' + ZWSP);
}

/** For showInformationMessage/showWarningMessage/showErrorMessage and progress titles. */
export function forNotification(text: string): string {
  return breakLinks(forLogLine(text));
}

/** For labels that render neither icons nor links (tree items, quick input titles): one line, no link syntax. */
export function forLabel(text: string): string {
  return breakLinks(forLogLine(text));
}

/** For a plain-string tooltip: lines kept, controls removed, no link syntax. */
export function forTooltip(text: string): string {
  return breakLinks(stripControls(text));
}

/** VS Code's icon syntax (ThemeIcon.iconNameExpression and iconModifierExpression), escaped or not. */
const ICON = /(\\)?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * For quick pick labels, descriptions and details and the status bar: one line, `$(icon)`
 * shown as text. A `$(name` cut off at the end is escaped too, in case our text closes it.
 */
export function forIconLabel(text: string): string {
  return breakLinks(forLogLine(text))
    .replace(ICON, (match: string, escaped?: string) => (escaped ? match : '\\' + match))
    .replace(/(^|[^\\])\$\((?=[A-Za-z0-9~-]*$)/, '$1\\$(');
}

/**
 * For Markdown that also renders theme icons (hovers): markdown punctuation, `$(icon)`
 * syntax, table pipes and HTML angle brackets escaped (so no link, autolink, image or HTML
 * can form); controls removed and newlines made spaces.
 */
export function escapeMarkdown(text: string): string {
  return (
    forLogLine(text)
      .replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:]/g, '\\$&')
      // VS Code's own icon escape (what MarkdownString.appendText does): `\$(` stays literal.
      .replace(/\$\\\(/g, '\\$(')
  );
}

/**
 * JSON text (from JSON.stringify) with the characters it leaves raw escaped as \uXXXX: DEL
 * and C1 controls (a terminal may obey them), U+2028/U+2029 (line breaks to JavaScript and
 * editors) and bidirectional controls. Still the same JSON value.
 */
export function escapeJsonText(json: string): string {
  return json.replace(/[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
