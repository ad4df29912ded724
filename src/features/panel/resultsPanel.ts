// The results panel: one webview panel (reused) showing a run from the RunStore as a
// table, chart and sections. The page gets no data in its HTML: it asks with `ready` and
// receives the model by postMessage; everything it sends back is validated.
import * as vscode from 'vscode';
import { restrictToTweets, seriesToCsv, seriesToJson, toCsv, toJson } from '../../core/export';
import { isSeriesRun, RunRecord } from '../../core/types';
import { RunStore } from '../../platform/runStore';
import type { PanelOpenIn } from '../../platform/services';
import { ExtensionMessage, PageMessage, PanelModel, parsePageMessage, parsePanelState, SeriesPanelModel } from '../../shared/panelProtocol';
import { buildPanelModel, panelTitle } from './viewModel';
import { buildSeriesPanelModel, seriesPanelTitle } from './seriesViewModel';
import { pageHtml } from './page';
import { forIconLabel, forNotification } from '../../shared/untrusted';
import { COMMANDS, CONTEXT_KEYS, WEBVIEW_TYPES } from '../../commands';
import { markDone } from '../../platform/contextKeys';
import { l10nBundle } from '../../platform/l10n';

export const RESULTS_VIEW_TYPE = WEBVIEW_TYPES.results;
const MEDIA = 'media';
/** Where esbuild puts the webview pages' scripts (src/webview/). */
const WEBVIEW_DIST = ['dist', 'webview'];

