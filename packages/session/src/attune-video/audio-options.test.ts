import { AudioPresets } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { microphoneSettings } from './audio-options.js';

describe('microphoneSettings', () => {
  it('turns every speech process off for music and uses the music preset', () => {
    const { capture, publish } = microphoneSettings(true);
    expect(capture).toMatchObject({
      noiseSuppression: false,
      echoCancellation: false,
      autoGainControl: false,
    });
    expect(publish.audioPreset).toEqual(AudioPresets.musicHighQualityStereo);
    expect(publish.dtx).toBe(false);
  });

  it('keeps the browser processing on for speech', () => {
    const { capture, publish } = microphoneSettings(false);
    expect(capture).toMatchObject({ noiseSuppression: true, echoCancellation: true, autoGainControl: true });
    expect(publish.audioPreset).toEqual(AudioPresets.speech);
    expect(publish.audioPreset!.maxBitrate).toBeLessThan(AudioPresets.musicHighQualityStereo.maxBitrate);
  });
});
