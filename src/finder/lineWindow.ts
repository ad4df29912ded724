// The hover's lookup: which Tweet ID (if any) is under a position in one line of a document. On a
// very long line (a minified JSON export is one line) the finder sees only a window around the
// position, so a hover costs the same on a 50 MB line as on a short one. No `vscode`: the hover
// provider calls it, and bench/hover.ts times this same function.
import { tweetIdAt, type FinderOptions, type TweetIdMatch } from './finder';

/** Characters on each side of the position that the finder sees on very long lines. */
const WINDOW = 200;
/** How far a window edge may move outwards so it does not cut a word in two. */
const EDGE_SLACK = 64;
/** The part of a line the finder looks at: ±WINDOW around `character`, not cutting words. */
export function lineWindow(line: string, character: number): { text: string; start: number } {
  if (line.length <= 2 * WINDOW + 2 * EDGE_SLACK) return { text: line, start: 0 };
  const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
  let start = Math.max(0, character - WINDOW);
  for (let n = 0; start > 0 && n < EDGE_SLACK && isWord(line[start - 1]); n++) start--;
  let end = Math.min(line.length, character + WINDOW);
  for (let n = 0; end < line.length && n < EDGE_SLACK && isWord(line[end]); n++) end++;
  return { text: line.slice(start, end), start };
}

/** The Tweet ID under `character` in `line`, with its range in the line's own character offsets. */
export function tweetIdInLine(line: string, character: number, options?: FinderOptions): TweetIdMatch | undefined {
  const { text, start } = lineWindow(line, character);
  const match = tweetIdAt(text, character - start, options);
  return match && { ...match, start: start + match.start, end: start + match.end };
}
