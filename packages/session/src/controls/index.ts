export {
  ARTEFACT_PREFIXES,
  ENDING_CHOICES,
  ENDING_WARNINGS,
  FrameModel,
  MODALITIES,
  SESSION_ORIGIN,
  TIMER_LIMITS,
  belongsTo,
  destroyArtefact,
  isModality,
  needsAdmission,
} from './frame-model.js';
export type { EndingChoice, EndingChoices, FrameEvents, Modality, TimerState } from './frame-model.js';
export { FrameController } from './frame-controller.js';
export { controlStyles } from './controls.styles.js';
export type { HoldChangeDetail, ParticipantDetail, TimerStartDetail } from './events.js';
export { endingWarning, formatRemaining } from './attune-session-timer/attune-session-timer.element.js';
