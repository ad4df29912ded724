// CSV and TSV exports: a column whose header names a user, author, media, mention… ID holds IDs
// that are not Tweets, exactly like those JSON keys. The header decides per column with the
// scanner's own key table (jsonKeyFlags): a header's last name is looked up as a JSON key
// (`user_id`, `author_id`, `in_reply_to_user_id`, `media_keys`… are skipped), and a flattened
// path (`user.id`, `entities.mentions.0.id`, `includes.users.0.id`) is skipped when one of its
// parents is a user/media/mention… object. Tweet ID headers (`id`, `id_str`, `tweet_id`,
// `Tweet id`, `status_id`, `conversation_id`, `referenced_tweets.0.id`…) are kept.
//
// CsvMasker blanks the cells of skipped columns with spaces, one code unit for one, so offsets
// stay where they were (hovers, selections); the finder then reads the masked text as it reads
// any text. No `vscode`.
import { jsonKeyFlags, KEY_FLAGS } from './finder';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const SEPARATORS = [44, 9, 59]; // , \t ;

/** Whether a file or document name is a CSV/TSV export (the masking applies to those only). */
export function isCsvName(name: string): boolean {
  return /\.(csv|tsv)$/i.test(name);
}

/** Whether a column with this header holds IDs that are not Tweet IDs. */
export function isNonTweetIdColumn(header: string): boolean {
  const segments = header
    .trim()
    .replace(/^"|"$/g, '')
    .split(/[./]/)
    .map((s) => s.trim().replace(/[\s-]+/g, '_'))
    .filter(Boolean);
  if (segments.length === 0) return false;
  const flags = (key: string) => jsonKeyFlags(key) || jsonKeyFlags(key.toLowerCase());
  const last = segments[segments.length - 1];
  if (flags(last) & KEY_FLAGS.skip) return true;
  return segments.slice(0, -1).some((parent) => flags(parent) & KEY_FLAGS.entity);
}

/** Splits a header line into names, honouring quotes. */
function splitHeader(line: string, separator: number): string[] {
  const names: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === separator && !quoted) {
      names.push(cell);
      cell = '';
    } else cell += line[i];
  }
  names.push(cell);
  return names;
}

type Columns = { separator: number; skip: boolean[] } | undefined;
/** The last header decided: hovers and annotations ask for every line of the same document. */
let lastHeader: { line: string; columns: Columns } | undefined;

/** The header's separator (the most frequent of , tab ; outside quotes) and which columns are skipped; undefined when nothing is skipped. */
export function csvSkippedColumns(headerLine: string): Columns {
  if (lastHeader?.line !== headerLine) lastHeader = { line: headerLine, columns: decideColumns(headerLine) };
  return lastHeader.columns;
}

function decideColumns(headerLine: string): Columns {
  let best = -1;
  let bestCount = 0;
  for (const sep of SEPARATORS) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < headerLine.length; i++) {
      const c = headerLine.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === sep && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [sep, count];
  }
  if (best < 0) return undefined;
  const skip = splitHeader(headerLine, best).map(isNonTweetIdColumn);
  return skip.some(Boolean) ? { separator: best, skip } : undefined;
}

/**
 * Masks the skipped columns of a CSV stream, chunk by chunk (strings or bytes; the delimiters are
 * ASCII, so both work the same). The first line is the header; quoted cells may hold separators,
 * newlines and doubled quotes. Until the header is complete, nothing is masked.
 */
export class CsvMasker {
  private header: number[] | undefined = [];
  private columns: { separator: number; skip: boolean[] } | undefined;
  private col = 0;
  private quoted = false;
  private headerQuoted = false;

  /** Whether the header says some column is skipped (known once the first line is complete). */
  get masking(): boolean {
    return this.columns !== undefined;
  }

  maskText(chunk: string): string {
    const units = new Uint16Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) units[i] = chunk.charCodeAt(i);
    return this.mask(units) ? fromUnits(units) : chunk;
  }

  /** Masks bytes in place when something is skipped; returns the same array. */
  maskBytes(chunk: Uint8Array): Uint8Array {
    this.mask(chunk);
    return chunk;
  }

  /** Masks in place; true when any unit changed. */
  private mask(units: Uint8Array | Uint16Array): boolean {
    let i = 0;
    if (this.header) {
      for (; i < units.length; i++) {
        const c = units[i];
        if (c === QUOTE) this.headerQuoted = !this.headerQuoted;
        if (c === LF && !this.headerQuoted) {
          const line = fromUnits(this.header).replace(/\r$/, '');
          this.columns = csvSkippedColumns(line);
          this.header = undefined;
          i++;
          break;
        }
        if (this.header.length < 65_536) this.header.push(c);
      }
      if (this.header) return false;
    }
    const cols = this.columns;
    if (!cols) return false;
    let changed = false;
    for (; i < units.length; i++) {
      const c = units[i];
      if (this.quoted) {
        if (c === QUOTE)
          this.quoted = false; // a doubled quote re-opens just below
        else if (cols.skip[this.col]) {
          units[i] = c === LF || c === CR ? c : SPACE;
          changed = true;
        }
        continue;
      }
      if (c === QUOTE) {
        this.quoted = true;
      } else if (c === cols.separator) {
        this.col++;
        continue;
      } else if (c === LF) {
        this.col = 0;
        continue;
      } else if (c === CR) {
        continue;
      }
      if (cols.skip[this.col]) {
        units[i] = SPACE;
        changed = true;
      }
    }
    return changed;
  }
}

/** The whole text with its skipped CSV columns blanked (same length, same offsets). */
export function maskCsvText(text: string): string {
  return new CsvMasker().maskText(text);
}

/**
 * One line of a CSV document masked as the document's header says (for hovers and annotations,
 * which see one line): the line is taken to start a row, as it does unless a quoted cell spans
 * lines.
 */
export function maskCsvLine(headerLine: string, line: string): string {
  const m = new CsvMasker();
  m.maskText(headerLine.replace(/\r?\n$/, '') + '\n');
  return m.masking ? m.maskText(line) : line;
}

/** The string of these UTF-16 code units, exactly (lone surrogates too), in slices the argument limit allows. */
function fromUnits(units: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) parts.push(String.fromCharCode.apply(null, Array.prototype.slice.call(units, i, i + 8192) as number[]));
  return parts.join('');
}
