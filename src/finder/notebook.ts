// Jupyter notebooks: the text a user sees in one, for the finder. Every cell's source (code,
// markdown, raw) and its outputs' text (streams, results, displays, errors), each on lines of its
// own; never metadata, attachments, widget state or images (a base64 PNG is not text). The same
// rules serve a notebook open in the editor (cells and output items from VS Code's notebook model)
// and an .ipynb file read from disk (the explorer, the CLI), whose nbformat 4 JSON is mapped to the
// editor's output items first. No `vscode`.
import { parseJsonLossless } from '../core/lossless';
import { stripControls } from '../shared/untrusted';

/** Whether a file name is a Jupyter notebook. */
export function isNotebookName(name: string): boolean {
  return /\.ipynb$/i.test(name);
}

/** One representation of an output: a MIME type and its data (text, or UTF-8 bytes as the editor holds them). */
export interface OutputItem {
  mime: string;
  data: string | Uint8Array;
}

/** A cell as the finder reads it: its source and its outputs, each output a list of alternative representations. */
export interface NotebookCellText {
  source: string;
  outputs: Iterable<readonly OutputItem[]>;
}

/** VS Code's MIME types for stream and error outputs (its ipynb serializer maps nbformat's to these). */
export const NOTEBOOK_MIMES = {
  stdout: 'application/vnd.code.notebook.stdout',
  stderr: 'application/vnd.code.notebook.stderr',
  error: 'application/vnd.code.notebook.error',
} as const;

/** JSON MIME types that are widget state or a widget's view, not data a user reads. */
const WIDGET_MIME = /^application\/vnd\.jupyter\.widget-/i;

/**
 * How much a representation is worth reading (higher first), or 0 when it is not text: JSON (the
 * finder's key rules apply to it), Markdown, HTML, other text, plain text (often only a repr such
 * as `<IPython.core.display.HTML object>` next to a richer one). Images (SVG too) and binary types are 0.
 */
function textRank(mime: string): number {
  const m = mime.toLowerCase().split(';')[0].trim();
  if (m === NOTEBOOK_MIMES.stdout || m === NOTEBOOK_MIMES.stderr || m === NOTEBOOK_MIMES.error) return 6;
  if ((m === 'application/json' || m.endsWith('+json')) && !WIDGET_MIME.test(m)) return 5;
  if (m === 'text/markdown') return 4;
  if (m === 'text/html') return 3;
  if (m === 'text/plain') return 1;
  if (m.startsWith('text/')) return 2;
  return 0;
}

/**
 * Which representation of one output to read: the richest that holds text. An output's
 * representations show the same value (a DataFrame as text/plain and text/html), so reading one
 * keeps each ID once; undefined when none is text (an image alone).
 */
export function pickTextMime(mimes: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestRank = 0;
  for (const mime of mimes) {
    const rank = textRank(mime);
    if (rank > bestRank) [best, bestRank] = [mime, rank];
  }
  return best;
}

const utf8 = new TextDecoder('utf-8');

/** The text of one representation: bytes decoded as UTF-8, an error as its name, message and traceback, without terminal escapes (tracebacks are coloured). */
export function outputItemText(mime: string, data: string | Uint8Array): string {
  const text = typeof data === 'string' ? data : utf8.decode(data);
  if (mime.toLowerCase() !== NOTEBOOK_MIMES.error) return stripControls(text);
  try {
    const e = JSON.parse(text) as { name?: unknown; message?: unknown; stack?: unknown };
    // The traceback ends with the name and message: read it alone when there is one.
    const stack = typeof e.stack === 'string' && e.stack.trim() ? e.stack : undefined;
    return stripControls(stack ?? `${String(e.name ?? '')}: ${String(e.message ?? '')}`);
  } catch {
    return stripControls(text);
  }
}

/** The text of one output (its richest text representation), or undefined when it has none. */
export function outputText(items: readonly OutputItem[]): string | undefined {
  const mime = pickTextMime(items.map((i) => i.mime));
  const item = mime === undefined ? undefined : items.find((i) => i.mime === mime);
  return item ? outputItemText(item.mime, item.data) : undefined;
}

/** The notebook as the finder reads it: each cell's source, then its outputs' text, each piece on lines of its own. */
export function notebookText(cells: Iterable<NotebookCellText>): string {
  const pieces: string[] = [];
  for (const cell of cells) {
    pieces.push(cell.source);
    for (const output of cell.outputs) {
      const text = outputText(output);
      if (text) pieces.push(text);
    }
  }
  return pieces.join('\n');
}

/** An .ipynb file's text for the finder, or why it is not an nbformat 4 notebook (the caller then scans the raw text). */
export type IpynbText = { text: string; cells: number } | { error: string };

/** nbformat's multiline strings: a string or a list of lines (each with its own newline). */
function multiline(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.join('');
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One nbformat 4 output as the editor's output items (only the representation that will be read is converted). */
function ipynbOutput(o: unknown): OutputItem[] {
  if (!isObject(o)) return [];
  if (o.output_type === 'stream') {
    const text = multiline(o.text);
    return text === undefined ? [] : [{ mime: o.name === 'stderr' ? NOTEBOOK_MIMES.stderr : NOTEBOOK_MIMES.stdout, data: text }];
  }
  if (o.output_type === 'error') {
    const traceback = Array.isArray(o.traceback) ? o.traceback.filter((l): l is string => typeof l === 'string').join('\n') : '';
    return [{ mime: NOTEBOOK_MIMES.error, data: JSON.stringify({ name: String(o.ename ?? ''), message: String(o.evalue ?? ''), stack: traceback }) }];
  }
  if (!isObject(o.data)) return [];
  const bundle = o.data;
  const mime = pickTextMime(Object.keys(bundle));
  if (mime === undefined) return [];
  const value = bundle[mime];
  // JSON types hold the value itself; numbers were kept as their digits (parseJsonLossless), so IDs stay exact.
  const data = multiline(value) ?? JSON.stringify(value);
  return typeof data === 'string' ? [{ mime, data }] : [];
}

/**
 * The text of an nbformat 4 notebook (.ipynb JSON): cell sources (string or list of lines) and
 * outputs, as notebookText reads them. Not JSON, or not nbformat 4 (v3 "worksheets"): an error.
 */
export function ipynbText(json: string): IpynbText {
  let nb: unknown;
  try {
    nb = parseJsonLossless(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch {
    return { error: 'not valid JSON' }; // the parser's message would quote the file's text
  }
  if (!isObject(nb)) return { error: 'not a notebook (no JSON object)' };
  if (!Array.isArray(nb.cells)) return { error: Array.isArray(nb.worksheets) ? 'nbformat 3 (worksheets), only nbformat 4 is read' : 'not a notebook (no "cells")' };
  const cells: NotebookCellText[] = nb.cells.filter(isObject).map((c) => ({
    source: multiline(c.source) ?? '',
    outputs: (Array.isArray(c.outputs) ? c.outputs : []).map(ipynbOutput),
  }));
  return { text: notebookText(cells), cells: cells.length };
}

/**
 * What the finder reads of an .ipynb file: its cells and outputs; its raw text when it is not an
 * nbformat 4 notebook, with a note saying why (for the log or stderr).
 */
export function notebookFileText(raw: string): { text: string; note?: string } {
  const nb = ipynbText(raw);
  return 'text' in nb ? { text: nb.text } : { text: raw, note: `${nb.error}: read as plain text, not as cells and outputs` };
}
