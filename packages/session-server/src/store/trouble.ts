/**
 * Storage trouble: a store error that means the disk (or database) cannot
 * take writes now, as opposed to a bug or a bad request. Sorted by what an
 * operator does about it: free space, make the folder writable again, or
 * look at the hardware.
 */

export type StoreTrouble = 'full' | 'read-only' | 'io';

/** Error codes, as better-sqlite3 (`SQLITE_*`), Node (`E*`) and PostgreSQL (SQLSTATE) give them. */
const FULL = /^(SQLITE_FULL|ENOSPC|EDQUOT|53100)$/;
const READ_ONLY = /^(SQLITE_READONLY(_\w+)?|EROFS|EACCES|EPERM|25006)$/;
const IO = /^(SQLITE_IOERR(_\w+)?|SQLITE_CANTOPEN(_\w+)?|EIO|58030)$/;

/** The kind of storage trouble behind `error`, or null for any other error. */
export function storeTroubleOf(error: unknown): StoreTrouble | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (FULL.test(code)) return 'full';
    if (READ_ONLY.test(code)) return 'read-only';
    if (IO.test(code)) return 'io';
  }
  return null;
}

/** What the people in a session are told, per trouble. No paths, no error text. */
export function troubleReason(trouble: StoreTrouble | null): string {
  switch (trouble) {
    case 'full':
      return 'saving has stopped on the server (its disk is full): changes are not being kept; keep this page open until it says it saves again';
    case 'read-only':
      return 'saving has stopped on the server (its storage became read-only): changes are not being kept; keep this page open until it says it saves again';
    default:
      return 'saving has stopped on the server (its storage is failing): changes are not being kept; keep this page open until it says it saves again';
  }
}

/** The HTTP error code for a write refused because of storage trouble. */
export function troubleCode(trouble: StoreTrouble | null): 'storage-full' | 'storage-unavailable' {
  return trouble === 'full' ? 'storage-full' : 'storage-unavailable';
}
