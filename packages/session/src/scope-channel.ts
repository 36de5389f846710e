/**
 * One scope's connection: a stock y-websocket provider plus Attune's
 * messages on the same socket (save checks, clock, broadcasts).
 */
import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ClockEstimate } from './clock.js';
import { clockSampleGap, localNow } from './clock.js';
import type { Scope } from './protocol/index.js';
import {
  MAX_CHANNEL_LENGTH,
  MESSAGE,
  encodeBroadcast,
  encodeClockRequest,
  encodeSaveCheck,
  readBroadcast,
  readSaveStatus,
} from './protocol/index.js';

export interface BroadcastMeta {
  scope: Scope;
  /** True for recorded broadcasts (121). */
  recorded: boolean;
}
export type BroadcastHandler = (payload: Uint8Array, meta: BroadcastMeta) => void;

type MessageHandler = (
  encoder: encoding.Encoder,
  decoder: decoding.Decoder,
  provider: WebsocketProvider,
  emitSynced: boolean,
  messageType: number,
) => void;

export interface ScopeChannelOptions {
  scope: Scope;
  doc: Y.Doc;
  writable: boolean;
  server: string;
  room: string;
  token: string;
  awareness: Awareness | null;
  WebSocketPolyfill: typeof WebSocket | undefined;
  maxBackoffTime: number;
  saveCheckDelay: number;
  clock: ClockEstimate | null;
  clockInterval: number;
  connect: boolean;
  events: {
    change: () => void;
    saved: () => void;
    /** The server started or stopped being able to store (message 101). */
    saveStatus: () => void;
    clock: () => void;
    denied: (reason: string) => void;
    closed: (code: number) => void;
    refused: () => void;
  };
}

export class ScopeChannel {
  readonly provider: WebsocketProvider;
  readonly scope: Scope;
  /** True once this scope has synced at least once. */
  hasBeenSynced = false;

  private readonly options: ScopeChannelOptions;
  private readonly ownAwareness: Awareness | null;
  private readonly listeners = new Map<string, Set<BroadcastHandler>>();
  /** Local edits made so far, and the highest count the server confirmed durable. */
  private localEdits = 0;
  private confirmed = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private clockTimer: ReturnType<typeof setTimeout> | undefined;
  private clockSent = 0;
  private openedThisAttempt = false;
  private destroyed = false;
  /** Why the server is not storing, while it says so; null while it stores. */
  private notSaving: string | null = null;

