// A time-series run on the results page: per metric a time chart (one line per top Tweet plus
// the total; drag to zoom, double-click or Reset zoom to go back; a readout of the hour under
// the pointer), the hour-of-day profile, and the table of the numbers behind the chart.
// Charts are uPlot (canvas; small and fast for long time series). Text from the model goes in
// as textContent only; colours come from the theme's --vscode-* variables and are read again
// when the theme changes.
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { bucketLabel, counted, formatThousands, labelOf } from '../../shared/format';
import type { SeriesPanelModel } from '../../shared/panelProtocol';
import { actionButton, el, idButton, metricSelect } from './dom';
import { timeTick } from './seriesFormat';
import { buildRunHeader, buildSections } from './sections';

/** Rows of the numbers table at most (the rest: zoom in, or export). */
export const TABLE_MAX_ROWS = 500;
const CHART_HEIGHT = 280;
const PROFILE_HEIGHT = 160;

const num = (v: number) => formatThousands(String(Math.round(v)));

/** The colours of the current theme (VS Code sets the variables on the page; they change with it). */
function themeColours(): { fg: string; muted: string; grid: string; lines: string[] } {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const fg = v('--vscode-foreground', '#888');
  return {
    fg,
    muted: v('--vscode-descriptionForeground', fg),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', 'rgba(128,128,128,0.3)')),
    // VS Code defines every charts colour in every theme; the fallbacks (its dark defaults) keep lines apart where one is missing.
    lines: (
      [
        ['--vscode-charts-blue', '#3794ff'],
        ['--vscode-charts-orange', '#d18616'],
        ['--vscode-charts-green', '#89d185'],
        ['--vscode-charts-purple', '#b180d7'],
        ['--vscode-charts-red', '#f14c4c'],
        ['--vscode-charts-yellow', '#cca700'],
      ] as const
    ).map(([n, fallback]) => v(n, fallback)),
  };
}

export interface SeriesView {
  /** Redraws the charts in the colours of the theme now in force. */
  retheme(): void;
  resize(): void;
  destroy(): void;
}

/**
 * Draws the run into `app`. `metric`: the type to chart (the first one when it has none);
 * `onMetric` is told when the user picks another.
 */
