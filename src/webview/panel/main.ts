// The results page (bundled by esbuild into dist/webview/panel.js). Data arrives only by
// postMessage (after the `ready` handshake) and is rendered with textContent, never as HTML.
// This module holds the page's state and wires the parts together; the parts draw
// (toolbar, table, chart, sections) or compute (rows, virtualWindow, src/shared).
import * as l10n from '@vscode/l10n';
import { columnTotals } from '../../shared/decimal';
import { labelOf } from '../../shared/format';
import { pageBundle, type ExtensionMessage, type PageMessage, type PanelModel, type PanelState, type SeriesPanelModel } from '../../shared/panelProtocol';
import { toTsv } from '../../shared/tsv';
import { buildChart, buildTopLists, renderChart } from './chart';
import { el } from './dom';
import { countText, exportButtonText, exportSelection, filterQuery, filterRows, nextSort, restoreViewState, savedState, sortFits, sortOrder } from './rows';
import { buildEmpty, buildGroupings, buildHeader, buildSections } from './sections';
import { renderSeries, SeriesView } from './series';
import { buildTable, renderRows, renderSortMarks, renderTotals, Table } from './table';
import { buildToolbar, Toolbar } from './toolbar';
import './vscodeApi';

// The display language's translations, from the host (src/features/panel/page.ts), before any words are drawn.
const bundle = pageBundle(document.body.dataset.l10n);
if (bundle) l10n.config({ contents: bundle });

const vscode = acquireVsCodeApi<PanelState>();
const app = document.getElementById('app')!;
const state = restoreViewState(vscode.getState());

let model: PanelModel | null = null;
/** Row indices in sort order, and after the filter. */
let order: number[] = [];
let view: number[] = [];
/** Elements of the current render. */
let toolbar: Toolbar | undefined;
let table: Table | undefined;
let bars: HTMLOListElement | undefined;
let topLists: HTMLElement | undefined;
/** A time-series run's charts, while one is shown. */
let seriesView: SeriesView | undefined;

const label = (t: string) => (model ? labelOf(model.typeLabels, t) : t);
const save = () => vscode.setState(savedState(state));
const post = (msg: PageMessage) => vscode.postMessage(msg);

// ---------- messages ----------
window.addEventListener('message', (event: MessageEvent<ExtensionMessage | null>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  if (msg.type === 'show' && msg.model && Array.isArray(msg.model.rows)) show(msg.model);
  else if (msg.type === 'showSeries' && msg.model && Array.isArray(msg.model.times)) showSeries(msg.model);
  else if (msg.type === 'empty') showEmpty(String(msg.message || l10n.t('Nothing to show.')));
});

// One delegated handler for every Tweet link and action button.
app.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const idEl = target.closest('[data-id]');
  if (idEl instanceof HTMLElement && idEl.dataset.id) {
    post({ type: 'openTweet', id: idEl.dataset.id });
    return;
  }
  const act = target.closest('[data-action]');
  if (!(act instanceof HTMLElement)) return;
  switch (act.dataset.action) {
    case 'export-csv':
    case 'export-json': {
      const ids = model ? exportSelection(model.rows, view, filterQuery(state.filter) !== '', state.sort !== null) : undefined;
      post({ type: 'export', format: act.dataset.action === 'export-csv' ? 'csv' : 'json', ...(ids ? { ids } : {}) });
      break;
    }
    case 'reveal':
      if (act.dataset.tweet) post({ type: 'revealInFile', id: act.dataset.tweet });
      break;
    case 'copy':
      post({
        type: 'copy',
        text: model
          ? toTsv(
              model.types.map(label),
              view.map((i) => model!.rows[i]),
            )
          : '',
      });
      break;
    case 'retry':
      post({ type: 'retryFailed' });
      break;
    case 'sort':
      sortBy(Number(act.dataset.col));
      break;
  }
});

function showEmpty(message: string): void {
  dropSeries();
  model = null;
  toolbar = table = bars = topLists = undefined;
  app.replaceChildren(buildEmpty(message));
}

function dropSeries(): void {
  seriesView?.destroy();
  seriesView = undefined;
}

