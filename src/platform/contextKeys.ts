// Context keys that record something the user has done in this window (a hover with numbers,
// the panel shown): the walkthrough's steps complete on them (`onContext:` completion events).
// Each is set to true once, not on every hover.
import * as vscode from 'vscode';

const done = new Set<string>();

/** Sets the context key `key` to true, the first time only. */
export function markDone(key: string): void {
  if (done.has(key)) return;
  done.add(key);
  void vscode.commands.executeCommand('setContext', key, true);
}
