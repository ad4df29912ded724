// Profiles own their host: saved in the extension's storage with the profile (never in settings),
// used by every fetch of that profile; the built-in sandbox is a host like any other and keeps
// running while a profile uses it. Set credentials tests the host chosen for the profile, and a
// failed test lets the user correct the one wrong field.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SANDBOX_HOST } from '../../src/features/profiles/rules';
import { Sandbox, SANDBOX_CREDENTIALS, startSandbox } from '../../src/sandbox/server';
import { api, logText, stubWindow, waitFor } from './support/extension';

describe('Profiles and their hosts', function () {
  this.timeout(60_000);
  let external: Sandbox;
  before(async () => {
    external = await startSandbox({ host: '127.0.0.1', port: 0 });
  });
  after(() => external.close());

  it('each profile sends to its own host; the sandbox host starts the sandbox and keeps it while a profile uses it', async () => {
    const a = await api();
    const before = a.connection.activeName();
    try {
      await a.connection.save('hosted-external', { bearerToken: SANDBOX_CREDENTIALS.bearerToken }, external.url);
      assert.equal((await a.connection.current())?.baseUrl, external.url);
      assert.notEqual(vscode.workspace.getConfiguration('xEngagement').get('apiBaseUrl'), external.url, 'the host is not written to settings');

      await a.connection.save('hosted-sandbox', { bearerToken: SANDBOX_CREDENTIALS.bearerToken }, SANDBOX_HOST);
      const viaSandbox = await a.connection.current();
      assert.ok(viaSandbox && a.connection.sandboxUrl() === viaSandbox.baseUrl, 'the sandbox started for the profile');
      const run = await a.fetch.fetchIds(['1790000000000000002'], 'profiles test', { quiet: true });
      assert.ok(run && run.result.failed.length === 0, 'a fetch through the sandbox host works');

      await a.connection.setActive('hosted-external');
      assert.ok(a.connection.sandboxUrl(), 'still running: a saved profile uses it');
      await a.connection.remove('hosted-sandbox');
      await a.connection.setActive('hosted-external');
      assert.equal(a.connection.sandboxUrl(), undefined, 'stopped once no profile uses it');
      const log = logText(a);
      assert.match(log, /Sandbox started on http:\/\/127\.0\.0\.1:\d+/);
      assert.match(log, /Sandbox on http:\/\/127\.0\.0\.1:\d+ stopped: "hosted-external" does not use it/);
    } finally {
      for (const n of ['hosted-external', 'hosted-sandbox']) if (a.connection.savedNames().includes(n)) await a.connection.remove(n);
      if (before) await a.connection.setActive(before);
    }
  });

  it('Set credentials: the host is asked with the profile; a failed test edits only the wrong field, then tests again and saves', async () => {
    const a = await api();
    const wrong = { ...SANDBOX_CREDENTIALS.oauth, consumerSecret: 'not-the-secret' };
    const inputs: string[] = [];
    let edits = 0;
    const ui = stubWindow({
      pick: (items, opts) => {
        const title = opts?.title ?? '';
        const list = items as Array<{ label: string; host?: string; id?: string; field?: string }>;
        if (title.includes('API host')) return list.find((i) => i.label.includes('Other'));
        if (title.includes('kind for')) return list.find((i) => i.id === 'oauth');
        if (title.includes('test them?')) return list[0];
        if (title.includes('which field')) return (edits++, list.find((i) => i.field === 'consumerSecret'));
        return undefined;
      },
      input: (opts) => {
        const title = opts?.title ?? '';
        inputs.push(title);
        if (title.includes('profile name')) return 'wizard-oauth';
        if (title.includes('API host')) return external.url;
        if (title.includes('Consumer secret')) return edits > 0 ? SANDBOX_CREDENTIALS.oauth.consumerSecret : wrong.consumerSecret;
        const key = (['Consumer key', 'Access token secret', 'Access token'] as const).find((k) => title.includes(k));
        return key === 'Consumer key' ? wrong.consumerKey : key === 'Access token secret' ? wrong.accessTokenSecret : key === 'Access token' ? wrong.accessToken : undefined;
      },
      answer: (text) => (text.startsWith('The test request failed') ? 'Edit a field…' : undefined),
    });
    try {
      const name = await vscode.commands.executeCommand<string | undefined>('xEngagement.setCredentials');
      assert.equal(name, 'wizard-oauth');
      const failed = ui.notes.filter((n) => n.text.startsWith('The test request failed'));
      assert.equal(failed.length, 1, 'one failed test, then a passing one');
      assert.match(failed[0].text, /OAuth 1\.0a user context: refused/);
      assert.equal(edits, 1);
      assert.equal(inputs.filter((t) => t.includes('Consumer secret')).length, 2, 'the secret asked again, nothing else');
      assert.equal(inputs.filter((t) => t.includes('Consumer key')).length, 1);
      assert.deepEqual((await a.connection.load('wizard-oauth'))?.oauth, SANDBOX_CREDENTIALS.oauth);
      assert.equal(a.connection.hostOf('wizard-oauth'), external.url);
      assert.equal((await a.connection.current())?.baseUrl, external.url);
      await waitFor('the saved note', () => ui.notes.some((n) => n.text.startsWith('Saved credentials for "wizard-oauth"')));
    } finally {
      ui.restore();
      if (a.connection.savedNames().includes('wizard-oauth')) await a.connection.remove('wizard-oauth');
    }
  });
});
