// An in-memory vscode.Memento for tests that build a RunStore of their own. Values go
// through JSON, as VS Code's storage does, so a test sees what a reload would.
import type * as vscode from 'vscode';

export function memoryMemento(): vscode.Memento {
  const data = new Map<string, string>();
  return {
    get: <T>(key: string, fallback?: T) => (data.has(key) ? (JSON.parse(data.get(key)!) as T) : fallback),
    update: async (key: string, value: unknown) => void (value === undefined ? data.delete(key) : data.set(key, JSON.stringify(value))),
    keys: () => [...data.keys()],
  } as vscode.Memento;
}
