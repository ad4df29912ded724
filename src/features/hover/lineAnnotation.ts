// The end-of-line annotation of one line, as a pure function (annotations.ts draws it).
import { findTweetIds } from '../../finder/finder';
import { annotationText } from '../../shared/format';

/** Characters of a line scanned at most (minified JSON can be one 5 MB line). */
const MAX_LINE_CHARS = 10_000;
/** The annotation for one line: the first cached ID's numbers, and how many more there are. */
export function lineAnnotation(lineText: string, lookup: (id: string) => Record<string, string> | undefined): string | undefined {
  const { ids } = findTweetIds(lineText.length > MAX_LINE_CHARS ? lineText.slice(0, MAX_LINE_CHARS) : lineText);
  let first: string | undefined;
  let more = 0;
  for (const id of ids) {
    const metrics = lookup(id);
    if (!metrics) continue;
    const text = annotationText(metrics);
    if (!text) continue;
    if (first === undefined) first = text;
    else more++;
  }
  if (first === undefined) return undefined;
  return more > 0 ? `${first}  (+${more} more)` : first;
}
