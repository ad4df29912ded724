// The hover provider inside a real extension host, called directly on an untitled
// document: cached numbers, a fetch link for uncached IDs, nothing for non-IDs, and
// hover auto-fetch: batching, and the hover waiting for the numbers it asked for.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RunRecord } from '../../src/core/types';
import { ConfigurationDependentRegistration } from '../../src/platform/configurationDependentRegistration';
import { RunStore } from '../../src/platform/runStore';
import { FetchIdsOptions, FetchService, Settings, SettingsReader } from '../../src/platform/services';
import { TweetHoverProvider } from '../../src/features/hover/hoverProvider';
import { memoryMemento } from './support/memento';
import { totalsResult } from '../support/results';
import { api } from './support/extension';

const CACHED = '1790000000000000001';
const IN_URL = '1790000000000000002';
const PLAIN = '1790000000000000003';
const TEXT = [`cached: ${CACHED} here`, `url: https://x.com/someone/status/${IN_URL}?s=20`, `not an id: 12345 and a timestamp 1714567890123`, `another: ${PLAIN}`].join('\n');

function cachedRun(fetchedAt: string, favorites: string, profile = 'team *a* [x](command:evil)', id = CACHED): RunRecord {
  return {
    id: `run-${fetchedAt}-${id}`,
    profile,
    source: 'test',
    result: totalsResult({
      query: { tweetIds: [id], engagementTypes: ['favorites', 'retweets'], groupings: [{ name: 'p', groupBy: ['tweet.id', 'engagement.type'] }] },
      groupings: { p: { [id]: { favorites, retweets: '12' } } },
      finishedAt: fetchedAt,
    }),
  };
}

class StubFetch implements FetchService {
  calls: { ids: string[]; source: string; quiet?: boolean; lookup?: boolean; token?: vscode.CancellationToken }[] = [];
  async fetchIds(ids: string[], source: string, options?: FetchIdsOptions) {
    this.calls.push({ ids, source, quiet: options?.quiet, lookup: options?.lookup, token: options?.token });
    return undefined;
  }
  async refreshRun() {
    return undefined;
  }
  async retryFailed() {}
}

