/**
 * Encryption at rest: wraps any store so that document updates, recorded
 * events and images are sealed with AES-256-GCM before they are written.
 * Session ids, roles and times stay readable so the store can index them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Scope } from '@attune/session/protocol';
import type { Asset, AuditRecord, EventRecord, Store, StoredDoc, WriteBatch } from './store.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

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

  seal(plain: Uint8Array): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array): Uint8Array {
    const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (data[0] !== VERSION || data.byteLength < 1 + IV_BYTES + TAG_BYTES) {
      throw new Error('Stored data is not sealed with this format');
    }
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return new Uint8Array(
      Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]),
    );
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async loadDoc(sid: string, scope: Scope): Promise<StoredDoc> {
    const stored = await this.inner.loadDoc(sid, scope);
    return { lastSeq: stored.lastSeq, updates: stored.updates.map((u) => this.open(u)) };
  }

  write(batch: WriteBatch): Promise<Map<string, number>> {
    return this.inner.write({
      updates: batch.updates.map((u) => ({ ...u, data: this.seal(u.data) })),
      events: batch.events.map((e) => ({ ...e, payload: this.seal(e.payload) })),
      audit: batch.audit,
    });
  }

  compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void> {
    return this.inner.compactDoc(sid, scope, this.seal(state), uptoSeq);
  }

  async readEvents(sid: string): Promise<EventRecord[]> {
    return (await this.inner.readEvents(sid)).map((e) => ({ ...e, payload: this.open(e.payload) }));
  }

  readAudit(sid: string): Promise<AuditRecord[]> {
    return this.inner.readAudit(sid);
  }

  putAsset(sid: string, hash: string, asset: Asset): Promise<void> {
    return this.inner.putAsset(sid, hash, { type: asset.type, data: this.seal(asset.data) });
  }

  async getAsset(sid: string, hash: string): Promise<Asset | null> {
    const asset = await this.inner.getAsset(sid, hash);
    return asset ? { type: asset.type, data: this.open(asset.data) } : null;
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