// ---------- a time-series run ----------
function showSeries(m: SeriesPanelModel): void {
  dropSeries();
  model = null;
  toolbar = table = bars = topLists = undefined;
  if (m.runId !== state.runId) {
    state.filter = '';
    state.sort = null;
  }
  state.runId = m.runId;
  document.title = m.title;
  seriesView = renderSeries(app, m, state.metric, (type) => {
    state.metric = type;
    save();
  });
  save();
}

// The charts draw on a canvas in the theme's colours: read again when VS Code switches the theme
// (it changes the body's class and the variables on <html>).
const themeWatch = new MutationObserver(() => seriesView?.retheme());
themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

// ---------- full render of a model ----------
function show(m: PanelModel): void {
  dropSeries();
  const refocusFilter = toolbar !== undefined && document.activeElement === toolbar.filter;
  const keepScroll = model && model.runId === m.runId && table ? table.scroll.scrollTop : 0;
  if (m.runId !== state.runId) {
    state.filter = '';
    state.sort = null;
  }
  model = m;
  state.runId = m.runId;
  if (state.sort && !sortFits(state.sort, m.types.length)) state.sort = null;
  if (!(m.types as string[]).includes(state.metric)) state.metric = m.types[0] || '';
  document.title = m.title;

  const frag = document.createDocumentFragment();
  frag.append(buildHeader(m));
  if (m.cancelled) frag.append(el('p', 'notice', l10n.t('This run was cancelled before it finished: some Tweets have no values.')));
  toolbar = buildToolbar(m, state.filter, onFilter);
  const t = buildTable(m, label, () => drawRows());
  table = t.table;
  const chart = buildChart(m, state.metric, label, onMetric);
  bars = chart.bars;
  topLists = buildTopLists(m, label);
  frag.append(toolbar.bar, t.section, chart.section, topLists, buildSections(m), buildGroupings(m, label));
  app.replaceChildren(frag);

  applyOrder();
  if (keepScroll && table) table.scroll.scrollTop = keepScroll;
  drawRows();
  drawChart();
  if (refocusFilter) {
    toolbar.filter.focus();
    toolbar.filter.setSelectionRange(state.filter.length, state.filter.length);
  }
  save();
}

// ---------- order, filter, rows ----------
function applyOrder(): void {
  if (!model) return;
  order = sortOrder(model.rows, state.sort);
  if (table) renderSortMarks(table, state.sort);
  applyFilter();
}

function applyFilter(): void {
  if (!model) return;
  const q = filterQuery(state.filter);
  view = filterRows(model.rows, order, q);
  if (toolbar) {
    toolbar.count.textContent = countText(view.length, model.rows.length, q !== '');
    for (const [button, format] of [
      [toolbar.exportCsv, 'CSV'],
      [toolbar.exportJson, 'JSON'],
    ] as const) {
      const text = exportButtonText(format, view.length, model.rows.length, q !== '', state.sort !== null);
      button.textContent = text.label;
      button.title = text.title;
    }
  }
  if (table) renderTotals(table, q ? columnTotals(model.rows, model.types.length, view) : model.totals, q !== '');
  // The chart and the Top 5 lists show the rows the filter keeps.
  if (topLists) topLists.replaceWith((topLists = buildTopLists(model, label, q ? view : undefined)));
  drawChart();
}

function onFilter(text: string): void {
  state.filter = text;
  applyFilter();
  if (table) table.scroll.scrollTop = 0;
  drawRows();
  save();
}

function sortBy(col: number): void {
  if (!model) return;
  state.sort = nextSort(state.sort, col);
  applyOrder();
  drawRows();
  save();
}

function drawRows(): void {
  if (model && table) renderRows(table, model, view);
}

// ---------- chart ----------
function onMetric(type: string): void {
  state.metric = type;
  drawChart();
  save();
}

function drawChart(): void {
  if (model && bars) renderChart(bars, model, state.metric, filterQuery(state.filter) ? view : undefined);
}

window.addEventListener('resize', () => {
  drawRows();
  seriesView?.resize();
});
post({ type: 'ready' });
