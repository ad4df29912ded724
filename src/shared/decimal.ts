// Exact arithmetic on canonical decimal strings (values may exceed 2^53, so they never pass
// through a JS number). Plain TypeScript, no 'vscode', no DOM: the extension and the webview
// page both use it.

/** Compares canonical decimal strings exactly (sign, then length, then digits). */
export function compareDecimal(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  if (a.length !== b.length) return (a.length < b.length ? -1 : 1) * sign;
  return (a < b ? -1 : a > b ? 1 : 0) * sign;
}

/**
 * Exact sums of the value columns of table rows ([key, value per column], null: no value):
 * a sum per column, null where no row has a value. `pick`: the indices of the rows that count (default: all).
 */
export function columnTotals(rows: ReadonlyArray<ReadonlyArray<string | null>>, columns: number, pick?: Iterable<number>): (string | null)[] {
  const sums: (bigint | null)[] = new Array<bigint | null>(columns).fill(null);
  const add = (r: ReadonlyArray<string | null>) => {
    for (let c = 0; c < columns; c++) {
      const v = r[c + 1];
      if (v !== null && v !== undefined) sums[c] = (sums[c] ?? 0n) + BigInt(v);
    }
  };
  if (pick) for (const i of pick) add(rows[i]);
  else for (const r of rows) add(r);
  return sums.map((s) => (s === null ? null : s.toString()));
}

/**
 * The `n` highest values of column `col` (1-based value column of [key, values…] rows), highest
 * first, ties in row order; `pick`: the indices of the rows that count (default: all). Keeps a
 * small sorted list: O(rows), not a full sort.
 */
export function topValues(rows: ReadonlyArray<ReadonlyArray<string | null>>, col: number, n: number, pick?: Iterable<number>): Array<{ id: string; value: string }> {
  const best: Array<{ id: string; value: string }> = [];
  const consider = (row: ReadonlyArray<string | null>) => {
    const v = row[col];
    if (v === null || v === undefined) return;
    if (best.length === n && compareDecimal(v, best[n - 1].value) <= 0) return;
    let at = best.length;
    while (at > 0 && compareDecimal(v, best[at - 1].value) > 0) at--;
    best.splice(at, 0, { id: row[0] ?? '', value: v });
    if (best.length > n) best.pop();
  };
  if (pick) for (const i of pick) consider(rows[i]);
  else for (const r of rows) consider(r);
  return best;
}

/** value / max in thousandths (0..1000), through BigInt so values above 2^53 still scale right; 0 when max is not positive. */
export function permille(value: string, max: string): number {
  const m = BigInt(max);
  return m > 0n ? Number((BigInt(value) * 1000n) / m) : 0;
}
