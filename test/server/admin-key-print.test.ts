/**
 * The generated admin key is printed by the start that generated it and by no
 * later one: start logs are often kept and shared. A bad environment value
 * stops the start with a message naming the variable.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = 'packages/session-server/dist/cli.js';
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI until it has printed where it runs, stops it with SIGTERM, and gives its output. */
function start(env: Record<string, string>): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--data', dir], {
      env: { PATH: process.env.PATH ?? '', ATTUNE_LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Sync endpoint') && out.endsWith('\n\n')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ out, err, code }));
  });
}

describe('attune-server', () => {
  it('prints a generated admin key once, then only where it is kept', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attune-cli-'));
    const first = await start({});
    const { adminKey } = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { adminKey: string };
    expect(first.out).toContain(adminKey);
    expect(first.out).toMatch(/not printed again/);
    const second = await start({});
    expect(second.out).not.toContain(adminKey);
    expect(second.out).toContain(join(dir, 'secrets.json'));
    expect(second.code).toBe(0);
  }, 30_000);

  it('never prints a key given in ATTUNE_ADMIN_KEY', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attune-cli-'));
    const run = await start({ ATTUNE_ADMIN_KEY: 'operator-chosen-key-123', ATTUNE_SECRET: 's'.repeat(32) });
    expect(run.out).not.toContain('operator-chosen-key-123');
  }, 30_000);

  it('stops with a message naming a bad variable', async () => {
    dir = mkdtempSync(join(tmpdir(), 'attune-cli-'));
    const run = await start({ ATTUNE_MAX_DOC_BYTES: 'lots' });
    expect(run.code).toBe(1);
    expect(run.err).toBe('attune-server could not start: ATTUNE_MAX_DOC_BYTES must be a whole number\n');
  }, 30_000);
});
