// JSON.parse turns 64-bit integers into imprecise doubles. The API's answers are read
// with every number literal turned into its exact text first, so IDs and counts stay
// exact whether the service sent them as strings or as numbers.

/** Parses JSON with every number literal kept as its source text (a string). */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteNumbers(text));
}

function isNumberChar(c: number): boolean {
  // 0-9 . - + e E
  return (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69;
}

/** Wraps bare number literals in quotes; strings are copied as they are. Linear time. */
export function quoteNumbers(text: string): string {
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      out += text.slice(from, start) + '"' + text.slice(start, i) + '"';
      from = i;
    } else i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A count as a canonical decimal string, or undefined when it is not a whole number ≥ 0. */
export function toCount(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return undefined;
    return String(value);
  }
  if (typeof value === 'string') {
    // Already canonical (no leading zero): kept as is, without a BigInt and a new string per value.
    if (/^(?:0|[1-9][0-9]{0,29})$/.test(value)) return value;
    if (/^[0-9]{1,30}$/.test(value)) return BigInt(value).toString();
  }
  return undefined;
}
