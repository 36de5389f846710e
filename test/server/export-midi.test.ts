import * as midiModule from '@tonejs/midi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENT, CONTROL_MAP, NOTE_CHANNEL, encodeNoteEvent } from '@attune/session/protocol';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, until } from '../support/server.js';

// @tonejs/midi is CommonJS in Node; an independent reader of what the server wrote.
const { Midi } = (midiModule as unknown as { default?: typeof midiModule }).default ?? midiModule;

describe('the music export', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('gives a MIDI file with one track per participant, holding the notes they played', async () => {
    const { sid, therapistToken } = await server.createSession();
    const therapist = nodeSession(server, sid, therapistToken);
    const client = nodeSession(server, sid, await server.invite(sid, therapistToken, 'client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    const get = (query: string, token = therapistToken): Promise<Response> =>
      fetch(`${server.url}/api/sessions/${sid}/export${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await get('?format=midi')).status).toBe(404);
    therapist.docs.control.getMap(CONTROL_MAP.consent).set(CONSENT.recordEvents, true);
    await therapist.whenSaved();
    await until(
      () => client.docs.control.getMap(CONTROL_MAP.consent).get(CONSENT.recordEvents) === true,
      'consent',
    );

    const play = (who: typeof client, instrument: string, midi: number, seq: number, on: boolean): void => {
      who.broadcast(
        NOTE_CHANNEL,
        encodeNoteEvent({
          sender: who.docs.space.clientID,
          seq,
          instrument,
          midi,
          velocity: 100,
          on,
          time: who.clock.now(),
        }),
        { record: true },
      );
    };
    play(client, 'keys', 60, 1, true);
    play(client, 'keys', 60, 2, false);
    play(client, 'keys', 64, 3, true);
    play(client, 'keys', 64, 4, false);
    play(therapist, 'marimba', 48, 1, true);
    play(therapist, 'marimba', 48, 2, false);

    // A save check sent after the notes on the same sockets proves the server has them.
    client.docs.space.getMap('marks').set('client', 1);
    therapist.docs.space.getMap('marks').set('therapist', 1);
    await Promise.all([client.whenSaved(), therapist.whenSaved()]);

    const response = await get('?format=midi');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/midi');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="attune-music.mid"');
    const file = new Midi(new Uint8Array(await response.arrayBuffer()));
    // Tracks are numbered by first note on the shared clock; both played at about the same time.
    expect(file.tracks.map((t) => t.name).sort()).toEqual(['Participant 1', 'Participant 2']);
    const byNotes = file.tracks.map((t) => ({
      notes: t.notes.map((n) => n.midi),
      program: t.instrument.number,
    }));
    expect(byNotes).toEqual(
      expect.arrayContaining([
        { notes: [60, 64], program: 0 },
        { notes: [48], program: 12 },
      ]),
    );
    expect(byNotes).toHaveLength(2);

    const json = (await (await get('')).json()) as { midi: string | null; events: unknown[] };
    expect(json.events).toHaveLength(6);
    expect(json.midi).toEqual(expect.any(String));
    expect((await get('?format=wav')).status).toBe(400);
    expect((await get('?format=midi', await server.invite(sid, therapistToken, 'client'))).status).toBe(403);
    therapist.destroy();
    client.destroy();
  });
});
