import { LogLevel, type Logger } from '@slack/web-api';

/** The client logs the emulator's response_metadata messages; the tests check them through errors instead. */
export const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
