/**
 * Real disk trouble for server tests: a data folder on a size-limited tmpfs
 * that can be filled to the last byte and freed again, and one on a small
 * ext4 image that the kernel turns read-only under a running server (as it
 * does on an I/O error with `errors=remount-ro`). Both need root and mount;
 * `diskSupport()` says why not when they cannot be had.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();
}

let tmpfsProblem: string | null | undefined;
let ext4Problem: string | null | undefined;

/** Null when a size-limited tmpfs can be mounted here, else why not. */
export function tmpfsSupport(): string | null {
  if (tmpfsProblem !== undefined) return tmpfsProblem;
  const dir = mkdtempSync(join(tmpdir(), 'attune-mount-probe-'));
  try {
    run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    run('umount', [dir]);
    tmpfsProblem = null;
  } catch (error) {
    tmpfsProblem = `cannot mount a tmpfs (needs root and mount): ${(error as Error).message.split('\n')[0]}`;
  }
  rmSync(dir, { recursive: true, force: true });
  return tmpfsProblem;
}

/** Null when an ext4 image can be loop-mounted and made to fail here, else why not. */
export function ext4Support(): string | null {
  if (ext4Problem !== undefined) return ext4Problem;
  const problem = tmpfsSupport();
  if (problem) return (ext4Problem = problem);
  try {
    run('mkfs.ext4', ['-V']);
    run('losetup', ['-f']);
    ext4Problem = null;
  } catch (error) {
    ext4Problem = `cannot loop-mount ext4 here: ${(error as Error).message.split('\n')[0]}`;
  }
  return ext4Problem;
}

export interface SmallDisk {
  readonly dir: string;
  /** Writes a ballast file until the disk has no byte left; returns the bytes written. */
  fill(): number;
  /** Removes the ballast. */
  free(): void;
  dispose(): void;
}

/** A data folder on a tmpfs of `megabytes`. */
export function smallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'attune-small-disk-'));
  run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  const ballast = join(dir, 'ballast');
  return {
    dir,
    fill() {
      const fd = openSync(ballast, 'a');
      const chunk = Buffer.alloc(16 * 1024, 1);
      let written = 0;
      try {
        for (;;) {
          try {
            written += writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            // The last partial page: fill it byte by byte.
            if (chunk.byteLength === 1) return written;
            return written + fillRest(fd);
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      if (existsSync(ballast)) unlinkSync(ballast);
    },
    dispose() {
      unmount(dir);
    },
  };
}

function fillRest(fd: number): number {
  let written = 0;
  for (let size = 4096; size >= 1; size = size >> 1) {
    const chunk = Buffer.alloc(size, 1);
    for (;;) {
      try {
        written += writeSync(fd, chunk);
      } catch {
        break;
      }
    }
  }
  return written;
}

export interface FailingDisk {
  readonly dir: string;
  /** Makes the kernel turn the file system read-only under whoever has files open on it. */
  turnReadOnly(): void;
  dispose(): void;
}

/** A data folder on a small ext4 image mounted with `errors=remount-ro`. */
export function ext4Disk(megabytes: number): FailingDisk {
  const root = mkdtempSync(join(tmpdir(), 'attune-ext4-'));
  const image = join(root, 'disk.img');
  const dir = join(root, 'mnt');
  run('truncate', ['-s', `${megabytes}M`, image]);
  run('mkfs.ext4', ['-q', image]);
  run('mkdir', ['-p', dir]);
  run('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  const device = run('findmnt', ['-no', 'SOURCE', dir]).split('/').pop()!;
  return {
    dir,
    turnReadOnly() {
      // ext4's own test hook: records a file-system error, after which errors=remount-ro applies.
      execFileSync('sh', ['-c', `echo attune-test > /sys/fs/ext4/${device}/trigger_fs_error`]);
    },
    dispose() {
      unmount(dir);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function unmount(dir: string): void {
  try {
    run('umount', [dir]);
  } catch {
    // Still busy (a process that did not exit yet): detach it now, it goes when they do.
    try {
      run('umount', ['-l', dir]);
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
