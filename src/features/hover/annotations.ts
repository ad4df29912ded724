// Optional end-of-line annotations ("♥ 1.2K  ⟲ 340  ↩ 12") for lines holding Tweet IDs
// with cached numbers. Only the visible lines of visible editors are scanned, and the
// listeners exist only while `xEngagement.annotations.enabled` is on.
import * as vscode from 'vscode';
import { RunStore } from '../../platform/runStore';
import { ConfigurationDependentRegistration } from '../../platform/configurationDependentRegistration';
import { SettingsReader } from '../../platform/services';
import { finderLineText, isUserDocument } from '../../platform/documents';
import { lineAnnotation } from './lineAnnotation';

/** Lines scanned per editor at most (visible ranges are rarely longer). */
const MAX_LINES_PER_EDITOR = 1000;
const TYPING_DELAY_MS = 200;
const SCROLL_DELAY_MS = 50;

export class AnnotationController implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('xEngagement.annotationForeground'), margin: '0 0 0 2em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly store: RunStore) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule(SCROLL_DELAY_MS)),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.schedule(SCROLL_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.schedule(TYPING_DELAY_MS);
      }),
      store.onDidChange(() => this.schedule(0)),
    );
    // Not now: during activation this would index every stored run (see RunStore).
    this.schedule(0);
  }

  /** Recomputes the decorations of every visible editor now. */
  update(): void {
    for (const editor of vscode.window.visibleTextEditors) if (isUserDocument(editor.document)) this.updateEditor(editor);
  }

  private updateEditor(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const options: vscode.DecorationOptions[] = [];
    const seen = new Set<number>();
    const lookup = (id: string) => this.store.lookup(id)?.latest.metrics as Record<string, string> | undefined;
    for (const range of editor.visibleRanges) {
      for (let line = range.start.line; line <= range.end.line && line < doc.lineCount && seen.size < MAX_LINES_PER_EDITOR; line++) {
        if (seen.has(line)) continue;
        seen.add(line);
        const text = finderLineText(doc, line);
        if (!/\d/.test(text)) continue; // cheap skip: no ID can be there
        const contentText = lineAnnotation(text, lookup);
        if (!contentText) continue;
        const end = text.length;
        options.push({ range: new vscode.Range(line, end, line, end), renderOptions: { after: { contentText } } });
      }
    }
    editor.setDecorations(this.decoration, options);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, ms);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.decoration.dispose(); // also removes the decorations from every editor
  }
}

export function registerAnnotations(store: RunStore, settings: SettingsReader): vscode.Disposable {
  return new ConfigurationDependentRegistration(
    () => settings.get().annotationsEnabled,
    () => new AnnotationController(store),
    settings.onDidChange,
  );
}
