/**
 * A real session server in a child process, to be killed and restarted on
 * the same data folder. By default it runs the `attune-server` CLI itself.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/session-server/dist/cli.js', import.meta.url));
const MAIN = fileURLToPath(new URL('./child-main.mjs', import.meta.url));

export interface ChildOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  secret: string;
  adminKey: string;
  /** Batch writes this far apart (only through the test entry point, not the CLI). */
  flushIntervalMs?: number;
  /** More environment variables for the server (PostgreSQL, Redis, limits). */
  env?: Record<string, string>;
}

export interface ChildServer {
  readonly url: string;
  readonly syncUrl: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Everything the process wrote to stdout so far (its log lines). */
  stdout(): string;
}

export function childSecrets(): { secret: string; adminKey: string } {
  return { secret: randomBytes(32).toString('base64url'), adminKey: randomBytes(24).toString('base64url') };
}

export async function startChild(options: ChildOptions): Promise<ChildServer> {
  const port = String(options.port ?? 0);
  const args =
    options.flushIntervalMs === undefined
      ? [CLI, '--port', port, '--host', '127.0.0.1', '--data', options.dataDir]
      : [MAIN];
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      PORT: port,
      HOST: '127.0.0.1',
      ATTUNE_DATA: options.dataDir,
      ATTUNE_SECRET: options.secret,
      ATTUNE_ADMIN_KEY: options.adminKey,
      ATTUNE_LOG_LEVEL: 'warn',
      ATTUNE_ROOM_IDLE_MS: '200',
      ...(options.flushIntervalMs === undefined
        ? {}
        : { ATTUNE_FLUSH_INTERVAL_MS: String(options.flushIntervalMs) }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Attune is running at (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it started: ${stderr}`));
    });
  });
  const { port: actual } = new URL(url);
  return {
    url,
    syncUrl: `${url.replace(/^http/, 'ws')}/sync`,
    port: Number(actual),
    process: child,
    exited,
    stderr: () => stderr,
    stdout: () => stdout,
  };
}

/** Sends a signal and waits for the process to end. */
export async function stopChild(
  child: ChildServer,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill(signal);
  return child.exited;
}
