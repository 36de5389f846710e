export interface VideoJoinDetail {
  music: boolean;
}

export interface VideoAudioModeDetail {
  /** True for music-grade audio (no noise suppression, echo cancellation or gain control). */
  music: boolean;
}

export interface VideoUnavailableDetail {
  code: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The local person joined the video call. */
    'attune-video-join': CustomEvent<VideoJoinDetail>;
    /** The local person left the video call. */
    'attune-video-leave': CustomEvent<Record<string, never>>;
    /** The local person switched between speech and music-grade audio. */
    'attune-video-audio-mode': CustomEvent<VideoAudioModeDetail>;
    /** The server has no video for this session (for example, no LiveKit configured). */
    'attune-video-unavailable': CustomEvent<VideoUnavailableDetail>;
  }
}
