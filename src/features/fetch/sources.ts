// Where Fetch engagement totals gets its IDs: files picked in the explorer (streamed through the
// finder, with size caps; a notebook's cells and outputs, not its JSON), else the active editor's
// selections, else its whole document (a notebook: every cell and output).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { findTweetIds } from '../../finder/finder';
import { CsvMasker, isCsvName, maskCsvText } from '../../finder/csv';
import { isCsvDocument } from '../../platform/documents';
import { createTweetIdScanner } from '../../finder/finderWasm';
import { MAX_SOURCE_URIS } from '../../core/types';
import { isNotebookName, notebookFileText, notebookText } from '../../finder/notebook';
import { forNotification } from '../../shared/untrusted';
import { formatSize, skippedFilesMessage, type FoundCounts, type SkippedFile } from './messages';

export interface Found extends FoundCounts {
  ids: string[];
  /** Where the IDs came from, as runs are labelled: a file name, "3 files", "selection in report.md". */
  source: string;
  /** The files read (the selection's file for a selection), at most MAX_SOURCE_URIS: for Reveal in file. */
  sourceUris?: string[];
}

/**
 * The IDs the command works on: explorer files when given, else the active editor's selections or
 * whole file. Undefined (after saying why) when there is nothing to read or reading was cancelled.
 */
export async function collectIds(uri?: vscode.Uri, uris?: vscode.Uri[], token?: vscode.CancellationToken, log?: (line: string) => void): Promise<Found | undefined> {
  const editor = vscode.window.activeTextEditor;
  const files = uris && uris.length > 0 ? uris : uri ? [uri] : [];
  // From the editor's context menu the URI is the editor's own document: use its selections.
  if (files.length === 1 && editor && editor.document.uri.toString() === files[0].toString()) files.length = 0;
  if (files.length > 0) {
    const r = await scanWithProgress(files, token, log);
    if (r.skipped.length > 0) void vscode.window.showWarningMessage(forNotification(skippedFilesMessage(r.skipped)));
    if (r.cancelled) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('X Engagement: cancelled while reading files; nothing fetched'), 5000);
      return undefined;
    }
    return {
      ...r,
      source: files.length === 1 ? fileLabel(files[0]) : vscode.l10n.t('{0} files', files.length),
      sourceUris: files.slice(0, MAX_SOURCE_URIS).map((f) => f.toString()),
    };
  }
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook) return notebookIds(notebook, editor);
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a file with Tweet IDs (or select some text with IDs) and run Fetch engagement totals again.'));
    return undefined;
  }
  const doc = editor.document;
  const name = fileLabel(doc.uri);
  const selected = editor.selections.filter((s) => !s.isEmpty);
  // A CSV/TSV export: user, author, media… columns are blanked first (offsets stay, so selections still apply).
  const whole = isCsvDocument(doc) ? maskCsvText(doc.getText()) : undefined;
  const textOf = (r: vscode.Range) => (whole === undefined ? doc.getText(r) : whole.slice(doc.offsetAt(r.start), doc.offsetAt(r.end)));
  const text = selected.length ? selected.map(textOf).join('\n') : (whole ?? doc.getText());
  const r = findTweetIds(text);
  return { ids: r.ids, duplicates: r.duplicates, invalid: r.invalid, source: selected.length ? vscode.l10n.t('selection in {0}', name) : name, sourceUris: [doc.uri.toString()] };
}

/**
 * The active notebook's IDs: the selections of the cell being edited when it has some, else every
 * cell's source and outputs (finder/notebook.ts says which output text is read).
 */
function notebookIds(notebook: vscode.NotebookDocument, editor: vscode.TextEditor | undefined): Found {
  const name = fileLabel(notebook.uri);
  const cells = notebook.getCells();
  const inCell = editor && cells.some((c) => c.document === editor.document) ? editor.selections.filter((s) => !s.isEmpty) : [];
  const text = inCell.length
    ? inCell.map((s) => editor!.document.getText(s)).join('\n')
    : notebookText(cells.map((c) => ({ source: c.document.getText(), outputs: c.outputs.map((o) => o.items) })));
  const r = findTweetIds(text);
  return {
    ids: r.ids,
    duplicates: r.duplicates,
    invalid: r.invalid,
    source: inCell.length ? vscode.l10n.t('selection in {0}', name) : name,
    sourceUris: [notebook.uri.toString()],
  };
}

