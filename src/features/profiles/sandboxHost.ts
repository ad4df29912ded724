// The built-in sandbox served from inside the extension host, on a free loopback port, for the
// "Sandbox" profile. Started on Use sandbox, stopped when another profile becomes active.
import { Sandbox, startSandbox } from '../../sandbox/server';

export class SandboxHost {
  private sandbox?: Sandbox;
  private starting?: Promise<Sandbox>;

  /** The running sandbox's base URL, or undefined. */
  get url(): string | undefined {
    return this.sandbox?.url;
  }

  /** Starts the sandbox unless it runs; resolves to its URL. Concurrent calls share one start. */
  async start(): Promise<string> {
    if (this.sandbox) return this.sandbox.url;
    this.starting ??= startSandbox({ host: '127.0.0.1', port: 0 });
    try {
      this.sandbox = await this.starting;
    } finally {
      this.starting = undefined;
    }
    return this.sandbox.url;
  }

  async stop(): Promise<void> {
    const s = this.sandbox;
    this.sandbox = undefined;
    await s?.close();
  }
}
