/**
 * Plain counters on the hot path; the metrics registry reads them when
 * scraped, so relaying a frame costs an addition, not a label lookup.
 */
export class Stats {
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
  /** 1 while store writes fail (a full or read-only disk), else 0. */
  storeFailing = 0;
}
