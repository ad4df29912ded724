// Proxies in the real extension host, where VS Code patches Node's http(s) with its own proxy
// agent (http.proxySupport): loopback (the sandbox) never goes through a proxy even with
// http.proxy set, and the API host goes through the proxy the settings name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { proxyFor } from '../../src/core/proxy';
import { editorProxySettings } from '../../src/platform/settings';
import { startRecordingProxy } from '../support/recordingProxy';

const EXTENSION_ID = 'x-engagement-tools.x-engagement-totals';
const ids = ['1460323737035677698', '1460323737035677699'];

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

describe('Proxies in the extension host', function () {
  this.timeout(60_000);
  const http = () => vscode.workspace.getConfiguration('http');
  afterEach(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await http().update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reads http.proxy and http.noProxy for the API host', async () => {
    await http().update('proxy', 'http://proxy.corp:3128', vscode.ConfigurationTarget.Global);
    assert.equal(proxyFor('https://data-api.twitter.com/x', editorProxySettings({})), 'http://proxy.corp:3128/');
    await http().update('noProxy', ['twitter.com'], vscode.ConfigurationTarget.Global);
    assert.equal(proxyFor('https://data-api.twitter.com/x', editorProxySettings({})), undefined);
  });

  it('the sandbox (loopback) goes direct with http.proxy set', async () => {
    const a = await api();
    const proxy = await startRecordingProxy(502);
    try {
      await vscode.commands.executeCommand('xEngagement.useSandbox');
      await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      const run = await a.fetch.fetchIds(ids, 'proxy test', { quiet: true });
      assert.ok(run, 'a run');
      assert.equal(run.result.failed.length, 0, JSON.stringify(run.result.failed));
      assert.deepEqual(proxy.heads, [], 'the proxy was asked nothing');
    } finally {
      await proxy.close();
    }
  });

  it('the API host goes through http.proxy as CONNECT host:443, and the token stays out of it', async () => {
    const a = await api();
    const proxy = await startRecordingProxy(403);
    try {
      // "on": VS Code keeps the agent we pass; with "override" its own agent makes the same choice.
      await http().update('proxySupport', 'on', vscode.ConfigurationTarget.Global);
      await http().update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
      await a.connection.save('proxy-test', { bearerToken: 'proxy-test-SECRET-token' });
      const run = await a.fetch.fetchIds(ids, 'proxy test', { quiet: true });
      assert.ok(run && run.result.failed.length === 1, 'the refused request is a failed batch');
      assert.ok(proxy.heads.length >= 1, 'the proxy was asked');
      for (const head of proxy.heads) {
        assert.match(head, /^CONNECT data-api\.twitter\.com:443 HTTP\/1\.1\r\n/);
        assert.ok(!head.includes('proxy-test-SECRET-token'));
      }
    } finally {
      await a.connection.remove('proxy-test');
      await vscode.commands.executeCommand('xEngagement.useSandbox');
      await proxy.close();
    }
  });
});
