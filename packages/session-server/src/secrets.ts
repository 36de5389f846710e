/**
 * The token secret and the admin key. Taken from the options when given;
 * otherwise generated once and kept in the data folder (mode 0600), so a
 * restart keeps every issued link working.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  secret: string;
  adminKey: string;
  /** True when one of them was generated on this start. */
  generated: boolean;
  /** True when the admin key was generated on this start: the one start that may show it. */
  adminKeyGenerated: boolean;
  /** True when the admin key is kept in the data folder rather than given by the operator. */
  adminKeyInDataFolder: boolean;
}

interface Kept {
  secret?: string;
  adminKey?: string;
}

export function loadSecrets(dataDir: string, given: Kept): Secrets {
  if (given.secret && given.adminKey) {
    return {
      secret: given.secret,
      adminKey: given.adminKey,
      generated: false,
      adminKeyGenerated: false,
      adminKeyInDataFolder: false,
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secrets.json');
  const kept: Kept = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Kept) : {};
  let generated = false;
  const make = (bytes: number): string => {
    generated = true;
    return randomBytes(bytes).toString('base64url');
  };
  const secret = given.secret ?? kept.secret ?? make(32);
  const adminKeyGenerated = !given.adminKey && !kept.adminKey;
  const adminKey = given.adminKey ?? kept.adminKey ?? make(24);
  if (generated) {
    const toKeep: Kept = {
      secret: given.secret ? kept.secret : secret,
      adminKey: given.adminKey ? kept.adminKey : adminKey,
    };
    writeFileSync(path, JSON.stringify(toKeep, null, 2), { mode: 0o600 });
  }
  return { secret, adminKey, generated, adminKeyGenerated, adminKeyInDataFolder: !given.adminKey };
}
