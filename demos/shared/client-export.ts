/**
 * What a client is given at the end: only the artefacts agreed on, read from
 * the shared `space` document, and the music they played. Never the private
 * notes, the frame or the audit log (the server's full export holds those and
 * stays with the therapist).
 */
import * as Y from 'yjs';
import type { Modality } from '@attune/session/controls';
import { belongsTo } from '@attune/session/controls';

interface ServerExport {
  events?: { channel?: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the type of doc.share entries
function jsonOf(doc: Y.Doc, name: string, type: Y.AbstractType<Y.YEvent<any>>): unknown {
  if (type instanceof Y.Map || type instanceof Y.Array || type instanceof Y.Text) return type.toJSON();
  // A name this page never opened arrives untyped: read it as what it holds.
  if (type._map.size > 0) return doc.getMap(name).toJSON();
  if (type._start) return doc.getArray(name).toJSON();
  return null;
}

export function clientExport(space: Y.Doc, artefacts: Modality[], server: ServerExport | null): unknown {
  const out: Record<string, unknown> = {};
  for (const artefact of artefacts) {
    const data: Record<string, unknown> = {};
    for (const [name, type] of space.share)
      if (belongsTo(artefact, name)) data[name] = jsonOf(space, name, type);
    if (artefact === 'music') data.notes = (server?.events ?? []).filter((e) => e.channel === 'music:note');
    out[artefact] = data;
  }
  return { kind: 'attune-client-export', version: 1, exportedAt: new Date().toISOString(), artefacts: out };
}
