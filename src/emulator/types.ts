/** Public data shapes of the Slack emulator. */
import type { RateLimitOptions } from './pacing.js';

export interface EmuUser {
  id: string;
  name: string;
  realName?: string;
  tz?: string;
  email?: string;
  isBot?: boolean;
}

export interface EmuUsergroup {
  id: string;
  handle: string;
  users: string[];
}

export interface EmulatorOptions {
  /** Bot token the emulator accepts. Default 'xoxb-emulator'. */
  token?: string;
  /** Default 'UVIGILBOT'. */
  botUserId?: string;
  /** Default 'T0VIGIL'. */
  teamId?: string;
  users?: EmuUser[];
  usergroups?: EmuUsergroup[];
  /** When set, one readable line (or a few) per effect-ful call. */
  print?: (line: string) => void;
  /**
   * When true, user ids the emulator has never heard of are refused
   * (`user_not_found`) and `chat.postEphemeral` checks channel membership.
   * Default false: any user id is auto-known, so tests can use arbitrary ids.
   */
  strictUsers?: boolean;
  /**
   * Milliseconds every Web API call waits before it is handled, like the round trip to Slack
   * (benchmarks use ~30). Default 0.
   */
  latencyMs?: number;
  /**
   * Slack's pace for chat.postMessage: per channel, `postMessagePerChannelPerSecond` after a short
   * `burst`; beyond it the call is answered 429 with Retry-After and changes nothing. Default: no limit.
   */
  rateLimit?: RateLimitOptions;
}

export interface EmuBookmark {
  id: string;
  title: string;
  type: string;
  link: string;
  emoji?: string;
  created: number;
}

export interface EmuChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  /** For an IM: the other user. */
  user?: string;
  topic: string;
  purpose: string;
  members: string[];
  creator: string;
  created: number;
  /** Message ts values, in pin order. */
  pins: string[];
  bookmarks: EmuBookmark[];
  archived: boolean;
}

export interface EmuReaction {
  name: string;
  users: string[];
}

export interface EmuMessageVersion {
  text: string;
  blocks: unknown[] | undefined;
  at: Date;
}

export interface EmuMessage {
  ts: string;
  channel: string;
  /** Author: the bot user id for everything Vigil posts. */
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  metadata: { event_type: string; event_payload: unknown } | undefined;
  threadTs: string | undefined;
  /** Slack's own marker, set by chat.update. */
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first (filled by chat.update). */
  history: EmuMessageVersion[];
  deleted?: boolean;
  reactions: EmuReaction[];
  /** File ids shared with this message (files.completeUploadExternal). */
  files?: string[];
}

export interface EmuEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[] | undefined;
  threadTs?: string;
  messageTs: string;
}

export type ViewVia = 'open' | 'update' | 'push' | 'publish';

export interface EmuView {
  id: string;
  triggerId?: string;
  userId?: string;
  type: 'modal' | 'home';
  /** The view as Slack stores it (the caller's JSON plus id, hash, ...). */
  view: Record<string, unknown>;
  via: ViewVia;
}

export interface EmuResponse {
  path: string;
  body: unknown;
}

export interface EmuFile {
  id: string;
  filename: string;
  title: string;
  /** Channel it was shared into ('' while not shared yet). */
  channel: string;
  content: string;
  /** ts of the file message, once shared. */
  messageTs?: string;
}

export interface RecordedCall {
  method: string;
  /** Parsed arguments; blocks/view/metadata/attachments are already objects. */
  args: Record<string, unknown>;
  at: Date;
  /** The JSON body answered (or, for a hang fault, that would have been). */
  response: unknown;
  /** HTTP status answered (undefined for a hang). */
  status?: number;
}

export type Fault =
  | { error: string }
  | { rateLimited: number }
  | { hang: true }
  | { status: number };
