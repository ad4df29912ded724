import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { COMMANDS, CONTEXT_KEYS, INTERNAL_COMMANDS, STATUS_BAR_ITEM, VIEWS, WALKTHROUGHS, WEBVIEW_TYPES } from '../../src/commands';
import { CONCURRENCY, DEFAULT_BASE_URL } from '../../src/core/types';
import { RESTRICTED_SETTINGS } from '../../src/platform/services';
import { readManifest } from '../support/manifest';

const root = path.resolve(__dirname, '../../..');

interface Walkthrough {
  id: string;
  steps: Array<{ id: string; description: string; completionEvents: string[]; media: { image?: string; markdown?: string; altText?: string } }>;
}

describe('architecture', () => {
  // The boundaries themselves live in eslint.config.mjs (`npm run lint`, in CI); this checks that
  // the config still holds them, on files that exist only here (today's folders and planned ones).
  it('ESLint keeps vscode out of the pure folders and feature internals out of other features', async function () {
    this.timeout(60_000);
    const eslint = new ESLint({ cwd: root });
    const failures = async (filePath: string, text: string) =>
      (await eslint.lintText(text, { filePath: path.join(root, filePath) }))[0].messages.filter(
        (m) => m.ruleId?.endsWith('no-restricted-imports') || m.ruleId === 'no-restricted-syntax',
      ).length;
    const staticImport = "import * as vscode from 'vscode';\nexport const v = vscode;\n";
    for (const file of ['src/core/x.ts', 'src/shared/x.ts', 'src/sandbox/x.ts', 'src/cli.ts', 'src/finder/x.ts', 'src/webview/panel/x.ts']) {
      assert.equal(await failures(file, staticImport), 1, `${file} may not import vscode`);
    }
    assert.equal(await failures('src/core/x.ts', "export const v = () => import('vscode');\n"), 1, 'dynamic import');
    assert.equal(await failures('src/core/x.ts', "import { log } from '../platform/log';\nexport const v = log;\n"), 1, 'editor-side module');
    assert.equal(await failures('src/platform/x.ts', staticImport), 0, 'the editor side may');
    assert.equal(await failures('src/features/fetch/x.ts', "import { a } from '../panel/viewModel';\nexport const v = a;\n"), 1, "another feature's internals");
    assert.equal(
      await failures(
        'src/features/fetch/x.ts',
        "import { a } from '../panel/register';\nimport { b } from '../panel';\nimport { c } from '../../shared/untrusted';\nexport const v = [a, b, c];\n",
      ),
      0,
    );
  });

  it('contributes exactly the commands, views and webview that src/commands.ts names', () => {
    // As VS Code reads it: the welcome text's links are checked in the English text (package.nls.json); l10n.test.ts checks the translations keep them.
    const pkg = readManifest(root);
    const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual([...contributed].sort(), Object.values(COMMANDS).sort());
    // Every command a menu, a welcome link or a keybinding names is one of them.
    const menus: Array<{ command: string; when?: string }> = Object.values(pkg.contributes.menus as Record<string, Array<{ command: string }>>).flat();
    for (const m of menus) assert.ok(contributed.includes(m.command), `menu entry ${m.command}`);
    for (const [, id] of (pkg.contributes.viewsWelcome[0].contents as string).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(contributed.includes(id), `welcome link ${id}`);
    assert.deepEqual(
      pkg.contributes.views[VIEWS.container].map((v: { id: string }) => v.id),
      [VIEWS.results],
    );
    assert.ok(pkg.contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === VIEWS.container));
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${WEBVIEW_TYPES.results}`));
    // Context keys and the status bar item are used by these names: in `when` clauses or as the walkthrough's completion events.
    const whens = menus.map((m) => m.when ?? '').join(' ');
    const completions: string[] = pkg.contributes.walkthroughs.flatMap((w: Walkthrough) => w.steps.flatMap((s) => s.completionEvents));
    for (const key of Object.values(CONTEXT_KEYS)) {
      assert.ok(whens.includes(key) || completions.includes(`onContext:${key}`), `context key ${key} is used in a when clause or a completion event`);
    }
    assert.match(STATUS_BAR_ITEM, /^xEngagement\./);
  });

  it('walks a first run through the sandbox, credentials, a fetch, a hover and the panel, each step completed by doing it', () => {
    const pkg = readManifest(root);
    const walkthroughs: Walkthrough[] = pkg.contributes.walkthroughs;
    assert.deepEqual(
      walkthroughs.map((w) => w.id),
      Object.values(WALKTHROUGHS),
    );
    const [firstRun] = walkthroughs;
    assert.deepEqual(
      firstRun.steps.map((s) => s.id),
      ['useSandbox', 'setCredentials', 'fetchFile', 'hoverId', 'openPanel'],
    );
    const known: string[] = [...Object.values(COMMANDS), ...Object.values(INTERNAL_COMMANDS)];
    const keys: string[] = Object.values(CONTEXT_KEYS);
    for (const step of firstRun.steps) {
      // Each step completes on what the user does: running its command, or a key the extension sets when it happened.
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on something`);
      for (const event of step.completionEvents) {
        const [, kind, id] = /^(onCommand|onContext):(.+)$/.exec(event) ?? [];
        if (kind === 'onCommand') assert.ok(known.includes(id), `${step.id}: ${event} names one of our commands`);
        else assert.ok(kind === 'onContext' && keys.includes(id), `${step.id}: ${event} names a key of CONTEXT_KEYS`);
      }
      // Its buttons run our commands, and its media ship in the .vsix (media/ and docs/images/ do).
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(known.includes(id), `${step.id}: button ${id}`);
      // In every language (a side page may have a translation: package.nls.<locale>.json names it).
      for (const locale of [undefined, 'ja']) {
        const localised = readManifest(root, locale).contributes.walkthroughs[0].steps.find((x: { id: string }) => x.id === step.id);
        const media = localised.media.image ?? localised.media.markdown ?? '';
        assert.match(media, /^(media\/|docs\/images\/)/, `${step.id}: media ${media}`);
        assert.ok(fs.existsSync(path.join(root, media)), `${step.id}: ${media} exists`);
      }
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: the image has alt text`);
    }
  });

  it("states the settings' defaults and bounds as the code's constants", () => {
    const props = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties;
    const c = props['xEngagement.concurrency'];
    assert.deepEqual([c.minimum, c.default, c.maximum], [CONCURRENCY.min, CONCURRENCY.default, CONCURRENCY.max]);
    assert.equal(props['xEngagement.apiBaseUrl'].default, DEFAULT_BASE_URL);
  });

  it('activates on use, never on "*"', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.ok(!pkg.activationEvents.includes('*'));
  });

  it('keeps the API host out of workspace control', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.contributes.configuration.properties['xEngagement.apiBaseUrl'].scope, 'machine');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('xEngagement.apiBaseUrl'));
    const settings = fs.readFileSync(path.join(root, 'src/platform/settings.ts'), 'utf8');
    assert.match(settings, /apiBaseUrl: userOnly/);
  });

  it('restricts in untrusted workspaces exactly the settings the reader restricts: one list', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const listed: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited', 'VS Code honours the list only for "limited"');
    assert.deepEqual([...listed].sort(), RESTRICTED_SETTINGS.map((k) => `xEngagement.${k}`).sort());
    const properties = Object.keys(pkg.contributes.configuration.properties);
    for (const key of listed) assert.ok(properties.includes(key), `${key} is a contributed setting`);
    // Every setting that decides what is sent, where or when is on it.
    for (const key of ['apiBaseUrl', 'hover.autoFetch', 'cache.maxAgeMinutes', 'concurrency', 'defaultEngagementTypes', 'defaultGroupings']) {
      assert.ok(listed.includes(`xEngagement.${key}`), `xEngagement.${key} is restricted`);
    }
  });
});
