/**
 * What one session may keep: uploaded images (bytes and count) and bytes of
 * recorded broadcasts in its event log. A session past a quota keeps working
 * live; only what it would store is refused.
 *
 * Usage is counted by this process from what it stores, so it starts again at
 * zero after a restart and is per instance when several share rooms: the
 * quotas bound what one participant can add in a sitting, not a billing total.
 */
import { encodePermissionDenied } from '@attune/session/protocol';
import type { Limits } from './config.js';
import { HttpError } from './http/respond.js';

/** Why something was refused, the `reason` label of `attune_quota_refusals_total`. */
export const QUOTA_REASONS = [
  'asset-bytes',
  'asset-count',
  'event-log-bytes',
  'admin-key-failures',
  'sessions-per-minute',
  'invites-per-minute',
] as const;
export type QuotaReason = (typeof QUOTA_REASONS)[number];

/** A connection as far as a quota needs it: something that can be told. */
interface Sender {
  send(data: Uint8Array): void;
}

interface AssetUsage {
  bytes: number;
  hashes: Set<string>;
}

export class SessionQuotas {
  /** Refusals per reason since start, read by the metrics registry when scraped. */
  readonly refused: Record<QuotaReason, number> = Object.fromEntries(
    QUOTA_REASONS.map((reason) => [reason, 0]),
  ) as Record<QuotaReason, number>;
  private readonly assets = new Map<string, AssetUsage>();
  private readonly eventBytes = new Map<string, number>();
  /** Connections already told that the event log is full: told once, not per note. */
  private readonly told = new WeakSet<Sender>();

  constructor(private readonly limits: Limits) {}

  refuse(reason: QuotaReason): void {
    this.refused[reason]++;
  }

  /**
   * Reserves room for an uploaded image before it is stored; throws 413 with a
   * clear code when the session is full. The same image again costs nothing.
   * Returns a function that gives the room back if storing fails.
   */
  reserveAsset(sid: string, hash: string, bytes: number): () => void {
    let usage = this.assets.get(sid);
    if (usage?.hashes.has(hash)) return () => {};
    if (!usage) {
      usage = { bytes: 0, hashes: new Set() };
      this.assets.set(sid, usage);
    }
    if (usage.hashes.size + 1 > this.limits.maxAssetsPerSession) {
      this.refuse('asset-count');
      throw new HttpError(
        413,
        'asset-quota-count',
        `This session already keeps ${this.limits.maxAssetsPerSession} images, the most it may`,
      );
    }
    if (usage.bytes + bytes > this.limits.maxAssetBytesPerSession) {
      this.refuse('asset-bytes');
      throw new HttpError(
        413,
        'asset-quota-bytes',
        `This session's images may take ${this.limits.maxAssetBytesPerSession} bytes in all; ` +
          `${usage.bytes} are used`,
      );
    }
    usage.bytes += bytes;
    usage.hashes.add(hash);
    const held = usage;
    return () => {
      if (!held.hashes.delete(hash)) return;
      held.bytes -= bytes;
    };
  }

  /**
   * Counts a recorded broadcast against its session's event log. False when
   * the log is full: the caller does not store it (it was relayed already),
   * and the sender is told once with a permission message.
   */
  admitEvent(sid: string, sender: Sender, bytes: number): boolean {
    const used = this.eventBytes.get(sid) ?? 0;
    if (used + bytes > this.limits.maxEventLogBytesPerSession) {
      this.refuse('event-log-bytes');
      if (!this.told.has(sender)) {
        this.told.add(sender);
        sender.send(
          encodePermissionDenied('event log limit reached: recorded broadcasts are no longer kept'),
        );
      }
      return false;
    }
    this.eventBytes.set(sid, used + bytes);
    return true;
  }

  /** The session was erased: what it used is free again. */
  forget(sid: string): void {
    this.assets.delete(sid);
    this.eventBytes.delete(sid);
  }
}
