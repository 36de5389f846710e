export { PROPS_ORIGIN } from './model/origin.js';
export { BoardModel, BOARD_LIMITS, SCALE, parseItem } from './model/board-model.js';
export type { BoardItem, RoleCard } from './model/board-model.js';
export { describeEntry, describeSpot, parseLogEntry, LOG_KINDS } from './model/board-log.js';
export type { LogEntry, LogKind, DescribeOptions } from './model/board-log.js';
export { BagModel, BAG_LIMITS } from './model/bag-model.js';
export type { BagEntry, DrawRequest, DrawState, DrawVouch } from './model/bag-model.js';
export {
  BagKeeper,
  DRAW_PRESENCE_FIELD,
  KEEPER_PRESENCE_FIELD,
  drawVouch,
  isBagKeeper,
} from './model/bag-keeper.js';
export type { KeeperOptions } from './model/bag-keeper.js';
export { FrameModel, PROPS_CONTROL } from './model/frame-model.js';
export type { FrameState } from './model/frame-model.js';
export { BACKGROUNDS, BACKGROUND_IDS } from './model/backgrounds.js';
export type { BackgroundId } from './model/backgrounds.js';
export { boardToSvg, inTray } from './model/export-svg.js';
export { TRAY, TRAY_ASPECT } from './model/tray.js';
export type { ExportItem, ExportOptions } from './model/export-svg.js';
export { replayFrames } from './model/replay.js';
export type { ReplayFrame, ReplayItem } from './model/replay.js';
export type { Actor } from './model/parse.js';
export { PropLibrary, BUILT_IN_PROPS, defaultPropLibrary, svgDataUrl } from './library/prop-library.js';
export type { PropSetInput, RegisterResult } from './library/prop-library.js';
export { PROP_CATEGORIES } from './library/prop-types.js';
export type { PropCategory, PropDefinition } from './library/prop-types.js';
export { sanitizeSvg, SVG_NS } from './svg/sanitize-svg.js';
export type { SanitizeLimits, SanitizeResult } from './svg/sanitize-svg.js';
export { tokenizeXml, XmlSyntaxError } from './svg/xml-tokens.js';
export type { XmlToken, XmlAttribute } from './svg/xml-tokens.js';
export { AttunePropBoardElement } from './attune-prop-board/attune-prop-board.element.js';
export { AttuneMagicBagElement } from './attune-magic-bag/attune-magic-bag.element.js';
export { PropsController } from './controller/props-controller.js';
export type { Participant } from './controller/props-controller.js';
export type { BagDrawDetail, BagRevealDetail, PropEventDetail, PropHandDetail } from './events.js';
