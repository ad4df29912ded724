// The in-editor sandbox's host: the preferred port when it is free (the README promises 47210, so
// scripts find the sandbox at the same address), any free port when it is taken, one start for
// concurrent callers, and a log line for each start and stop.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { PREFERRED_SANDBOX_PORT, SandboxHost } from '../../../../src/features/profiles/sandboxHost';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

describe('the sandbox host', () => {
  it('prefers its port, shares one start, logs starts and stops', async () => {
    assert.equal(PREFERRED_SANDBOX_PORT, 47_210);
    const lines: string[] = [];
    const logger = { info: (m: string) => void lines.push(m), warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
    const port = await freePort();
    const host = new SandboxHost(logger, port);
    const [a, b] = await Promise.all([host.start(), host.start()]);
    assert.equal(a, `http://127.0.0.1:${port}`);
    assert.equal(b, a, 'one sandbox for concurrent starts');
    await host.stop('a test');
    assert.equal(host.url, undefined);
    assert.deepEqual(lines, [`Sandbox started on ${a}.`, `Sandbox on ${a} stopped: a test.`]);
  });

  it('takes a free port when the preferred one is taken', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    const host = new SandboxHost(undefined, port);
    try {
      const url = await host.start();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(new URL(url).port, String(port));
    } finally {
      await host.stop('done');
      busy.close();
    }
  });
});
