// Element helpers. Text from the model always goes in as textContent, never as HTML.
import * as l10n from '@vscode/l10n';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label: string, cls: string): HTMLButtonElement {
  const b = el('button', cls, label);
  b.type = 'button';
  return b;
}

/** A Tweet ID as a keyboard-reachable link-like button; main.ts handles the clicks (delegated). */
export function idButton(id: string): HTMLButtonElement {
  const b = button(id, 'link id');
  b.dataset.id = id;
  b.title = l10n.t('Open on x.com');
  return b;
}

/** A button that main.ts's delegated click handler dispatches on `data-action`. */
export function actionButton(label: string, cls: string, action: string): HTMLButtonElement {
  const b = button(label, cls);
  b.dataset.action = action;
  return b;
}

/** A select of engagement types shown by their words; `onChange` gets the picked type. */
export function metricSelect(types: readonly string[], label: (type: string) => string, value: string, ariaLabel: string, onChange: (type: string) => void): HTMLSelectElement {
  const select = el('select', 'metric');
  select.setAttribute('aria-label', ariaLabel);
  for (const t of types) {
    const o = el('option', '', label(t));
    o.value = t;
    select.append(o);
  }
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return select;
}
