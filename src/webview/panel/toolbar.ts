// The toolbar: the ID filter (debounced), the row count and the export/copy actions.
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
  bar.setAttribute('aria-label', 'Table actions');
  const input = el('input', 'filter');
  input.type = 'search';
  input.placeholder = 'Filter by Tweet ID';
  input.setAttribute('aria-label', 'Filter rows by Tweet ID (substring)');
  input.value = filter;
  input.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => onFilter(input.value.trim()), FILTER_DEBOUNCE_MS);
  });
  const count = el('span', 'count');
  count.setAttribute('aria-live', 'polite');
  const actions = el('span', 'actions');
  const copy = actionButton('Copy table', 'secondary', 'copy');
  copy.title = 'Copy the rows shown (filtered, sorted) as tab-separated text';
  if (m.rows.length === 0) copy.disabled = true;
  const exportCsv = actionButton('Export CSV', 'secondary', 'export-csv');
  const exportJson = actionButton('Export JSON', 'secondary', 'export-json');
  actions.append(exportCsv, exportJson, copy);
  bar.append(input, count, actions);
  return { bar, filter: input, count, exportCsv, exportJson };
}
