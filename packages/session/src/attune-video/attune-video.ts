import { AttuneVideoElement } from './attune-video.element.js';

export { AttuneVideoElement };
export { microphoneSettings } from './audio-options.js';
export type { MicrophoneSettings } from './audio-options.js';
export type { VideoAudioModeDetail, VideoJoinDetail, VideoUnavailableDetail } from './events.js';

if (!customElements.get('attune-video')) {
  customElements.define('attune-video', AttuneVideoElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-video': AttuneVideoElement;
  }
}
