export { CANVAS_ORIGIN } from './origin.js';
export { CanvasModel, REFUSAL } from './model/canvas-model.js';
export type {
  CanvasChange,
  CanvasModelEvents,
  Participant,
  Refusal,
  ShapeInput,
  StrokeInput,
  TextInput,
} from './model/canvas-model.js';
export { FrameModel, isFacilitator } from './model/frame.js';
export type { FollowState } from './model/frame.js';
export { PageList } from './model/pages.js';
export {
  decodePoints,
  encodePoints,
  quantizePoints,
  simulatedPressure,
  MAX_POINTS,
  POINT_SCALE,
} from './model/points.js';
export type { StrokePoint } from './model/points.js';
export { RECORD_KEY, decodeStrokeRecord, encodeStrokeRecord } from './model/stroke-record.js';
export type { StrokeRecord } from './model/stroke-record.js';
export { LIVE_CHANNEL, LIVE_KIND, LiveStrokes, decodeLive, encodeLive } from './model/live-stroke.js';
export type { LiveMessage, LiveStroke, LiveStyle } from './model/live-stroke.js';
export { describePage } from './model/describe.js';
export { strokeOutline } from './model/outline.js';
export {
  DEFAULT_PAGE,
  DOC_NAMES,
  LIMITS,
  OBJECT_KINDS,
  PAPER_SHAPES,
  SHAPE_KINDS,
  isPaperShape,
  paperShapeOf,
  readObject,
} from './model/schema.js';
export type {
  CanvasObject,
  ImageObject,
  ObjectKind,
  PageInfo,
  PaperShape,
  Placement,
  ShapeKind,
  ShapeObject,
  StrokeObject,
  TextObject,
} from './model/schema.js';
export { AttuneCanvasElement } from './attune-canvas/attune-canvas.element.js';
export type { Tool } from './attune-canvas/drawing.js';
export { TOOLS } from './attune-canvas/drawing.js';
export { StrokeShape } from './render/stroke-shape.js';
export {
  ASSET_ERROR,
  AssetError,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  fetchImage,
  sniffImageType,
  uploadImage,
} from './assets.js';
export type { AssetClient, AssetErrorCode, ImageType, StoredAsset } from './assets.js';
export type { CanvasPageDetail, CanvasRefusedDetail, CanvasStrokeDetail } from './events.js';
