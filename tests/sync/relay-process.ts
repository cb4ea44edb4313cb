// Real relay processes for the transport tests: `node --import tsx sync-server/main.ts` (one
// process, so SIGKILL really kills the relay; the `tsx` CLI would leave its child running), on a
// free port, a temporary data dir, polled on /healthz until it answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const RELAY_SECRET = 'transport-test-secret-0123456789';
const root = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export class RelayProcess {
  private child: ChildProcess | undefined;
  private output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly extraArgs: string[],
  ) {}

  static async start(options: { port?: number; dataDir?: string; args?: string[] } = {}): Promise<RelayProcess> {
    const relay = new RelayProcess(options.port ?? (await freePort()), options.dataDir ?? mkdtempSync(join(tmpdir(), 'orchard-relay-')), options.args ?? []);
    await relay.launch();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** what the process printed (for failure messages) */
  get log(): string {
    return this.output;
  }

  /** Starts the process again on the same port and data dir (after kill or stop). */
  async launch(): Promise<void> {
    if (this.child) throw new Error('relay already running');
    const args = ['--import', 'tsx', 'sync-server/main.ts', '--port', String(this.port), '--data-dir', this.dataDir, '--secret', RELAY_SECRET, '--log-level', 'warn', ...this.extraArgs];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`relay exited during start:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`relay did not answer /healthz within 30 s:\n${this.output}`);
  }

  /** SIGKILL: no graceful shutdown, like a crash or a pulled plug. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: graceful shutdown. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Empties the data dir (the relay must not be running). */
  wipe(): void {
    if (this.child) throw new Error('stop the relay before wiping its data');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(sig);
    await exited;
  }
}