/** scanFiles under a cancellable notification (reading a large pick takes a while). */
function scanWithProgress(files: vscode.Uri[], token?: vscode.CancellationToken, log?: (line: string) => void): Promise<FileScan> {
  const title = vscode.l10n.t('Reading {0} for Tweet IDs', files.length === 1 ? forNotification(fileLabel(files[0])) : vscode.l10n.t('{0} files', files.length));
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, progressToken) => {
      const either = new vscode.CancellationTokenSource();
      const links = [progressToken, token].map((t) => t?.onCancellationRequested(() => either.cancel()));
      if (progressToken.isCancellationRequested || token?.isCancellationRequested) either.cancel();
      try {
        return await scanFiles(files, {
          token: either.token,
          log,
          onProgress: (p) => progress.report({ message: vscode.l10n.t('{0}/{1}: {2} read', p.fileIndex + 1, files.length, formatSize(p.totalBytes)) }),
        });
      } finally {
        for (const l of links) l?.dispose();
        either.dispose();
      }
    }),
  );
}

/** Largest explorer file that is read, and largest total for one pick: 256 MB each. */
export const MAX_PICKED_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_PICKED_TOTAL_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1 << 20;

/**
 * How a file name appears in messages (the one place: file names are untrusted text, see
 * STYLE.md "The trust boundary").
 */
function fileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

export interface FileScan {
  ids: string[];
  duplicates: number;
  invalid: number;
  skipped: SkippedFile[];
  /** Cancelled while reading: the caller fetches nothing. */
  cancelled: boolean;
}

export interface ScanOptions {
  token?: vscode.CancellationToken;
  maxFileBytes?: number;
  maxTotalBytes?: number;
  onProgress?(p: { fileIndex: number; totalBytes: number }): void;
  /** Told what was read differently than asked (a notebook that does not parse is read as raw text). */
  log?(line: string): void;
}

/**
 * The Tweet IDs of files picked in the explorer, as if their texts were joined with newlines.
 * Bytes are streamed through one scanner (the WebAssembly one where it runs): memory stays
 * O(unique IDs) plus one chunk for local files, however large they are. Only regular files are
 * read (stat first, following links: a FIFO is never opened, since opening one blocks), each up
 * to maxFileBytes and all together up to maxTotalBytes; anything else is skipped and reported.
 * The token stops reading between chunks.
 */
