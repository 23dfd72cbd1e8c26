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
export { validateBlocks, validateView } from './blockKit.js';
