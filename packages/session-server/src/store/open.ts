/** The store a server runs on: the one it is given, Postgres, or SQLite in the data folder; encrypted when keyed. */
import { join } from 'node:path';
import type { ServerOptions } from '../config.js';
import { EncryptedStore, parseKey } from './encrypted.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export type StoreOptions = Pick<
  ServerOptions,
  'databaseUrl' | 'databaseSchema' | 'sqliteSync' | 'encryptionKey'
> & {
  /** A store to use instead of the SQLite file in the data folder. */
  store?: Store;
};

export function openStore(options: StoreOptions, dataDir: string): Store {
  let store: Store =
    options.store ??
    (options.databaseUrl
      ? new PostgresStore({
          connectionString: options.databaseUrl,
          ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
        })
      : new SqliteStore(join(dataDir, 'attune.sqlite'), { synchronous: options.sqliteSync ?? 'normal' }));
  if (options.encryptionKey) store = new EncryptedStore(store, parseKey(options.encryptionKey));
  return store;
}
