// The table's pure logic: sort order, the ID filter, the saved view state. No DOM (unit tests
// import it in Node); main.ts applies the results to the page.
import * as l10n from '@vscode/l10n';
import { compareDecimal } from '../../shared/decimal';
import { counted, formatThousands, tweetCount } from '../../shared/format';
import { snowflakeTime } from '../../shared/tweetId';
import type { PanelModel, PanelState } from '../../shared/panelProtocol';

export type Row = PanelModel['rows'][number];
export interface Sort {
  col: number;
  dir: 'asc' | 'desc';
}

/** The sort column of Posted (the Tweet's creation time, from its ID): not a column of the rows. */
export const POSTED_COL = -1;

/**
 * Row indices in display order. Column 0 is the Tweet ID, the others values compared exactly,
 * POSTED_COL the time from the ID; missing values go last in both directions; ties keep the
 * asked-for order.
 */
export function sortOrder(rows: readonly Row[], sort: Sort | null): number[] {
  const order = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) order[i] = i;
  if (!sort) return order;
  const col = sort.col;
  const sign = sort.dir === 'asc' ? 1 : -1;
  if (col === POSTED_COL) {
    // Computed once per row (BigInt inside), not per comparison.
    const times = rows.map((r) => snowflakeTime(r[0]));
    return order.sort((a, b) => {
      const ta = times[a];
      const tb = times[b];
      if (ta === undefined) return tb === undefined ? a - b : 1;
      if (tb === undefined) return -1;
      return (ta - tb) * sign || a - b;
    });
  }
  return order.sort((a, b) => {
    const va = rows[a][col];
    const vb = rows[b][col];
    if (va === null || va === undefined) return vb === null || vb === undefined ? a - b : 1;
    if (vb === null || vb === undefined) return -1;
    return compareDecimal(va, vb) * sign || a - b;
  });
}

/** A click on a column's header: the same column flips, another starts ascending for IDs, descending for values and Posted (newest first). */
export function nextSort(current: Sort | null, col: number): Sort {
  if (current && current.col === col) return { col, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { col, dir: col === 0 ? 'asc' : 'desc' };
}

/** Whether a (restored) sort fits a table of `types` value columns. */
export function sortFits(sort: Sort | null, types: number): boolean {
  return sort !== null && Number.isInteger(sort.col) && sort.col >= POSTED_COL && sort.col <= types;
}

/** The filter as typed → what IDs are matched against (white space dropped: pasted IDs often carry some). */
export function filterQuery(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The indices of `order` whose Tweet ID contains the query (all of them for an empty query). */
export function filterRows(rows: readonly Row[], order: number[], query: string): number[] {
  return query ? order.filter((i) => rows[i][0].includes(query)) : order;
}

/** "12 Tweets", or "3 of 12 Tweets" while a filter is on. */
export function countText(shown: number, total: number, filtered: boolean): string {
  return filtered ? l10n.t('{0} of {1}', formatThousands(String(shown)), tweetCount(total)) : tweetCount(total);
}

/**
 * What Export sends: the IDs of the rows shown, in their order, while a filter or sort changes
 * what is on screen; undefined (the whole run, with the Tweets that have no values) otherwise.
 */
export function exportSelection(rows: readonly Row[], view: readonly number[], filtered: boolean, sorted: boolean): string[] | undefined {
  return filtered || sorted ? view.map((i) => rows[i][0]) : undefined;
}

/** The export buttons' label and tooltip: what an export will hold ("Export 3 shown as CSV" while a filter is on). */
export function exportButtonText(format: 'CSV' | 'JSON', shown: number, total: number, filtered: boolean, sorted: boolean): { label: string; title: string } {
  const rows = (n: number) => counted(n, l10n.t('{0} row'), l10n.t('{0} rows'));
  if (filtered)
    return {
      label: l10n.t('Export {0} shown as {1}', formatThousands(String(shown)), format),
      title: l10n.t('Export the {0} shown (of {1}), in this order, as {2}', rows(shown), formatThousands(String(total)), format),
    };
  if (sorted) return { label: l10n.t('Export {0}', format), title: l10n.t('Export all {0} in the order shown, as {1}', rows(total), format) };
  return { label: l10n.t('Export {0}', format), title: l10n.t('Export the whole run as {0}: all {1}, and the Tweets without values', format, rows(total)) };
}

/** aria-sort and the arrow a column header shows. */
export function sortIndicator(sort: Sort | null, col: number): { ariaSort: 'ascending' | 'descending' | 'none'; mark: string } {
  if (!sort || sort.col !== col) return { ariaSort: 'none', mark: '' };
  return sort.dir === 'asc' ? { ariaSort: 'ascending', mark: ' ▲' } : { ariaSort: 'descending', mark: ' ▼' };
}

/** What the page keeps across reloads (vscode.setState), read back from whatever getState returns. */
export interface ViewState {
  runId: string;
  sort: Sort | null;
  filter: string;
  metric: string;
}

export function restoreViewState(saved: unknown): ViewState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof PanelState, unknown>>;
  const sort = s.sort as Partial<Sort> | null | undefined;
  return {
    runId: typeof s.runId === 'string' ? s.runId : '',
    sort: sort && typeof sort.col === 'number' && (sort.dir === 'asc' || sort.dir === 'desc') ? { col: sort.col, dir: sort.dir } : null,
    filter: typeof s.filter === 'string' ? s.filter : '',
    metric: typeof s.metric === 'string' ? s.metric : '',
  };
}

/** The state to save: PanelState's shape (the extension reads its runId when VS Code restores the panel). */
export function savedState(v: ViewState): PanelState {
  return { runId: v.runId, sort: v.sort ?? undefined, filter: v.filter, metric: v.metric };
}
