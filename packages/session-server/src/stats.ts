import type { AwarenessCounters, AwarenessRefusal } from './awareness-relay.js';

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
