import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESTRICTED_SETTINGS } from '../../src/editor/services';

const root = path.resolve(__dirname, '../../..');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('architecture', () => {
  it('core, shared, sandbox and CLI never import vscode (they run in plain Node)', () => {
    const offenders = [...files(path.join(root, 'src/core')), ...files(path.join(root, 'src/shared')), ...files(path.join(root, 'src/sandbox')), path.join(root, 'src/cli.ts')].filter((f) =>
      /(from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/.test(fs.readFileSync(f, 'utf8')),
    );
    assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
  });

  it('activates on use, never on "*"', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.ok(!pkg.activationEvents.includes('*'));
  });

  it('keeps the API host out of workspace control', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.contributes.configuration.properties['xEngagement.apiBaseUrl'].scope, 'machine');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('xEngagement.apiBaseUrl'));
    const settings = fs.readFileSync(path.join(root, 'src/editor/settings.ts'), 'utf8');
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
