// The Tweets table, virtualized: fixed row height, only the rows in (and near) the viewport are
// in the DOM, between two spacer rows. Sorting and filtering happen in rows.ts; this draws.
import * as l10n from '@vscode/l10n';
import { formatThousands, postedLabel } from '../../shared/format';
import type { PanelModel } from '../../shared/panelProtocol';
import { actionButton, el, idButton } from './dom';
import { POSTED_COL, Sort, sortIndicator } from './rows';
import { ROW_H, rowWindow } from './virtualWindow';

export interface Table {
  scroll: HTMLElement;
  table: HTMLTableElement;
  /** The header cells, each with the sort column it stands for (0: ID, POSTED_COL, 1…: types). */
  headers: Array<{ th: HTMLTableCellElement; col: number }>;
  topSpacer: HTMLTableCellElement;
  bottomSpacer: HTMLTableCellElement;
  totalHead: HTMLTableCellElement;
  totalCells: HTMLTableCellElement[];
  /** The row elements of the last render. */
  rows: Element[];
}

/** The section; `table` is undefined when the model has no rows (a note explains why). */
export function buildTable(m: PanelModel, label: (type: string) => string, onScroll: () => void): { section: HTMLElement; table?: Table } {
  const wrap = el('section', 'table-section');
  wrap.setAttribute('aria-label', l10n.t('Tweets'));
  if (m.rows.length === 0) {
    const hasPerTweet = m.groupings.some((g) => g.groupBy.length === 2 && g.groupBy.includes('tweet.id') && g.groupBy.includes('engagement.type'));
    wrap.append(
      el(
        'p',
        'empty-table',
        hasPerTweet
          ? l10n.t('No Tweet in this run has values (see the sections below).')
          : l10n.t('No per-Tweet values: add a grouping by tweet.id and engagement.type (setting xEngagement.defaultGroupings) to get the table.'),
      ),
    );
    return { section: wrap };
  }
  const scroll = el('div', 'table-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', l10n.t('Tweets table, scrollable'));
  const t = el('table', 'grid');
  const thead = el('thead');
  const hr = el('tr');
  // Tweet ID, Posted, then the types; each header sorts by its column.
  const cols: Array<{ name: string; col: number; cls: string; title?: string }> = [
    { name: l10n.t('Tweet ID'), col: 0, cls: 'col-id' },
    { name: l10n.t('Posted'), col: POSTED_COL, cls: 'col-posted', title: l10n.t('When the Tweet was posted (local time), from its ID') },
    ...m.types.map((type, i) => ({ name: label(type), col: i + 1, cls: 'num', title: l10n.t('{0} (API name: {1})', label(type), type) })),
  ];
  const headers = cols.map(({ name, col, cls, title }) => {
    const th = el('th', cls);
    th.scope = 'col';
    const b = actionButton(name, 'sort', 'sort');
    b.dataset.col = String(col);
    if (title) b.title = title;
    b.append(el('span', 'sort-mark'));
    th.append(b);
    hr.append(th);
    return { th, col };
  });
  thead.append(hr);
  const tbody = el('tbody');
  const spacer = () => {
    const tr = el('tr', 'spacer');
    const td = el('td');
    td.colSpan = cols.length;
    tr.append(td);
    tbody.append(tr);
    return td;
  };
  const topSpacer = spacer();
  const bottomSpacer = spacer();
  const tfoot = el('tfoot');
  const fr = el('tr', 'totals');
  const totalHead = el('th', 'col-id', 'Total');
  totalHead.scope = 'row';
  fr.append(totalHead, el('td', 'col-posted'));
  const totalCells = m.types.map(() => {
    const td = el('td', 'num');
    fr.append(td);
    return td;
  });
  tfoot.append(fr);
  t.append(thead, tbody, tfoot);
  scroll.append(t);
  let queued = false;
  scroll.addEventListener('scroll', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      onScroll();
    });
  });
  wrap.append(scroll);
  return { section: wrap, table: { scroll, table: t, headers, topSpacer, bottomSpacer, totalHead, totalCells, rows: [] } };
}

export function renderSortMarks(t: Table, sort: Sort | null): void {
  t.headers.forEach(({ th, col }) => {
    const { ariaSort, mark } = sortIndicator(sort, col);
    th.setAttribute('aria-sort', ariaSort);
    const span = th.querySelector('.sort-mark');
    if (span) span.textContent = mark;
  });
}

export function renderTotals(t: Table, totals: readonly (string | null)[], filtered: boolean): void {
  t.totalHead.textContent = filtered ? l10n.t('Total (filtered)') : l10n.t('Total');
  totals.forEach((v, c) => {
    t.totalCells[c].textContent = v === null ? '—' : formatThousands(v);
  });
}

/** Puts only the rows in (and near) the viewport into the DOM; `view`: row indices in display order. */
export function renderRows(t: Table, m: PanelModel, view: readonly number[]): void {
  // Before the first rows are in, the box is only as tall as its header: assume the window.
  const height = Math.max(t.scroll.clientHeight, window.innerHeight);
  const { first, last, above, below } = rowWindow(t.scroll.scrollTop, height, view.length, ROW_H);
  t.topSpacer.style.height = above + 'px';
  t.bottomSpacer.style.height = below + 'px';
  const topRow = t.topSpacer.parentElement!;
  const bottomRow = t.bottomSpacer.parentElement!;
  topRow.hidden = first === 0;
  bottomRow.hidden = last === view.length;
  const frag = document.createDocumentFragment();
  for (let k = first; k < last; k++) frag.append(rowElement(m, view[k], k));
  for (const old of t.rows) old.remove();
  t.rows = Array.from(frag.children);
  t.table.setAttribute('aria-rowcount', String(view.length + 2));
  bottomRow.before(frag);
}

/** Row `index` of the model, shown at position `k`. */
function rowElement(m: PanelModel, index: number, k: number): HTMLTableRowElement {
  const r = m.rows[index];
  const id = r[0];
  const tr = el('tr', k % 2 ? 'row alt' : 'row');
  tr.setAttribute('aria-rowindex', String(k + 2));
  const idCell = el('td', 'col-id');
  idCell.append(idButton(id));
  if (m.canReveal) {
    const reveal = actionButton(l10n.t('Reveal'), 'row-action', 'reveal');
    reveal.dataset.tweet = id;
    reveal.title = l10n.t('Reveal in file: open the source file where {0} appears', id);
    reveal.setAttribute('aria-label', l10n.t('Reveal {0} in file', id));
    idCell.append(reveal);
  }
  tr.append(idCell, el('td', 'col-posted', postedLabel(id)));
  const change = m.changes[id];
  for (let c = 0; c < m.types.length; c++) {
    const v = r[c + 1];
    const td = el('td', 'num');
    if (v === null || v === undefined) {
      td.textContent = '—';
      td.classList.add('missing');
      td.title = l10n.t('No value');
    } else {
      td.textContent = formatThousands(v);
      const d = change ? change[c] : null;
      if (d !== null && d !== undefined && d !== '0') {
        const span = el('span', d.startsWith('-') ? 'delta down' : 'delta up', formatThousands(d));
        span.title = l10n.t('Change since the previous fetch');
        td.append(span);
      }
    }
    tr.append(td);
  }
  return tr;
}