export class ResultsPanelManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private runId: string | undefined;
  /** Restored without a run to show: take the newest once the cache has one. */
  private followNewest = false;
  private ready = false;
  private html: string | undefined;
  private model: PanelModel | undefined;
  /** The model posted for a time-series run (then `model` is undefined). */
  private seriesModel: SeriesPanelModel | undefined;
  /** The runs the posted model was built from: the shown one, then those fetched no later. */
  private basis: readonly RunRecord[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: RunStore,
    /** xEngagement.panel.openIn, read at each fetch. */
    private readonly openIn: () => PanelOpenIn = () => 'beside',
  ) {
    this.disposables.push(store.onDidChange(() => this.update()));
  }

  /** For tests: the current panel's webview HTML, or undefined. */
  get currentHtml(): string | undefined {
    return this.panel ? this.html : undefined;
  }

  /** For tests: the column the panel is in, or undefined when it is closed. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** For tests: the last time-series model posted to the page. */
  get lastSeriesModel(): SeriesPanelModel | undefined {
    return this.seriesModel;
  }

  /** For tests: the last model posted to the page. */
  get lastModel(): PanelModel | undefined {
    return this.model;
  }

  /**
   * After a fetch: shows the run where xEngagement.panel.openIn says (beside the document by
   * default), leaving the focus in the editor; with "never" only an open panel follows the run.
   */
  showAfterFetch(runId: string): void {
    const where = this.openIn();
    if (where === 'never') {
      if (this.panel) this.display(runId);
      return;
    }
    this.show(runId, { focus: false, column: where === 'active' ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside });
  }

  /**
   * Creates the panel or reveals it where it is, then displays the run. `focus`: the panel takes
   * the keyboard (Show in panel asked for it); otherwise the editor keeps it.
   */
  show(runId: string, options: { focus?: boolean; column?: vscode.ViewColumn } = {}): void {
    const preserveFocus = options.focus !== true;
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      this.display(runId);
      return;
    }
    this.runId = runId;
    this.followNewest = false;
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      this.titleFor(this.store.get(runId)),
      { viewColumn: options.column ?? vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.adopt(panel);
  }

  private display(runId: string): void {
    this.runId = runId;
    this.followNewest = false;
    this.update();
  }

  /** registerWebviewPanelSerializer; push the result into context.subscriptions. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => this.restore(panel, state),
    });
  }

  /** Takes over a panel VS Code restored after a reload; `state` is the page's saved state (a run ID, no data). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const restored = parsePanelState(state);
    // A second restored panel (should not happen: one panel) replaces the first.
    if (this.panel && this.panel !== panel) this.panel.dispose();
    // VS Code may hand a panel back without the page's saved state (a reload right after the
    // panel opened): it then shows the newest run rather than an empty page.
    this.runId = restored?.runId ?? this.store.latest()?.id;
    this.followNewest = this.runId === undefined;
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposePanelParts();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, MEDIA), vscode.Uri.joinPath(this.extensionUri, ...WEBVIEW_DIST)],
      // The page rebuilds from the store on `ready`; no need to keep a hidden page alive.
      retainContextWhenHidden: false,
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    markDone(CONTEXT_KEYS.panelShown);
    this.panel = panel;
    this.ready = false;
    this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, MEDIA, 'activity.svg');
    const run = this.runId ? this.store.get(this.runId) : undefined;
    panel.title = this.titleFor(run);
    this.html = panelHtml(panel.webview, this.extensionUri, panel.title);
    panel.webview.html = this.html;
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        const msg = parsePageMessage(m);
        if (msg) void this.onMessage(msg);
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.html = undefined;
          this.ready = false;
          this.disposePanelParts();
        }
      }),
    );
  }

  private disposePanelParts(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  private titleFor(run: RunRecord | undefined): string {
    return run ? buildTitle(run) : vscode.l10n.t('X Engagement: results');
  }

  /** Re-reads the run and posts it (once the page is ready); the run may be gone. */
  private update(): void {
    const panel = this.panel;
    if (!panel) return;
    // A stateless restore before the cache had loaded: the newest run, once there is one.
    if (this.followNewest && this.store.runs().length > 0) {
      this.runId = this.store.latest()?.id;
      this.followNewest = false;
    }
    const run = this.runId ? this.store.get(this.runId) : undefined;
    panel.title = this.titleFor(run);
    // Before `ready` the page cannot receive anything; it gets the model when it asks.
    if (!this.ready) return;
    if (!run) {
      this.model = undefined;
      this.seriesModel = undefined;
      this.basis = [];
      this.post({ type: 'empty', message: vscode.l10n.t('This run is no longer in the cache. Fetch the Tweets again from the X Engagement view.') });
      return;
    }
    if (isSeriesRun(run)) {
      // A time-series run depends on itself alone.
      if (this.seriesModel && this.basis.length === 1 && this.basis[0] === run) return;
      this.basis = [run];
      this.model = undefined;
      this.seriesModel = buildSeriesPanelModel(run);
      this.post({ type: 'showSeries', model: this.seriesModel });
      return;
    }
    this.seriesModel = undefined;
    // The model depends on the run and, for "change since", on the runs fetched before it. A
    // newer run (or the hover lookups growing) changes nothing here: no rebuild, no redraw.
    const basis = [run, ...this.store.runs().filter((r) => r !== run && r.result.finishedAt <= run.result.finishedAt)];
    if (this.model && basis.length === this.basis.length && basis.every((r, i) => r === this.basis[i])) return;
    this.basis = basis;
    this.model = buildPanelModel(run, (id, runId) => this.store.previousFor(id, runId));
    this.post({ type: 'show', model: this.model });
  }

  private post(message: ExtensionMessage): void {
    if (this.panel) void this.panel.webview.postMessage(message);
  }

  private async onMessage(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.model = undefined; // a new page: it has nothing yet
        this.seriesModel = undefined;
        this.update();
        return;
      case 'openTweet':
        await vscode.commands.executeCommand(COMMANDS.openTweet, msg.id);
        return;
      case 'revealInFile':
        if (this.runId) await vscode.commands.executeCommand(COMMANDS.revealInFile, { runId: this.runId, tweetId: msg.id });
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the table (tab-separated)'), 3000);
        return;
      case 'retryFailed':
        if (this.runId) await vscode.commands.executeCommand(COMMANDS.retryFailed, this.runId);
        return;
      case 'export':
        await this.exportRun(msg.format, msg.ids);
        return;
    }
  }

  /** `ids`: the rows the page shows, in its order (a filter or sort is on); absent: the whole run. */
  private async exportRun(format: 'csv' | 'json', ids?: string[]): Promise<void> {
    const run = this.runId ? this.store.get(this.runId) : undefined;
    if (!run) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This run is no longer in the cache; nothing to export.'));
      return;
    }
    const name = exportFileName(run, format);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: vscode.l10n.t('Export'),
      title: isSeriesRun(run) ? vscode.l10n.t('Export engagement time series') : vscode.l10n.t('Export engagement totals'),
    });
    if (!target) return;
    const origin = run.host ? { host: run.host, sandbox: !!run.sandbox } : undefined;
    let text: string;
    // A time series: the whole run (long-form CSV of its most detailed grouping; JSON in the API's shape).
    if (isSeriesRun(run)) text = format === 'csv' ? seriesToCsv(run.result, origin) : seriesToJson(run.result, origin);
    else {
      const result = ids ? restrictToTweets(run.result, ids) : run.result;
      text = format === 'csv' ? toCsv(result, origin) : toJson(result, origin);
    }
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Exported to {0}', forIconLabel(target.fsPath || target.toString())), 5000);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export: {0}', forNotification(err instanceof Error ? err.message : String(err))));
    }
  }
}

export function buildTitle(run: RunRecord): string {
  return isSeriesRun(run) ? seriesPanelTitle(run) : panelTitle(run);
}

/** "x-engagement-2024-05-01T12-03-04-001.csv": safe on every file system. */
export function exportFileName(run: RunRecord, format: 'csv' | 'json'): string {
  const stem = run.id
    .replace(/\.\d+Z/, '')
    .replace(/[^0-9A-Za-z-]+/g, '-')
    .replace(/-+$/, '');
  return `x-engagement-${stem || 'run'}.${format}`;
}

/** The page's HTML (page.ts) with this webview's URIs. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, MEDIA, 'panel.css'));
  // esbuild writes the CSS the page's script imports (uPlot's) beside it.
  const bundledCss = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST, 'panel.css'));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIST, 'panel.js'));
  return pageHtml({
    cspSource: webview.cspSource,
    title,
    styles: [bundledCss.toString(), css.toString()],
    scripts: [js.toString()],
    l10n: l10nBundle(),
    lang: vscode.env.language,
    loading: vscode.l10n.t('Loading…'),
  });
}