export function renderSeries(app: HTMLElement, m: SeriesPanelModel, metric: string, onMetric: (type: string) => void): SeriesView {
  const label = (t: string) => labelOf(m.typeLabels, t);
  let type = m.types.includes(metric) ? metric : (m.types[0] ?? '');
  let charts: uPlot[] = [];
  /** The visible bucket range [from, to] (indices), the whole window unless zoomed. */
  let range: [number, number] = [0, m.times.length - 1];

  const frag = document.createDocumentFragment();
  frag.append(
    buildRunHeader(m, [
      [l10n.t('Window'), m.windowLabel],
      [l10n.t('Buckets'), m.step === 'day' ? l10n.t('{0} × day (UTC)', m.times.length) : l10n.t('{0} × hour (UTC)', m.times.length)],
      [l10n.t('Requested'), String(m.requested)],
      [l10n.t('With values'), String(m.withValues)],
    ]),
  );
  if (m.cancelled) frag.append(el('p', 'notice', l10n.t('This run was cancelled before it finished: some Tweets or windows have no values.')));

  const bar = el('div', 'toolbar series-toolbar');
  const select = metricSelect(m.types, label, type, l10n.t('Metric of the charts'), (picked) => {
    type = picked;
    onMetric(type);
    draw();
  });
  const reset = actionButton(l10n.t('Reset zoom'), 'secondary', 'series-reset');
  reset.disabled = true;
  const actions = el('span', 'actions');
  actions.append(reset, actionButton(l10n.t('Export {0}', 'CSV'), 'secondary', 'export-csv'), actionButton(l10n.t('Export {0}', 'JSON'), 'secondary', 'export-json'));
  bar.append(select, actions);
  frag.append(bar);

  const chartSec = el('section', 'series-section');
  const chartTitle = el('h2');
  const chartBox = el('div', 'series-chart');
  chartBox.setAttribute('role', 'img');
  // The keyboard reads the chart too: arrows step through the buckets, Home and End jump.
  chartBox.tabIndex = 0;
  const readout = el('div', 'series-readout');
  readout.setAttribute('aria-live', 'polite');
  const legend = el('ul', 'series-legend');
  chartSec.append(
    chartTitle,
    el('p', 'muted', l10n.t('Drag across the chart to zoom in; double-click or Reset zoom to see the whole window. On the chart, the arrow keys read one bucket after another.')),
    chartBox,
    readout,
    legend,
  );

  const profileSec = el('section', 'series-profile-section');
  const profileTitle = el('h2');
  const profileBox = el('div', 'series-profile');
  profileBox.setAttribute('role', 'img');
  profileSec.append(profileTitle, profileBox);

  const tableSec = el('section', 'series-table-section');
  const tableTitle = el('h2');
  const tableNote = el('p', 'muted');
  const tableScroll = el('div', 'series-table-scroll');
  tableSec.append(tableTitle, tableNote, tableScroll);

  if (m.types.length === 0) frag.append(el('p', 'notice', l10n.t('No time series in this run: no Tweet had values in the window.')));
  else frag.append(chartSec, profileSec, tableSec);
  frag.append(buildSections(m));
  app.replaceChildren(frag);

  reset.addEventListener('click', () => charts[0]?.setScale('x', { min: m.times[0], max: m.times[m.times.length - 1] }));
  chartBox.addEventListener('keydown', (e) => {
    const u = charts[0];
    if (!u || m.times.length === 0) return;
    const [from, to] = range;
    const at = u.cursor.idx ?? -1;
    const next =
      e.key === 'ArrowRight'
        ? Math.min(to, at < from ? from : at + 1)
        : e.key === 'ArrowLeft'
          ? Math.max(from, at < 0 ? to : at - 1)
          : e.key === 'Home'
            ? from
            : e.key === 'End'
              ? to
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    u.setCursor({ left: u.valToPos(m.times[next], 'x'), top: u.bbox.height / devicePixelRatio / 2 });
  });

  function lines(): Array<{ key: string; name: string; values: number[]; sum: number }> {
    const metricData = m.metrics[type];
    if (!metricData) return [];
    const total = metricData.total.reduce((a, b) => a + b, 0);
    return [{ key: 'total', name: l10n.t('Total'), values: metricData.total, sum: total }, ...metricData.top.map((t) => ({ key: t.id, name: t.id, values: t.values, sum: t.sum }))];
  }

  function showReadout(idx: number | null | undefined): void {
    readout.replaceChildren();
    delete readout.dataset.time;
    if (idx === null || idx === undefined || idx < 0 || idx >= m.times.length) {
      readout.append(
        el('span', 'muted', m.step === 'day' ? l10n.t('Point at the chart to read the numbers of one day.') : l10n.t('Point at the chart to read the numbers of one hour.')),
      );
      return;
    }
    readout.dataset.time = new Date(m.times[idx]).toISOString();
    readout.append(el('strong', 'readout-time', bucketLabel(m.times[idx], m.step)));
    for (const s of lines()) {
      const item = el('span', 'readout-item');
      item.dataset.series = s.key;
      item.dataset.value = String(s.values[idx] ?? 0);
      item.append(el('span', 'readout-name', l10n.t('{0}: ', s.name)), el('span', 'readout-value', num(s.values[idx] ?? 0)));
      readout.append(item);
    }
  }

  function drawTable(): void {
    const rows = lines();
    const [from, to] = range;
    const count = Math.max(0, to - from + 1);
    const shown = Math.min(count, TABLE_MAX_ROWS);
    tableTitle.textContent = l10n.t('{0}: the numbers behind the chart', label(type));
    tableNote.textContent =
      count > shown
        ? m.step === 'day'
          ? l10n.t('The first {0} of {1} days shown: zoom in for others, or export.', shown, count)
          : l10n.t('The first {0} of {1} hours shown: zoom in for others, or export.', shown, count)
        : m.step === 'day'
          ? counted(count, l10n.t('{0} day.'), l10n.t('{0} days.'))
          : counted(count, l10n.t('{0} hour.'), l10n.t('{0} hours.'));
    const table = el('table', 'series-table');
    const head = el('tr');
    head.append(el('th', '', m.step === 'day' ? l10n.t('Day (UTC)') : l10n.t('Hour (UTC)')));
    for (const s of rows) head.append(el('th', 'num', s.name));
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    for (let i = from; i < from + shown; i++) {
      const tr = el('tr');
      tr.append(el('td', '', bucketLabel(m.times[i], m.step)));
      for (const s of rows) tr.append(el('td', 'num', num(s.values[i] ?? 0)));
      body.append(tr);
    }
    table.append(thead, body);
    tableScroll.replaceChildren(table);
  }

  function draw(): void {
    for (const c of charts) c.destroy();
    charts = [];
    if (!type) return;
    const colours = themeColours();
    const data = lines();
    const width = Math.max(300, chartBox.clientWidth || app.clientWidth - 32);
    chartTitle.textContent =
      m.step === 'day'
        ? l10n.t('{0} per day: the total and the top {1} Tweets', label(type), data.length - 1)
        : l10n.t('{0} per hour: the total and the top {1} Tweets', label(type), data.length - 1);
    chartBox.setAttribute('aria-label', chartTitle.textContent);
    legend.replaceChildren();
    data.forEach((s, i) => {
      const li = el('li');
      const swatch = el('span', 'swatch');
      swatch.style.background = i === 0 ? colours.fg : colours.lines[(i - 1) % colours.lines.length];
      li.append(swatch, i === 0 ? el('span', '', l10n.t('Total')) : idButton(s.name), el('span', 'muted', ` ${num(s.sum)}`));
      legend.append(li);
    });
    const axis = { stroke: colours.muted, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
    // The counts' axis: grouped thousands, as wide as its longest label needs (uPlot's fixed 50 px cuts "1,500,000").
    const countAxis = {
      ...axis,
      values: (_u: uPlot, ticks: number[]) => ticks.map((t) => num(t)),
      size: (_u: uPlot, values: string[] | null) => 18 + 7.5 * Math.max(3, ...(values ?? []).map((v) => (v ?? '').length)),
    };
    const timeChart = new uPlot(
      {
        width,
        height: CHART_HEIGHT,
        ms: 1,
        tzDate: (ts: number) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
        scales: { x: { time: true } },
        axes: [{ ...axis, values: (_u: uPlot, ticks: number[], _axis: number, _space: number, incr: number) => ticks.map((t, i) => timeTick(t, i, incr)) }, countAxis],
        series: [
          {},
          ...data.map((s, i) => ({
            label: s.name,
            stroke: i === 0 ? colours.fg : colours.lines[(i - 1) % colours.lines.length],
            width: i === 0 ? 2 : 1.5,
            points: { show: false },
          })),
        ],
        hooks: {
          setCursor: [(u: uPlot) => showReadout(u.cursor.idx)],
          setScale: [
            (u: uPlot, key: string) => {
              if (key !== 'x') return;
              const min = u.scales.x.min ?? m.times[0];
              const max = u.scales.x.max ?? m.times[m.times.length - 1];
              const from = Math.max(
                0,
                m.times.findIndex((t) => t >= min),
              );
              let to = m.times.length - 1;
              while (to > from && m.times[to] > max) to--;
              range = [from, to];
              reset.disabled = from === 0 && to === m.times.length - 1;
              drawTable();
            },
          ],
        },
      },
      [m.times, ...data.map((s) => s.values)],
      chartBox,
    );
    charts.push(timeChart);

    const profile = m.metrics[type]?.profile ?? [];
    profileTitle.textContent = l10n.t('{0} by hour of the day (UTC), over the window', label(type));
    profileBox.setAttribute('aria-label', profileTitle.textContent);
    const hours = Array.from({ length: 24 }, (_, h) => h);
    charts.push(
      new uPlot(
        {
          width,
          height: PROFILE_HEIGHT,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false, range: [-0.5, 23.5] } },
          axes: [{ ...axis, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (Number.isInteger(t) ? String(t).padStart(2, '0') : '')) }, countAxis],
          series: [{}, { label: l10n.t('Total'), stroke: colours.lines[0], fill: colours.lines[0], paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } }],
        },
        [hours, profile],
        profileBox,
      ),
    );
    range = [0, m.times.length - 1];
    reset.disabled = true;
    showReadout(null);
    drawTable();
  }

  draw();
  return {
    retheme: draw,
    resize() {
      const width = Math.max(300, chartBox.clientWidth);
      charts[0]?.setSize({ width, height: CHART_HEIGHT });
      charts[1]?.setSize({ width, height: PROFILE_HEIGHT });
    },
    destroy() {
      for (const c of charts) c.destroy();
      charts = [];
    },
  };
}