function settingsReader(over: Partial<Settings> = {}): SettingsReader & { set(s: Partial<Settings>): void } {
  const emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  let value: Settings = {
    apiBaseUrl: 'http://127.0.0.1',
    defaultEngagementTypes: ['favorites'],
    defaultGroupings: [],
    askForTypes: false,
    concurrency: 1,
    hoverEnabled: true,
    hoverAutoFetch: false,
    annotationsEnabled: false,
    panelOpenIn: 'beside',
    cacheMaxAgeMinutes: 60,
    useSandboxOnStart: false,
    workspaceTrusted: true,
    ...over,
  };
  return {
    get: () => value,
    onDidChange: emitter.event,
    set(s) {
      value = { ...value, ...s };
      emitter.fire({ affectsConfiguration: () => true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Tweet hover', () => {
  let doc: vscode.TextDocument;
  const at = (id: string, delta = 3) => {
    const offset = TEXT.indexOf(id);
    assert.ok(offset >= 0);
    return doc.positionAt(offset + delta);
  };
  const markdown = (hover: vscode.Hover | undefined) => {
    assert.ok(hover, 'expected a hover');
    return (hover.contents[0] as vscode.MarkdownString).value;
  };
  /** A hover answered at once (no auto-fetch to wait for). */
  const immediate = (hover: ReturnType<TweetHoverProvider['provideHover']>): vscode.Hover | undefined => {
    assert.ok(!(hover instanceof Promise), 'answered at once');
    return hover;
  };

  before(async () => {
    doc = await vscode.workspace.openTextDocument({ content: TEXT, language: 'plaintext' });
  });

  it('shows cached values, change, age, escaped profile and trusted command links', async () => {
    const now = Date.now();
    const store = new RunStore(memoryMemento());
    await store.add(cachedRun(new Date(now - 3 * 3_600_000).toISOString(), '1000'));
    await store.add(cachedRun(new Date(now - 5 * 60_000).toISOString(), '1234567'));
    const fetch = new StubFetch();
    const provider = new TweetHoverProvider(store, settingsReader(), fetch);
    const token = new vscode.CancellationTokenSource().token;
    const hover = immediate(provider.provideHover(doc, at(CACHED), token));
    const md = markdown(hover);
    assert.ok(md.includes(CACHED));
    assert.ok(md.includes('| Likes | 1,234,567 | \\+1,233,567 |'), md);
    assert.ok(md.includes('| Reposts | 12 | 0 |'), md);
    assert.ok(md.includes('5 min ago'), md);
    assert.ok(md.includes('team \\*a\\* \\[x\\]\\(command\\:evil\\)'), md);
    assert.ok(md.includes('command:xEngagement.fetchTweet?' + encodeURIComponent(JSON.stringify([CACHED]))));
    assert.ok(md.includes('command:xEngagement.showPanel?'));
    assert.ok(md.includes('command:xEngagement.openTweet?'));
    const content = hover!.contents[0] as vscode.MarkdownString;
    assert.deepEqual(content.isTrusted, { enabledCommands: ['xEngagement.fetchTweet', 'xEngagement.showPanel', 'xEngagement.openTweet', 'xEngagement.refreshRun'] });
    assert.equal(content.supportThemeIcons, true);
    const start = TEXT.indexOf(CACHED);
    assert.ok(hover!.range?.isEqual(new vscode.Range(doc.positionAt(start), doc.positionAt(start + CACHED.length))));
    assert.equal(fetch.calls.length, 0, 'no network from a hover with auto-fetch off');
    provider.dispose();
  });

  it('offers a fetch link for an uncached ID in a status URL', () => {
    const provider = new TweetHoverProvider(new RunStore(memoryMemento()), settingsReader(), new StubFetch());
    const md = markdown(immediate(provider.provideHover(doc, at(IN_URL, 10), new vscode.CancellationTokenSource().token)));
    assert.ok(md.includes('Fetch engagement totals for this Tweet'));
    assert.ok(md.includes('command:xEngagement.fetchTweet?' + encodeURIComponent(JSON.stringify([IN_URL]))));
    provider.dispose();
  });

  it('gives no hover for numbers that are not Tweet IDs', () => {
    const provider = new TweetHoverProvider(new RunStore(memoryMemento()), settingsReader(), new StubFetch());
    const token = new vscode.CancellationTokenSource().token;
    assert.equal(provider.provideHover(doc, at('12345', 2), token), undefined);
    assert.equal(provider.provideHover(doc, at('1714567890123', 5), token), undefined);
    assert.equal(provider.provideHover(doc, doc.positionAt(TEXT.indexOf('not an')), token), undefined);
    provider.dispose();
  });

  it('with auto-fetch, sends IDs hovered quickly in ONE quiet fetch, waits for it, and never repeats it', async () => {
    const store = new RunStore(memoryMemento());
    await store.add(cachedRun(new Date().toISOString(), '5'));
    const fetch = new StubFetch();
    const provider = new TweetHoverProvider(store, settingsReader({ hoverAutoFetch: true }), fetch, { delayMs: 100 });
    const token = () => new vscode.CancellationTokenSource().token;
    const first = provider.provideHover(doc, at(IN_URL, 4), token());
    assert.ok(first instanceof Promise, 'an uncached ID: the hover waits for its auto-fetch');
    const second = provider.provideHover(doc, at(PLAIN), token());
    provider.provideHover(doc, at(PLAIN, 5), token()); // same ID again: no second entry
    immediate(provider.provideHover(doc, at(CACHED), token())); // fresh: answered at once, not fetched
    assert.equal(fetch.calls.length, 0, 'nothing leaves before the quiet time');
    await sleep(400);
    assert.equal(fetch.calls.length, 1);
    assert.deepEqual(fetch.calls[0].ids, [IN_URL, PLAIN]);
    assert.equal(fetch.calls[0].source, 'Hover lookups');
    assert.equal(fetch.calls[0].lookup, true, 'into the hover lookups, not a run');
    assert.equal(fetch.calls[0].quiet, true);
    assert.ok(fetch.calls[0].token);
    // The stub brought no numbers: the waiting hovers end with the fetch link, not a spinner.
    for (const md of [markdown(await first), markdown(await second)]) {
      assert.ok(md.includes('Fetch engagement totals for this Tweet') && !md.includes('Fetching…'), md);
    }
    // Hovering again right away answers at once and does not refetch.
    immediate(provider.provideHover(doc, at(IN_URL, 4), token()));
    await sleep(300);
    assert.equal(fetch.calls.length, 1);
    provider.dispose();
  });

  it('with auto-fetch, the first hover over an uncached ID shows the numbers its fetch brought', async function () {
    // The wait may last a minute; only the fetch coming back can end it within the test's 10 s.
    this.timeout(10_000);
    const store = new RunStore(memoryMemento());
    class StoringFetch extends StubFetch {
      override async fetchIds(ids: string[], source: string, options?: { quiet?: boolean; token?: vscode.CancellationToken }) {
        await super.fetchIds(ids, source, options);
        await sleep(50); // the network
        for (const id of ids) await store.add(cachedRun(new Date().toISOString(), '4321', 'sandbox', id));
        return undefined;
      }
    }
    const fetch = new StoringFetch();
    const provider = new TweetHoverProvider(store, settingsReader({ hoverAutoFetch: true }), fetch, { delayMs: 50, waitMs: 60_000 });
    const md = markdown(await provider.provideHover(doc, at(PLAIN), new vscode.CancellationTokenSource().token));
    assert.ok(md.includes('| Likes | 4,321 |'), md);
    assert.ok(!md.includes('Fetching…'), md);
    assert.equal(fetch.calls.length, 1);
    provider.dispose();
  });

  it('with auto-fetch, a fetch that does not come back: "Fetching…" after the wait; a hover left early gives nothing', async function () {
    // Only waitMs can end the first hover within the test's 10 s: the fetch runs until disposal.
    this.timeout(10_000);
    const fetch = new (class extends StubFetch {
      override async fetchIds(ids: string[], source: string, options?: { quiet?: boolean; token?: vscode.CancellationToken }) {
        await super.fetchIds(ids, source, options);
        await new Promise<void>((resolve) => options?.token?.onCancellationRequested(() => resolve()));
        return undefined;
      }
    })();
    const provider = new TweetHoverProvider(new RunStore(memoryMemento()), settingsReader({ hoverAutoFetch: true }), fetch, { delayMs: 50, waitMs: 300 });
    const md = markdown(await provider.provideHover(doc, at(PLAIN), new vscode.CancellationTokenSource().token));
    assert.ok(md.includes('Fetching…'), md);
    const left = new vscode.CancellationTokenSource();
    const pending = provider.provideHover(doc, at(PLAIN), left.token); // in flight: waits again
    assert.ok(pending instanceof Promise);
    left.cancel();
    assert.equal(await pending, undefined);
    provider.dispose();
  });

  it('with auto-fetch, numbers already stored while the fetch is still finishing show as numbers, not a spinner', async function () {
    // The fetch stores its run, then stays open (a slow store write, a retry of another batch):
    // only waitMs ends the hover, and by then the cache holds fresh numbers for the ID.
    this.timeout(10_000);
    const store = new RunStore(memoryMemento());
    const fetch = new (class extends StubFetch {
      override async fetchIds(ids: string[], source: string, options?: { quiet?: boolean; token?: vscode.CancellationToken }) {
        await super.fetchIds(ids, source, options);
        for (const id of ids) await store.add(cachedRun(new Date().toISOString(), '777', 'sandbox', id));
        await new Promise<void>((resolve) => options?.token?.onCancellationRequested(() => resolve()));
        return undefined;
      }
    })();
    const provider = new TweetHoverProvider(store, settingsReader({ hoverAutoFetch: true }), fetch, { delayMs: 50, waitMs: 300 });
    const md = markdown(await provider.provideHover(doc, at(PLAIN), new vscode.CancellationTokenSource().token));
    assert.ok(md.includes('| Likes | 777 |'), md);
    assert.ok(!md.includes('Fetching…'), md);
    provider.dispose();
  });

  it('in an untrusted workspace, auto-fetch sends nothing (even when on): the hover offers the Fetch link and says why; trust brings it back', async () => {
    const store = new RunStore(memoryMemento());
    await store.add(cachedRun(new Date(Date.now() - 3 * 3_600_000).toISOString(), '5')); // stale
    const fetch = new StubFetch();
    const settings = settingsReader({ hoverAutoFetch: true, workspaceTrusted: false });
    const provider = new TweetHoverProvider(store, settings, fetch, { delayMs: 50 });
    const token = () => new vscode.CancellationTokenSource().token;
    const uncached = markdown(immediate(provider.provideHover(doc, at(PLAIN), token())));
    const stale = markdown(immediate(provider.provideHover(doc, at(CACHED), token())));
    immediate(provider.provideHover(doc, at(IN_URL, 4), token()));
    await sleep(300); // well past the batching delay
    assert.equal(fetch.calls.length, 0, 'no request from hovering in Restricted Mode');
    assert.ok(uncached.includes('command:xEngagement.fetchTweet?' + encodeURIComponent(JSON.stringify([PLAIN]))), uncached);
    assert.ok(stale.includes('command:xEngagement.fetchTweet?' + encodeURIComponent(JSON.stringify([CACHED]))), stale);
    for (const md of [uncached, stale]) assert.ok(md.includes('Auto-fetch is off in Restricted Mode') && !md.includes('Fetching…'), md);
    // Trust granted: auto-fetch is back, and the note is gone.
    settings.set({ workspaceTrusted: true });
    const back = provider.provideHover(doc, at(PLAIN), token());
    assert.ok(back instanceof Promise, 'the hover waits for its auto-fetch again');
    assert.ok(!markdown(await back).includes('Restricted Mode'));
    assert.deepEqual(
      fetch.calls.map((c) => c.ids),
      [[PLAIN]],
    );
    provider.dispose();
  });

  it('drops an auto-fetch whose hover was cancelled before the batch left', async () => {
    const fetch = new StubFetch();
    const provider = new TweetHoverProvider(new RunStore(memoryMemento()), settingsReader({ hoverAutoFetch: true }), fetch, { delayMs: 100 });
    const cancelled = new vscode.CancellationTokenSource();
    provider.provideHover(doc, at(PLAIN), cancelled.token);
    provider.provideHover(doc, at(IN_URL, 4), new vscode.CancellationTokenSource().token);
    cancelled.cancel();
    await sleep(400);
    assert.deepEqual(
      fetch.calls.map((c) => c.ids),
      [[IN_URL]],
    );
    provider.dispose();
  });
});

describe('ConfigurationDependentRegistration', () => {
  it('registers while the setting is on and disposes when it turns off', () => {
    const settings = settingsReader({ hoverEnabled: false });
    let live = 0;
    const reg = new ConfigurationDependentRegistration(
      () => settings.get().hoverEnabled,
      () => {
        live++;
        return new vscode.Disposable(() => live--);
      },
      settings.onDidChange,
    );
    assert.equal(live, 0);
    settings.set({ hoverEnabled: true });
    assert.equal(live, 1);
    settings.set({ concurrency: 2 }); // another setting: no second registration
    assert.equal(live, 1);
    settings.set({ hoverEnabled: false });
    assert.equal(live, 0);
    settings.set({ hoverEnabled: true });
    reg.dispose();
    assert.equal(live, 0);
  });
});

describe('Where the extension hovers', () => {
  it('in the documents users type in (untitled, file), not in read-only views of other schemes (output, git, virtual documents)', async () => {
    const a = await api();
    const id = '1790000000000000077';
    const run = cachedRun(new Date().toISOString(), '4321', 'scope-test', id);
    await a.store.add(run);
    const scheme = 'xeng-scope-test';
    const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => `id: ${id}\n` });
    try {
      const ours = async (doc: vscode.TextDocument) => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 8));
        return hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('4,321')));
      };
      const untitled = await vscode.workspace.openTextDocument({ content: `id: ${id}\n` });
      assert.equal(await ours(untitled), true, 'an untitled document gets the hover');
      const virtual = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/ids.txt`));
      assert.equal(virtual.getText(), `id: ${id}\n`);
      assert.equal(await ours(virtual), false, 'a document of another scheme does not');
    } finally {
      provider.dispose();
      await a.store.remove(run.id);
    }
  });
});
