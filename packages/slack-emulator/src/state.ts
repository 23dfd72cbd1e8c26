/** The emulated workspace: users, channels, messages, views, files. Pure data, no HTTP. */
import type {
  EmuChannel,
  EmuEphemeral,
  EmuFile,
  EmuMessage,
  EmuResponse,
  EmuUser,
  EmuUsergroup,
  EmuView,
} from './types.js';

export interface WorkspaceIdentity {
  token: string;
  botUserId: string;
  botId: string;
  teamId: string;
  teamName: string;
  strictUsers: boolean;
}

/** Slack-looking ids: a prefix and upper-case base-36 digits, never reused (not even after reset). */
export class IdMint {
  private n = 0;
  next(prefix: string): string {
    this.n += 1;
    return `${prefix}${this.n.toString(36).toUpperCase().padStart(8, '0')}`;
  }
}

/** Message timestamps: wall clock in microseconds, forced to increase strictly. */
export class TsClock {
  private lastMicros = 0;
  next(): string {
    const now = Date.now() * 1000;
    this.lastMicros = now > this.lastMicros ? now : this.lastMicros + 1;
    const secs = Math.floor(this.lastMicros / 1_000_000);
    const micros = this.lastMicros % 1_000_000;
    return `${secs}.${String(micros).padStart(6, '0')}`;
  }
}

export class Workspace {
  readonly ids = new IdMint();
  readonly clock = new TsClock();
  readonly users = new Map<string, EmuUser>();
  readonly usergroups = new Map<string, EmuUsergroup>();
  channels = new Map<string, EmuChannel>();
  /** channel id -> messages in posting order (oldest first). */
  messages = new Map<string, EmuMessage[]>();
  /** user id -> IM channel id. */
  ims = new Map<string, string>();
  ephemerals: EmuEphemeral[] = [];
  views: EmuView[] = [];
  /** Latest state of each view, by id. */
  currentViews = new Map<string, EmuView>();
  /** Modal stacks (root view id -> view ids, root first) and the most recently opened root. */
  modalStacks = new Map<string, string[]>();
  lastRootViewId: string | undefined;
  /** trigger_id -> user id, for triggers minted by the emulator's newTriggerId(). */
  triggers = new Map<string, string>();
  responses: EmuResponse[] = [];
  files = new Map<string, EmuFile>();

  constructor(readonly me: WorkspaceIdentity) {
    this.users.set(me.botUserId, { id: me.botUserId, name: 'vigil', realName: 'Vigil', isBot: true });
  }

  reset(): void {
    this.channels = new Map();
    this.messages = new Map();
    this.ims = new Map();
    this.ephemerals = [];
    this.views = [];
    this.currentViews = new Map();
    this.modalStacks = new Map();
    this.lastRootViewId = undefined;
    this.triggers = new Map();
    this.responses = [];
    this.files = new Map();
  }

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  // ── users ──────────────────────────────────────────────────────────────

  addUser(u: EmuUser): void {
    this.users.set(u.id, { ...u });
  }

  /** Known user, or (unless strictUsers) one made up on the spot for any non-empty id. */
  user(id: string): EmuUser | undefined {
    const known = this.users.get(id);
    if (known) return known;
    if (this.me.strictUsers || id === '') return undefined;
    const made: EmuUser = { id, name: id.toLowerCase() };
    this.users.set(id, made);
    return made;
  }

  userLabel(id: string): string {
    const u = this.users.get(id);
    return u && u.name !== id.toLowerCase() ? `@${u.name}` : `@${id}`;
  }

  // ── channels ───────────────────────────────────────────────────────────

  addChannel(ch: EmuChannel): EmuChannel {
    this.channels.set(ch.id, ch);
    this.messages.set(ch.id, []);
    return ch;
  }

  /** By id, by name, or by '#name'; a user id resolves to (and opens) the IM with that user. */
  resolveChannel(ref: string): EmuChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    // Channel names are lower-case, so an upper-case U/W can only start a user id.
    if (/^[UW]/.test(ref) && this.user(ref)) return this.openIm(ref);
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    for (const ch of this.channels.values()) if (!ch.isIm && ch.name === name) return ch;
    return undefined;
  }

  channelByName(name: string): EmuChannel | undefined {
    for (const ch of this.channels.values()) if (!ch.isIm && ch.name === name) return ch;
    return undefined;
  }

  openIm(userId: string): EmuChannel {
    const existing = this.ims.get(userId);
    const ch = existing ? this.channels.get(existing) : undefined;
    if (ch) return ch;
    const im = this.addChannel({
      id: this.ids.next('D'),
      name: userId,
      isPrivate: true,
      isIm: true,
      user: userId,
      topic: '',
      purpose: '',
      members: [this.me.botUserId, userId],
      creator: this.me.botUserId,
      created: this.nowSeconds(),
      pins: [],
      bookmarks: [],
      archived: false,
    });
    this.ims.set(userId, im.id);
    return im;
  }

  channelLabel(ch: EmuChannel): string {
    return ch.isIm ? `DM ${this.userLabel(ch.user ?? ch.name)}` : `#${ch.name}`;
  }

  isBotMember(ch: EmuChannel): boolean {
    return ch.members.includes(this.me.botUserId);
  }

  // ── messages ───────────────────────────────────────────────────────────

  messagesIn(channelId: string): EmuMessage[] {
    let list = this.messages.get(channelId);
    if (!list) {
      list = [];
      this.messages.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, ts: string): EmuMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts && !m.deleted);
  }

  // ── views ──────────────────────────────────────────────────────────────

  recordView(v: EmuView): void {
    this.views.push(v);
    this.currentViews.set(v.id, v);
  }

  findViewByExternalId(externalId: string): EmuView | undefined {
    for (const v of this.currentViews.values()) if (v.view['external_id'] === externalId) return v;
    return undefined;
  }
}