  constructor(options: ScopeChannelOptions) {
    this.options = options;
    this.scope = options.scope;
    // Only the space scope carries presence; the others get a silent awareness.
    this.ownAwareness = options.awareness ? null : new Awareness(options.doc);
    this.ownAwareness?.setLocalState(null);
    this.provider = new WebsocketProvider(options.server, options.room, options.doc, {
      connect: false,
      params: { token: options.token },
      awareness: options.awareness ?? this.ownAwareness!,
      // Tabs must not share documents behind the server's back: roles differ per tab.
      disableBc: true,
      maxBackoffTime: options.maxBackoffTime,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    const handlers = this.provider.messageHandlers as MessageHandler[];
    handlers[MESSAGE.auth] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      options.events.denied(decoding.readVarString(decoder));
    };
    handlers[MESSAGE.saveCheck] = (_encoder, decoder) => this.onSaveCheck(decoder);
    handlers[MESSAGE.saveStatus] = (_encoder, decoder) => {
      const { failing, reason } = readSaveStatus(decoder);
      this.setNotSaving(failing ? reason : null);
    };
    handlers[MESSAGE.clock] = (_encoder, decoder) => this.onClock(decoder);
    handlers[MESSAGE.broadcast] = (_encoder, decoder) => this.onBroadcastMessage(decoder, false);
    handlers[MESSAGE.recordedBroadcast] = (_encoder, decoder) => this.onBroadcastMessage(decoder, true);

    this.provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.openedThisAttempt = true;
        if (options.clock) this.startClock();
      }
      options.events.change();
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.hasBeenSynced = true;
        // Whatever was confirmed on an earlier socket may not cover the edits sent since.
        if (this.localEdits > this.confirmed) this.sendSaveCheck();
      }
      options.events.change();
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      const opened = this.openedThisAttempt;
      this.openedThisAttempt = false;
      this.stopClock();
      // The next server, or this one when it is back, says again if it still cannot store.
      this.setNotSaving(null);
      if (event && !opened) options.events.refused();
      options.events.change();
    });
    this.provider.on('closed', ({ code }: { code: number }) => options.events.closed(code));
    options.doc.on('update', this.onDocUpdate);
    if (options.connect) this.provider.connect();
  }

  get connected(): boolean {
    return this.provider.wsconnected;
  }

  get synced(): boolean {
    return this.provider.synced;
  }

  /** The server's reason while it says it cannot store; null otherwise. */
  get saveFailure(): string | null {
    return this.notSaving;
  }

  private setNotSaving(reason: string | null): void {
    if (reason === this.notSaving) return;
    this.notSaving = reason;
    this.options.events.saveStatus();
  }

  get saved(): boolean {
    return this.confirmed >= this.localEdits;
  }

  connect(): void {
    if (!this.destroyed) this.provider.connect();
  }

  disconnect(): void {
    this.provider.disconnect();
  }

  sendBroadcast(channel: string, payload: Uint8Array, recorded: boolean): boolean {
    if (channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
      throw new RangeError(`Broadcast channel names are 1 to ${MAX_CHANNEL_LENGTH} characters`);
    }
    return this.send(encodeBroadcast(channel, payload, recorded));
  }

  onBroadcast(channel: string, handler: BroadcastHandler): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.listeners.delete(channel);
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.saveTimer);
    this.stopClock();
    this.options.doc.off('update', this.onDocUpdate);
    this.provider.destroy();
    this.ownAwareness?.destroy();
    this.listeners.clear();
  }

  private send(message: Uint8Array): boolean {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return false;
    ws.send(message);
    return true;
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates that came from the server are already stored there.
    if (origin === this.provider || !this.options.writable) return;
    const wasSaved = this.saved;
    this.localEdits++;
    if (wasSaved) this.options.events.saved();
    // Throttled, not debounced: during a continuous stream of edits (a long stroke, a
    // melody) a check still goes out every saveCheckDelay, so "saved" keeps up with it.
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      this.sendSaveCheck();
    }, this.options.saveCheckDelay);
  };

  private sendSaveCheck(): void {
    if (this.destroyed || !this.provider.synced) return;
    this.send(encodeSaveCheck(this.localEdits));
  }

  private onSaveCheck(decoder: decoding.Decoder): void {
    const n = decoding.readVarUint(decoder);
    if (n <= this.confirmed) return;
    const wasSaved = this.saved;
    this.confirmed = Math.min(n, this.localEdits);
    if (this.saved !== wasSaved) this.options.events.saved();
  }

  private startClock(): void {
    this.stopClock();
    this.clockSent = 0;
    const tick = (): void => {
      this.send(encodeClockRequest(localNow()));
      this.clockSent++;
      this.clockTimer = setTimeout(tick, clockSampleGap(this.clockSent, this.options.clockInterval));
    };
    tick();
  }

  private stopClock(): void {
    clearTimeout(this.clockTimer);
    this.clockTimer = undefined;
  }

  private onClock(decoder: decoding.Decoder): void {
    const received = localNow();
    const sent = decoding.readFloat64(decoder);
    const serverTime = decoding.readFloat64(decoder);
    if (this.options.clock?.add(sent, serverTime, received)) this.options.events.clock();
  }

  private onBroadcastMessage(decoder: decoding.Decoder, recorded: boolean): void {
    const { channel, payload } = readBroadcast(decoder);
    const set = this.listeners.get(channel);
    if (!set) return;
    const meta: BroadcastMeta = { scope: this.scope, recorded };
    for (const handler of set) {
      try {
        handler(payload, meta);
      } catch (error) {
        // One listener's bug must not stop the others or the socket.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
