/** Public data shapes of the Slack emulator. */
import type { RateLimitOptions } from './pacing.js';

export interface EmuUser {
  id: string;
  name: string;
  realName?: string;
  tz?: string;
  email?: string;
  isBot?: boolean;
  /** A deactivated account: users.info still answers, with `deleted: true`. */
  deleted?: boolean;
}

export interface EmuUsergroup {
  id: string;
  handle: string;
  users: string[];
  /** A disabled group: usergroups.list shows it only with include_disabled, with a date_delete. */
  disabled?: boolean;
}

export interface EmulatorOptions {
  /** Bot token the emulator accepts. Default 'xoxb-emulator'. */
  token?: string;
  /** App-level token (xapp-...) that apps.connections.open accepts for Socket Mode. Default 'xapp-emulator'. */
  appToken?: string;
  /**
   * The bot token's granted scopes, sent as `x-oauth-scopes` on every Web API answer as Slack does
   * (a client reads them from auth.test); the read methods in `methodScopes.ts` then answer
   * `missing_scope` without theirs. Default: no header, no scope checked.
   */
  scopes?: string[];
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

/**
 * How a view came to be: a views.* method, or the app's answer to a view_submission made in the
 * web UI (`response_action: update` replaces the submitted view, `push` stacks a new one on it).
 */
export type ViewVia = 'open' | 'update' | 'push' | 'publish' | 'response_update' | 'response_push';

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
  /** The fault this call met, as describeFault says it (e.g. 'HTTP 500', 'late ...'). */
  fault?: string;
}

export type Fault =
  | { error: string }
  | { rateLimited: number }
  /** The call's effect is applied and the answer never comes (until the emulator stops). */
  | { hang: true }
  /** The call's effect is applied and the answer comes this many ms later (past a client's timeout, it never arrives). */
  | { late: number }
  | { status: number };

/** What a random fault can be: HTTP 500 (nothing done), 429 with Retry-After (nothing done), or done but answered late. */
export type RandomFaultKind = 'status500' | 'rateLimited' | 'late';

export interface RandomFaultOptions {
  /** Integer seed of the PRNG (mulberry32); each method draws from its own stream of it. */
  seed: number;
  /** Share of calls that fail, 0..1 (e.g. 0.3). */
  rate: number;
  /** Only these Web API methods fail. Default: every method. */
  methods?: string[];
  /** The kinds drawn from, with equal odds. Default: all three. */
  kinds?: RandomFaultKind[];
  /** How late a 'late' call answers. Default 11 000 ms, past Vigil's 10 s client timeout. */
  lateMs?: number;
  /** Retry-After of a 429 is drawn from 1..this many seconds. Default 2. */
  maxRetryAfterSeconds?: number;
}

/** Random faults drawn since randomFaults() was called. */
export interface FaultStats {
  /** Web API calls that went through the random draw. */
  calls: number;
  faults: Record<RandomFaultKind, number>;
  /** Faults per method. */
  byMethod: Record<string, number>;
}
