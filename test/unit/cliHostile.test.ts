// The CLI (dist/cli.js, end to end) against a server that echoes the credentials it was sent
// and fills its error text with terminal escapes: no secret reaches stdout or stderr in any
// format or verbosity, and no control byte reaches stderr or CSV (JSON keeps them escaped).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostile, HostileServer, startHostileServer } from '../support/hostileServer';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist/cli.js');

function run(args: string[], env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const ids = (() => {
  const base = BigInt(Date.now() - 86_400_000 - 1288834974657) << 22n;
  return [0, 1, 2].map((i) => (base + BigInt(i * 4099 + 2)).toString());
})();

// Characters that OAuth 1.0a percent-encodes differently from encodeURIComponent (! ( ) *).
const BEARER = 'AAAA-bearer-S3CRET%2Fvalue';
const OAUTH = { X_CONSUMER_KEY: 'ck-CONSUMER-key+/=', X_CONSUMER_SECRET: 'cs-CONSUMER-secret', X_ACCESS_TOKEN: '42-ACCESS!token(x)*', X_ACCESS_TOKEN_SECRET: 'ats-ACCESS-secret' };
const SECRETS = [BEARER, ...Object.values(OAUTH)];
/** A secret as it may travel: bare, URL-encoded, OAuth-encoded. */
const forms = (s: string) => [s, encodeURIComponent(s), encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())];
/** C0 and C1 control characters other than tab and newline (CRLF ends CSV records). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('CLI against a server that echoes credentials and sends terminal escapes', function () {
  this.timeout(120_000);
  let server: HostileServer;
  before(async () => {
    assert.ok(fs.existsSync(cli), 'run npm run build first');
    server = await startHostileServer(hostile.echoCredentialsWithTraps(401));
  });
  after(() => server.close());

  const auths: Array<[string, Record<string, string>, string]> = [
    ['Bearer', { X_BEARER_TOKEN: BEARER }, 'favorites'],
    ['OAuth 1.0a', OAUTH, 'impressions,favorites'],
  ];
  for (const status of [401, 400, 403, 200]) {
    for (const [kind, env, types] of auths) {
      it(`${status}${status === 200 ? ' with errors' : ''}, ${kind}: no secret and no control byte in any format or verbosity`, async () => {
        server.setBehaviour(hostile.echoCredentialsWithTraps(status));
        for (const format of ['json', 'csv']) {
          for (const verbose of [false, true]) {
            const what = `${status} ${kind} ${format}${verbose ? ' --verbose' : ''}`;
            const before = server.requests.length;
            const args = ['totals', '-', '--format', format, '--types', types, '--base-url', server.url, ...(verbose ? ['--verbose'] : [])];
            const r = await run(args, env, ids.join('\n'));
            assert.ok(server.requests.length > before, `${what}: the request reached the server`);
            assert.ok(String(server.requests.at(-1)!.headers.authorization).length > 20, `${what}: credentials were sent`);
            for (const secret of SECRETS) {
              for (const form of forms(secret)) {
                assert.ok(!r.stdout.includes(form), `${what}: stdout has ${form}:\n${r.stdout}`);
                assert.ok(!r.stderr.includes(form), `${what}: stderr has ${form}:\n${r.stderr}`);
              }
            }
            assert.ok(!/Bearer [^*\s]/.test(r.stdout + r.stderr), `${what}: a Bearer value shows:\n${r.stdout}\n${r.stderr}`);
            assert.ok(!CONTROL.test(r.stderr), `${what}: control byte in stderr: ${JSON.stringify(r.stderr)}`);
            assert.ok(!CONTROL.test(r.stdout.replace(/\r\n/g, '\n')), `${what}: control byte in stdout: ${JSON.stringify(r.stdout)}`);
            if (format === 'json') {
              const out = JSON.parse(r.stdout);
              const text = status === 200 ? out.errors.join(' ') : out.failed[0].reason;
              assert.match(text, /Bad credentials/, `${what}: the server's message is kept, minus secrets and escapes`);
              assert.ok(!/\u2028|\u2029/.test(r.stdout));
            }
            if (status !== 200) assert.match(r.stderr, new RegExp(`\\(${status}: `), `${what}: stderr says why`);
            if (verbose) assert.match(r.stderr, /\[info\] POST batch 1\/1/, `${what}: the log lines are there`);
          }
        }
      });
    }
  }
});
