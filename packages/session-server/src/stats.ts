import type { SessionQuotas } from './quotas.js';
import type { AwarenessCounters, AwarenessRefusal } from './awareness-limits.js';

/**
 * Plain counters on the hot path; the metrics registry reads them when
 * scraped, so relaying a frame costs an addition, not a label lookup.
 */
export class Stats implements AwarenessCounters {
  connections = 0;
  rooms = 0;
  framesIn = 0;
  framesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  closedMalformed = 0;
  closedSlow = 0;
  refusedUpgrades = 0;
  storeWrites = 0;
  /** Document updates the live document refused (their senders were closed). */
  refusedUpdates = 0;
  /** Stored rows left out on load because the document refuses them. */
  repairedRows = 0;
  /** Live documents rebuilt from the store after a refused update had changed them. */
  rebuiltDocs = 0;
  /** Changes and broadcasts refused because the room was held. */
  refusedWhileHeld = 0;
  /** Per-session quotas and their refusals; set by the server (rooms count recorded events here). */
  quotas: SessionQuotas | null = null;
  /** 1 while store writes fail (a full or read-only disk), else 0. */
  storeFailing = 0;
  /** Awareness entries and queries refused, by reason. */
  awarenessRefused: Record<AwarenessRefusal, number> = {
    'client-id': 0,
    entries: 0,
    'connection-bytes': 0,
    'room-bytes': 0,
    shape: 0,
    'query-rate': 0,
  };
  awarenessStamped = 0;
}
