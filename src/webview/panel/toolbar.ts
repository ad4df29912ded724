// The toolbar: the ID filter (debounced), the row count and the export/copy actions.
import * as l10n from '@vscode/l10n';
import type { PanelModel } from '../../shared/panelProtocol';
import { actionButton, el } from './dom';

const FILTER_DEBOUNCE_MS = 150;

export interface Toolbar {
  bar: HTMLElement;
  filter: HTMLInputElement;
  count: HTMLElement;
  exportCsv: HTMLButtonElement;
  exportJson: HTMLButtonElement;
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;

/** `onFilter` gets the trimmed filter text once typing pauses. */
export function buildToolbar(m: PanelModel, filter: string, onFilter: (text: string) => void): Toolbar {
  const bar = el('div', 'toolbar');
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', l10n.t('Table actions'));
  const input = el('input', 'filter');
  input.type = 'search';
  input.placeholder = l10n.t('Filter by Tweet ID');
  input.setAttribute('aria-label', l10n.t('Filter rows by Tweet ID (substring)'));
  input.value = filter;
  input.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => onFilter(input.value.trim()), FILTER_DEBOUNCE_MS);
  });
  const count = el('span', 'count');
  count.setAttribute('aria-live', 'polite');
  const actions = el('span', 'actions');
  const copy = actionButton(l10n.t('Copy table'), 'secondary', 'copy');
  copy.title = l10n.t('Copy the rows shown (filtered, sorted) as tab-separated text');
  if (m.rows.length === 0) copy.disabled = true;
  const exportCsv = actionButton(l10n.t('Export {0}', 'CSV'), 'secondary', 'export-csv');
  const exportJson = actionButton(l10n.t('Export {0}', 'JSON'), 'secondary', 'export-json');
  actions.append(exportCsv, exportJson, copy);
  bar.append(input, count, actions);
  return { bar, filter: input, count, exportCsv, exportJson };
}
