/** Local emulator of the Slack Web API (see README.md in this folder). */
export { createSlackEmulator } from './slackEmulator.js';
export type { AddChannelOptions, SlackEmulator } from './slackEmulator.js';
export type { AppConnection } from './ui/appLink.js';
export type {
  EmuBookmark,
  EmuChannel,
  EmuEphemeral,
  EmuFile,
  EmuMessage,
  EmuMessageVersion,
  EmuReaction,
  EmuResponse,
  EmulatorOptions,
  EmuUser,
  EmuUsergroup,
  EmuView,
  Fault,
  FaultStats,
  RandomFaultKind,
  RandomFaultOptions,
  RecordedCall,
  ViewVia,
} from './types.js';
export { renderBlocks, renderBody } from './printer.js';

export { MAX_MESSAGE_BLOCKS_TEXT, MAX_MESSAGE_TEXT, MESSAGE_LIMITS, blocksTextLength, validateBlocks, validateView } from './blockKit.js';
export { mulberry32 } from './faults.js';
/** The web page's renderer and the state it draws, for tests that read what a person would see. */
export { RENDER_PARTS } from './ui/render/index.js';
export type { UiState } from './ui/render/types.js';
