// The built-in sandbox served from inside the extension host, on loopback, for the profiles whose
// host is the sandbox. It prefers one port (so the CLI or a script can reach it at the same address
// across reloads) and takes a free one when that is busy. Its starts and stops go to the log.
// The sandbox's code is loaded when it first starts (esbuild.js bundles it as dist/sandbox.js):
// a profile on X's own hosts never loads it.
import type { Logger } from '../../core/types';
import type { Sandbox } from '../../sandbox/server';

/** The port the sandbox tries first (unassigned by IANA; any free port when taken). */
export const PREFERRED_SANDBOX_PORT = 47_210;

export class SandboxHost {
  private sandbox?: Sandbox;
  private starting?: Promise<Sandbox>;

  constructor(
    private readonly logger?: Logger,
    private readonly preferredPort = PREFERRED_SANDBOX_PORT,
  ) {}

  /** The running sandbox's base URL, or undefined. */
  get url(): string | undefined {
    return this.sandbox?.url;
  }

  /** Starts the sandbox unless it runs; resolves to its URL. Concurrent calls share one start. */
  async start(): Promise<string> {
    if (this.sandbox) return this.sandbox.url;
    this.starting ??= this.listen()
      .then((sandbox) => {
        this.sandbox = sandbox;
        this.logger?.info(`Sandbox started on ${sandbox.url}.`);
        return sandbox;
      })
      .finally(() => (this.starting = undefined));
    return (await this.starting).url;
  }

  async stop(reason: string): Promise<void> {
    const s = this.sandbox;
    this.sandbox = undefined;
    if (!s) return;
    await s.close();
    this.logger?.info(`Sandbox on ${s.url} stopped: ${reason}.`);
  }

  private async listen(): Promise<Sandbox> {
    const { startSandbox } = await import('../../sandbox/server');
    try {
      return await startSandbox({ host: '127.0.0.1', port: this.preferredPort });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' && (e as NodeJS.ErrnoException).code !== 'EACCES') throw e;
      this.logger?.info(`Port ${this.preferredPort} is taken; the sandbox takes a free port.`);
      return startSandbox({ host: '127.0.0.1', port: 0 });
    }
  }
}
