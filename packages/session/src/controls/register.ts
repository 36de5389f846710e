/** Registers every therapist control element. */
import './attune-hold-button/attune-hold-button.js';
import './attune-participant-list/attune-participant-list.js';
import './attune-session-timer/attune-session-timer.js';
import './attune-waiting-room/attune-waiting-room.js';

export { AttuneHoldButtonElement } from './attune-hold-button/attune-hold-button.js';
export { AttuneParticipantListElement } from './attune-participant-list/attune-participant-list.js';
export { AttuneSessionTimerElement } from './attune-session-timer/attune-session-timer.js';
export { AttuneWaitingRoomElement } from './attune-waiting-room/attune-waiting-room.js';