export async function scanFiles(files: vscode.Uri[], options: ScanOptions = {}): Promise<FileScan> {
  const maxFile = options.maxFileBytes ?? MAX_PICKED_FILE_BYTES;
  const maxTotal = options.maxTotalBytes ?? MAX_PICKED_TOTAL_BYTES;
  const cancelled = () => options.token?.isCancellationRequested === true;
  const ids: string[] = [];
  const skipped: SkippedFile[] = [];
  const scanner = createTweetIdScanner((id: string) => ids.push(id));
  let total = 0;
  for (const [fileIndex, f] of files.entries()) {
    if (cancelled()) break;
    const name = fileLabel(f);
    const skip = (kind: SkippedFile['kind'], why: string) => void skipped.push({ name, kind, why });
    try {
      const stat = await statPicked(f);
      if (stat.notRegular) {
        skip('not-regular', vscode.l10n.t('{0}, not a regular file', stat.notRegular));
        continue;
      }
      if (stat.size > maxFile) {
        skip('too-large', vscode.l10n.t('{0}, over the {1} limit per file', formatSize(stat.size), formatSize(maxFile)));
        continue;
      }
      if (total + stat.size > maxTotal) {
        skip('too-large', vscode.l10n.t('{0} would take the pick over the {1} limit', formatSize(stat.size), formatSize(maxTotal)));
        continue;
      }
      const allowance = Math.min(maxFile, maxTotal - total);
      const csv = isCsvName(f.path) ? new CsvMasker() : undefined;
      // A notebook is parsed whole (its cells and outputs are read, not its JSON), so its chunks are kept until the end.
      const notebook: Buffer[] | undefined = isNotebookName(f.path) ? [] : undefined;
      const read = await readPicked(
        f,
        allowance,
        (chunk) => {
          if (notebook)
            notebook.push(chunk); // each chunk is a buffer of its own
          else scanner.write(csv ? csv.maskBytes(chunk) : chunk);
          total += chunk.length;
          options.onProgress?.({ fileIndex, totalBytes: total });
        },
        cancelled,
      );
      if (notebook && !cancelled()) {
        const nb = notebookFileText(Buffer.concat(notebook).toString('utf8'));
        if (nb.note) options.log?.(`${name}: ${nb.note}`);
        scanner.write(nb.text);
      }
      if (read === 'not-regular') skip('not-regular', vscode.l10n.t('not a regular file once opened'));
      if (read === 'truncated') skip('truncated', vscode.l10n.t('grew past {0} while being read; only that much was read', formatSize(allowance)));
    } catch (e) {
      skip('unreadable', readError(e));
    }
    scanner.write('\n'); // an ID never runs from one file into the next
  }
  scanner.end();
  return { ids, duplicates: scanner.stats.duplicates, invalid: scanner.stats.invalid, skipped, cancelled: cancelled() };
}

/** Size of a picked file, or what it is when it is not a regular file (links followed). */
async function statPicked(f: vscode.Uri): Promise<{ size: number; notRegular?: string }> {
  if (f.scheme === 'file') {
    const st = await fs.promises.stat(f.fsPath);
    return { size: st.size, notRegular: st.isFile() ? undefined : nodeKind(st) };
  }
  const st = await vscode.workspace.fs.stat(f);
  if (st.type & vscode.FileType.File) return { size: st.size };
  return { size: st.size, notRegular: st.type & vscode.FileType.Directory ? 'a folder' : 'not a file' };
}

function nodeKind(st: fs.Stats): string {
  if (st.isDirectory()) return vscode.l10n.t('a folder');
  if (st.isFIFO()) return vscode.l10n.t('a named pipe (FIFO)');
  if (st.isCharacterDevice() || st.isBlockDevice()) return vscode.l10n.t('a device');
  if (st.isSocket()) return vscode.l10n.t('a socket');
  return vscode.l10n.t('not a file');
}

/**
 * Reads up to `allowance` bytes of a picked file in chunks, stopping when `stop()` says so.
 * Local files are opened non-blocking and checked again after opening, so a file swapped for a
 * FIFO after the stat cannot block.
 */
async function readPicked(f: vscode.Uri, allowance: number, onChunk: (chunk: Buffer) => void, stop: () => boolean): Promise<'done' | 'truncated' | 'not-regular'> {
  if (f.scheme !== 'file') {
    const bytes = await vscode.workspace.fs.readFile(f);
    if (stop()) return 'done';
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    onChunk(buf.subarray(0, allowance));
    return buf.length > allowance ? 'truncated' : 'done';
  }
  const handle = await fs.promises.open(f.fsPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!(await handle.stat()).isFile()) return 'not-regular';
    let position = 0;
    while (position < allowance) {
      if (stop()) return 'done';
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, allowance - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return 'done';
      onChunk(chunk.subarray(0, bytesRead));
      position += bytesRead;
    }
    const { bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, position);
    return bytesRead > 0 ? 'truncated' : 'done';
  } finally {
    await handle.close();
  }
}

/** Why a file could not be read, without echoing its path (Node's messages include it). */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return vscode.l10n.t('not found');
  if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return vscode.l10n.t('permission denied');
  if (code === 'EISDIR') return vscode.l10n.t('a folder');
  return code ? vscode.l10n.t('cannot be read ({0})', code) : vscode.l10n.t('cannot be read');
}
