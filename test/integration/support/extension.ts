// The activated extension's API and helpers the integration tests share: a bounded wait and
// the text of the extension's log files on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'x-engagement-tools.x-engagement-totals';

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

/** Polls `fn` until it gives a value (bounded: it only guards against a hang). */
export async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Everything the extension's log files on disk hold. */
export function logText(a: ExtensionApi): string {
  const dir = a.logUri.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

type Window = Record<string, unknown>;
/**
 * Replaces vscode.window functions for the duration of a test (the extension shares this API
 * object): notifications are recorded and answered with `answer`; quick picks and input
 * boxes are answered by `pick`/`input` when given.
 */
export function stubWindow(
  options: {
    answer?: (message: string) => string | undefined;
    pick?: (items: readonly unknown[], opts: vscode.QuickPickOptions | undefined) => unknown;
    input?: (opts: vscode.InputBoxOptions | undefined) => string | undefined;
  } = {},
) {
  const w = vscode.window as unknown as Window;
  const names = ['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'showQuickPick', 'showInputBox', 'setStatusBarMessage'];
  const saved = new Map(names.map((n) => [n, w[n]]));
  const notes: Array<{ kind: string; text: string; modal: boolean }> = [];
  const picks: Array<{ title?: string; labels: string[] }> = [];
  const status: string[] = [];
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage']) {
    w[kind] = (text: string, ...rest: unknown[]) => {
      const first = rest[0] as { modal?: unknown } | undefined;
      notes.push({ kind, text, modal: typeof first === 'object' && first !== null && first.modal === true });
      return Promise.resolve(options.answer?.(text));
    };
  }
  w.showQuickPick = async (items: readonly unknown[] | Thenable<readonly unknown[]>, opts?: vscode.QuickPickOptions) => {
    const list = await items;
    picks.push({ title: opts?.title, labels: list.map((i) => (typeof i === 'string' ? i : (i as vscode.QuickPickItem).label)) });
    return options.pick?.(list, opts);
  };
  w.showInputBox = async (opts?: vscode.InputBoxOptions) => options.input?.(opts);
  w.setStatusBarMessage = (text: string) => {
    status.push(text);
    return new vscode.Disposable(() => undefined);
  };
  assert.ok(w.showErrorMessage !== saved.get('showErrorMessage'), 'vscode.window can be stubbed here');
  return {
    notes,
    picks,
    status,
    restore: () => {
      for (const [n, f] of saved) w[n] = f;
    },
  };
}
