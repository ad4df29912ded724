// "Top Tweets by <metric>": pure HTML bars (no canvas, no inline style attributes: widths are
// set through the CSSOM, which the CSP allows), and the top 5 lists per metric.
import * as l10n from '@vscode/l10n';
import type { EngagementType } from '../../core/types';
import { permille, topValues } from '../../shared/decimal';
import { formatThousands } from '../../shared/format';
import { TOP_N, type PanelModel } from '../../shared/panelProtocol';
import { el, idButton, metricSelect } from './dom';

/** The section, with the chart's list (`bars`) when there is something to chart. */
export function buildChart(m: PanelModel, metric: string, label: (type: string) => string, onMetric: (type: string) => void): { section: HTMLElement; bars?: HTMLOListElement } {
  const sec = el('section', 'chart-section');
  if (m.types.length === 0 || m.rows.length === 0) return { section: sec };
  const head = el('div', 'section-head');
  const h = el('h2', '', l10n.t('Top Tweets by '));
  h.append(metricSelect(m.types, label, metric, l10n.t('Metric of the chart'), onMetric));
  head.append(h);
  const bars = el('ol', 'bars');
  bars.setAttribute('aria-label', l10n.t('Top Tweets chart'));
  sec.append(head, bars);
  return { section: sec, bars };
}

/** The highest values of a type: the model's for all rows, else those of the rows `view` keeps (a filter is on). */
function topOf(m: PanelModel, type: string, view: readonly number[] | undefined): Array<{ id: string; value: string }> {
  if (!view) return m.top[type as EngagementType] ?? [];
  const col = m.types.indexOf(type as EngagementType) + 1;
  return col > 0 ? topValues(m.rows, col, TOP_N, view) : [];
}

/** `view`: the rows a filter keeps (undefined: all). */
export function renderChart(bars: HTMLOListElement, m: PanelModel, metric: string, view?: readonly number[]): void {
  const list = topOf(m, metric, view);
  bars.replaceChildren();
  if (list.length === 0) {
    bars.append(el('li', 'muted', l10n.t('No values for this metric.')));
    return;
  }
  const max = list[0].value;
  for (const { id, value } of list) {
    const li = el('li', 'bar-row');
    const track = el('span', 'bar-track');
    track.setAttribute('aria-hidden', 'true');
    const fill = el('span', 'bar-fill');
    fill.style.width = permille(value, max) / 10 + '%';
    track.append(fill);
    li.append(idButton(id), track, el('span', 'bar-value', formatThousands(value)));
    bars.append(li);
  }
}

/** `view`: the rows a filter keeps (undefined: all). */
export function buildTopLists(m: PanelModel, label: (type: string) => string, view?: readonly number[]): HTMLElement {
  const sec = el('section', 'top-section');
  if (m.rows.length === 0) return sec;
  sec.append(el('h2', '', view ? l10n.t('Top {0} per metric (filtered)', TOP_N) : l10n.t('Top {0} per metric', TOP_N)));
  const grid = el('div', 'top-grid');
  for (const t of m.types) {
    const card = el('div', 'card');
    card.append(el('h3', '', label(t)));
    const ol = el('ol', 'top-list');
    const list = topOf(m, t, view);
    if (list.length === 0) ol.append(el('li', 'muted', l10n.t('No values')));
    for (const { id, value } of list) {
      const li = el('li');
      li.append(idButton(id), el('span', 'top-value', formatThousands(value)));
      ol.append(li);
    }
    card.append(ol);
    grid.append(card);
  }
  sec.append(grid);
  return sec;
}
