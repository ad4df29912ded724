// Numbers where the IDs are: hovers over Tweet IDs and status URLs (hoverProvider.ts, with
// optional auto-fetch batched by hoverBatcher.ts) and end-of-line annotations (annotations.ts).
import * as vscode from 'vscode';
import { RunStore } from '../../platform/runStore';
import { FetchService, SettingsReader } from '../../platform/services';
import { registerAnnotations } from './annotations';
import { registerHover } from './hoverProvider';

export function registerHoverFeature(store: RunStore, settings: SettingsReader, fetch: FetchService): vscode.Disposable {
  return vscode.Disposable.from(registerHover(store, settings, fetch), registerAnnotations(store, settings));
}
