/**
 * Test support: an independent reader of standard MIDI files, so an exported
 * file is checked by something other than the library that wrote it.
 */
export interface SmfNote {
  tick: number;
  type: 'on' | 'off';
  channel: number;
  note: number;
  velocity: number;
}

export function readSmf(bytes: Uint8Array): { format: number; ppq: number; tracks: SmfNote[][] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (at: number): string => String.fromCharCode(...bytes.slice(at, at + 4));
  if (text(0) !== 'MThd') throw new Error('not a MIDI file');
  if (view.getUint32(4) !== 6) throw new Error('bad header length');
  const format = view.getUint16(8);
  const count = view.getUint16(10);
  const ppq = view.getUint16(12);
  let at = 14;
  const tracks: SmfNote[][] = [];
  for (let t = 0; t < count; t++) {
    if (text(at) !== 'MTrk') throw new Error('bad track chunk');
    const end = at + 8 + view.getUint32(at + 4);
    at += 8;
    let tick = 0;
    let status = 0;
    const events: SmfNote[] = [];
    const vlq = (): number => {
      let value = 0;
      let byte;
      do {
        byte = bytes[at++]!;
        value = (value << 7) | (byte & 0x7f);
      } while (byte & 0x80);
      return value;
    };
    while (at < end) {
      tick += vlq();
      if (bytes[at]! & 0x80) status = bytes[at++]!;
      if (status === 0xff) {
        at++;
        const length = vlq();
        at += length;
      } else if (status === 0xf0 || status === 0xf7) {
        const length = vlq();
        at += length;
      } else {
        const kind = status & 0xf0;
        const a = bytes[at++]!;
        const b = kind === 0xc0 || kind === 0xd0 ? 0 : bytes[at++]!;
        if (kind === 0x90 || kind === 0x80) {
          events.push({
            tick,
            type: kind === 0x90 && b > 0 ? ('on' as const) : ('off' as const),
            channel: status & 0x0f,
            note: a,
            velocity: b,
          });
        }
      }
    }
    if (at !== end) throw new Error('track length mismatch');
    tracks.push(events);
  }
  return { format, ppq, tracks };
}
