/** `GET /api/sessions/:sid/export`: the therapist's copy of a session, as JSON or as the music in MIDI. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NOTE_CHANNEL, recordedNotesToMidi, SCOPES } from '@attune/session/protocol';
import type { ApiContext } from './context.js';
import { audit, isTherapist, requireRole } from './context.js';
import { HttpError, sendJson } from './respond.js';
import { docState } from './sessions.js';

export async function exportSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await requireRole(ctx, req, sid, isTherapist, 'Only the therapist can export a session');
  const format = new URL(req.url ?? '/', 'http://local').searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'midi') {
    throw new HttpError(400, 'invalid-format', 'format is json (the default) or midi');
  }
  await ctx.writer.flush({ orFail: true });
  const stored = await ctx.store.readEvents(sid);
  const notes = stored.filter((e) => e.channel === NOTE_CHANNEL);
  const midi = notes.length ? recordedNotesToMidi(notes) : null;
  if (format === 'midi') {
    if (!midi) throw new HttpError(404, 'no-music', 'No music was recorded in this session');
    audit(ctx, sid, claims.sub, 'session-exported', 'midi');
    res.writeHead(200, {
      'content-type': 'audio/midi',
      'content-length': midi.byteLength,
      // A neutral file name: no names, no dates that identify a client.
      'content-disposition': 'attachment; filename="attune-music.mid"',
      'cache-control': 'no-store',
    });
    res.end(midi);
    return;
  }
  const documents: Record<string, string> = {};
  for (const scope of SCOPES)
    documents[scope] = Buffer.from(await docState(ctx, sid, scope)).toString('base64');
  const events = stored.map((e) => ({
    t: e.t,
    sub: e.sub,
    role: e.role,
    scope: e.scope,
    channel: e.channel,
    payload: Buffer.from(e.payload).toString('base64'),
  }));
  const auditLog = await ctx.store.readAudit(sid);
  audit(ctx, sid, claims.sub, 'session-exported');
  sendJson(res, 200, {
    sid,
    exportedAt: new Date().toISOString(),
    documents,
    events,
    midi: midi ? Buffer.from(midi).toString('base64') : null,
    audit: auditLog,
  });
}
