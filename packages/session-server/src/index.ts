export { ConfigError, DEFAULT_LIMITS, limitsFrom, optionsFromEnv } from './config.js';
export type { Limits, ServerOptions } from './config.js';
export { Connection } from './connection.js';
export { DocState, IntegrityError, checkUpdate, repairedState } from './doc-state.js';
export { MIGRATIONS, NewerSchemaError, migrate, schemaVersion } from './schema.js';
export type { Migration } from './schema.js';
export { createLogger } from './logger.js';
export { HELD, Room, ProtocolError } from './room.js';
export { Rooms } from './rooms.js';
export { runServer } from './run.js';
export { loadSecrets } from './secrets.js';
export { MemorySocket, memorySocketPair } from './memory-socket.js';
export type { PeerEvents, PeerSocket } from './socket.js';
export { UnsavedWritesError, createAttuneServer } from './server.js';
export type { AttuneServer, CreateServerOptions } from './server.js';
export { HttpError } from './http/respond.js';
export { Stats } from './stats.js';
export { EncryptedStore, parseKey } from './store/encrypted.js';
export { PostgresStore } from './store/postgres.js';
export type { PostgresStoreOptions } from './store/postgres.js';
export { SqliteStore } from './store/sqlite.js';
export type {
  Asset,
  AuditRecord,
  EventRecord,
  Store,
  StoredDoc,
  UpdateWrite,
  WriteBatch,
} from './store/store.js';
export { storeTroubleOf } from './store/trouble.js';
export type { StoreTrouble } from './store/trouble.js';
export { StoreFailingError, Writer } from './writer.js';
export type { SaveState, Unsaved } from './writer.js';
export { TokenError, TokenKeys, newParticipantId, newSessionId } from './tokens.js';
export type { TokenProblem } from './tokens.js';
export { sniffImageType } from './http/assets.js';
