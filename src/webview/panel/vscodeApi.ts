// The handle VS Code gives a webview page on its host: a global function, callable once per page.
import type { PageMessage } from '../../shared/panelProtocol';

export interface VsCodeApi<State> {
  postMessage(message: PageMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare global {
  function acquireVsCodeApi<State = unknown>(): VsCodeApi<State>;
}
