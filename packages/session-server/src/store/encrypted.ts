/**
 * Encryption at rest: wraps any store so that document updates, recorded
 * events and images are sealed with AES-256-GCM before they are written.
 * Session ids, roles and times stay readable so the store can index them.
 *
 * Sealed format, version 2: `[2] iv(12) tag(16) ciphertext`, with associated
 * data naming what the row is and where it belongs (`doc`, session, scope;
 * `event`, session, scope; `asset`, session, hash). A row copied into another
 * session or scope, or an image under another hash, fails to open. Version 1
 * (the same layout without associated data) was written before; such rows
 * still open, and are sealed as version 2 when a document is next compacted.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Scope } from '@attune/session/protocol';
import type { Asset, AuditRecord, EventRecord, Store, StoredDoc, WriteBatch } from './store.js';

/** Rows sealed before associated data was added: opened, never written. */
const VERSION_UNBOUND = 1;
const VERSION = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed row belongs: it opens only there. */
export type SealedPlace =
  | { kind: 'doc'; sid: string; scope: Scope }
  | { kind: 'event'; sid: string; scope: Scope }
  | { kind: 'asset'; sid: string; hash: string };

function associatedData(place: SealedPlace): Buffer {
  const last = place.kind === 'asset' ? place.hash : place.scope;
  // NUL cannot occur in a session id, a scope or a hash, so the parts cannot run together.
  return Buffer.from(`attune/${VERSION}\0${place.kind}\0${place.sid}\0${last}`, 'utf8');
}

/** A stored row that does not open: altered, sealed with another key, or moved from elsewhere. */
export class SealedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedDataError';
  }
}

/** A 32-byte key from base64, base64url or hex text. */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.byteLength !== 32) throw new Error('The encryption key must be 32 bytes (64 hex digits or base64)');
  return key;
}

export class EncryptedStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly key: Buffer,
  ) {}

  seal(plain: Uint8Array, place: SealedPlace): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(place));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, place: SealedPlace): Uint8Array {
    const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const version = data[0];
    if ((version !== VERSION && version !== VERSION_UNBOUND) || data.byteLength < 1 + IV_BYTES + TAG_BYTES) {
      throw new SealedDataError('Stored data is not sealed with a known format');
    }
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    if (version === VERSION) decipher.setAAD(associatedData(place));
    try {
      return new Uint8Array(
        Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]),
      );
    } catch {
      // The place, not the content, goes into the message: it is what an operator can act on.
      throw new SealedDataError(
        `A stored ${place.kind} row of session ${place.sid} does not open: ` +
          'it was altered, sealed with another key, or belongs to another session',
      );
    }
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async loadDoc(sid: string, scope: Scope): Promise<StoredDoc> {
    const stored = await this.inner.loadDoc(sid, scope);
    const place: SealedPlace = { kind: 'doc', sid, scope };
    return { lastSeq: stored.lastSeq, updates: stored.updates.map((u) => this.open(u, place)) };
  }

  write(batch: WriteBatch): Promise<Map<string, number>> {
    return this.inner.write({
      updates: batch.updates.map((u) => ({
        ...u,
        data: this.seal(u.data, { kind: 'doc', sid: u.sid, scope: u.scope }),
      })),
      events: batch.events.map((e) => ({
        ...e,
        payload: this.seal(e.payload, { kind: 'event', sid: e.sid, scope: e.scope }),
      })),
      audit: batch.audit,
    });
  }

  compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void> {
    return this.inner.compactDoc(sid, scope, this.seal(state, { kind: 'doc', sid, scope }), uptoSeq);
  }

  async readEvents(sid: string): Promise<EventRecord[]> {
    return (await this.inner.readEvents(sid)).map((e) => ({
      ...e,
      payload: this.open(e.payload, { kind: 'event', sid, scope: e.scope }),
    }));
  }

  readAudit(sid: string): Promise<AuditRecord[]> {
    return this.inner.readAudit(sid);
  }

  putAsset(sid: string, hash: string, asset: Asset): Promise<void> {
    return this.inner.putAsset(sid, hash, {
      type: asset.type,
      data: this.seal(asset.data, { kind: 'asset', sid, hash }),
    });
  }

  async getAsset(sid: string, hash: string): Promise<Asset | null> {
    const asset = await this.inner.getAsset(sid, hash);
    return asset ? { type: asset.type, data: this.open(asset.data, { kind: 'asset', sid, hash }) } : null;
  }

  createSession(sid: string, createdAt: number): Promise<void> {
    return this.inner.createSession(sid, createdAt);
  }

  endSession(sid: string, endedAt: number): Promise<void> {
    return this.inner.endSession(sid, endedAt);
  }

  isEnded(sid: string): Promise<boolean> {
    return this.inner.isEnded(sid);
  }

  revoke(sid: string, sub: string, at: number): Promise<void> {
    return this.inner.revoke(sid, sub, at);
  }

  isRevoked(sid: string, sub: string): Promise<boolean> {
    return this.inner.isRevoked(sid, sub);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
