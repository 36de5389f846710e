/**
 * Microphone settings. Speech wants the browser's processing; music wants
 * none of it: noise suppression eats sustained notes, echo cancellation ducks
 * the instrument when the other side plays, and automatic gain flattens
 * dynamics (playing softly or loudly is part of a musical conversation).
 */
import type { AudioCaptureOptions, TrackPublishOptions } from 'livekit-client';
import { AudioPresets } from 'livekit-client';

export interface MicrophoneSettings {
  capture: AudioCaptureOptions;
  publish: TrackPublishOptions;
}

export function microphoneSettings(music: boolean): MicrophoneSettings {
  if (music) {
    return {
      capture: {
        noiseSuppression: false,
        echoCancellation: false,
        autoGainControl: false,
        channelCount: 2,
      },
      // LiveKit's music preset; no DTX (it cuts quiet passages) and no RED.
      publish: {
        audioPreset: AudioPresets.musicHighQualityStereo,
        dtx: false,
        red: false,
        forceStereo: true,
      },
    };
  }
  return {
    capture: { noiseSuppression: true, echoCancellation: true, autoGainControl: true },
    publish: { audioPreset: AudioPresets.speech, dtx: true },
  };
}
