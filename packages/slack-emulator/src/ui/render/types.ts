/**
 * The JSON the web UI polls (`GET /ui/state.json`) and the helpers its renderer works with.
 * Types (and one constant) only: this module is shared by the server and the page's bundled script.
 */

export interface UiUser {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
}

export interface UiUsergroup {
  id: string;
  handle: string;
}

export interface UiChannel {
  id: string;
  name: string;
  /** '#name' or 'DM @name', as the terminal printer labels it. */
  label: string;
  isIm: boolean;
  isPrivate: boolean;
  archived: boolean;
  /** For a DM: the person on the other side. */
  user?: string;
  topic: string;
  members: string[];
  /** ts of pinned messages. */
  pins: string[];
}

export interface UiReaction {
  name: string;
  count: number;
}

export interface UiMessage {
  ts: string;
  /** Author's user id (the bot's for everything Vigil posts). */
  user: string;
  text: string;
  blocks: unknown[];
  edited: boolean;
  /** Set on a reply in a thread: the parent's ts. */
  threadTs?: string;
  reactions: UiReaction[];
}

/** A message only `user` sees: chat.postEphemeral, a slash-command reply, a response_url post. */
export interface UiEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

/**
 * One field as the page's form holds it: a value, the chosen option's value, a list of them,
 * unix seconds for a datetimepicker; null when empty. By block_id, then action_id.
 */
export type UiFieldValues = Record<string, Record<string, string | string[] | null>>;

/** The modal on top of a person's stack, with the errors Vigil last answered for it. */
export interface UiModal {
  id: string;
  user: string;
  /** The view as the emulator stores it (blocks, title, submit, hash, ...). */
  view: Record<string, unknown>;
  errors: Record<string, string>;
  /**
   * What the person last submitted from this view, drawn instead of the initial values: a view
   * under a pushed one shows again as it was left, and an updated one keeps the entries of the
   * inputs whose block_id and action_id it kept, as Slack does. Optional: {} when none.
   */
  values?: UiFieldValues;
}

export interface UiState {
  team: string;
  botUserId: string;
  /** Whether an app was connected (connectApp): without one, clicks have nowhere to go. */
  appConnected: boolean;
  /** The connected app's message shortcuts, offered on every message. */
  shortcuts: Array<{ callbackId: string; name: string }>;
  /** Whether the app has a Home tab (a sidebar entry; opening it sends app_home_opened). */
  homeTab: boolean;
  /** user id -> the blocks of the Home tab the app published for them. */
  homes: Record<string, unknown[]>;
  /** The "try it" banner's lines, as the app's host gave them (connectApp's profile). */
  hints: string[];
  users: UiUser[];
  usergroups: UiUsergroup[];
  channels: UiChannel[];
  /** channel id -> messages, oldest first, deleted ones left out. */
  messages: Record<string, UiMessage[]>;
  ephemerals: UiEphemeral[];
  /** user id -> the modal open for them. */
  modals: Record<string, UiModal>;
}

/** Ids resolved to the names a person sees in Slack. */
export interface Names {
  users: Record<string, string>;
  channels: Record<string, string>;
  groups: Record<string, string>;
}

/** Where a rendered button sends its click: a message (or ephemeral) in a channel. */
export interface ButtonTarget {
  channel: string;
  ts: string;
}

/** The selection's `channel` when the person looks at the app's Home tab rather than a channel. */
export const HOME_TAB = 'app-home';

/** What the person looking at the page has chosen. */
export interface Selection {
  /** A channel id, or HOME_TAB. */
  channel: string;
  user: string;
  /** Channels with messages the person has not looked at yet. */
  unread: Record<string, boolean>;
}

/**
 * Rendering helpers bound to one state's names. Built by `kitFor` from the parts, so the page
 * and the server assemble exactly the same functions.
 */
export interface Kit {
  names: Names;
  esc(s: string): string;
  /** mrkdwn to HTML. */
  md(s: string): string;
  /** plain_text to HTML (escaped, emoji shortcodes shown). */
  plain(s: string): string;
  /** A Block Kit text object, either kind. */
  text(t: unknown): string;
  /** Blocks to HTML; buttons click through `target` (none: shown disabled). */
  blocks(blocks: unknown, target: ButtonTarget | null): string;
}

export interface RenderParts {
  escapeHtml(s: string): string;
  mrkdwnToHtml(src: string, names: Names, plainText: boolean): string;
  blocksToHtml(blocks: unknown, target: ButtonTarget | null, kit: Kit): string;
  modalToHtml(modal: UiModal, kit: Kit): string;
  sidebarHtml(state: UiState, sel: Selection, kit: Kit): string;
  channelHtml(state: UiState, sel: Selection, kit: Kit): string;
  userOptionsHtml(state: UiState, sel: Selection, kit: Kit): string;
  defaultSelection(state: UiState): Selection;
  kitFor(state: UiState, parts: RenderParts): Kit;
}
