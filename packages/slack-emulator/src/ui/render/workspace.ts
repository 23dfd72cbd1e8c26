/**
 * The Slack-like frame around messages: the sidebar of channels and DMs, the selected channel's
 * header (topic, members, pins) and its messages, with the acting user's ephemerals mixed in.
 * Runs on the server and, bundled, in the page (see kit.ts).
 */
import { HOME_TAB, type Kit, type Selection, type UiState } from './types.js';

export function sidebarHtml(state: UiState, sel: Selection, kit: Kit): string {
  const item = (c: UiState['channels'][number]): string => {
    const classes = ['chan', c.id === sel.channel ? 'active' : '', sel.unread[c.id] ? 'unread' : '', c.archived ? 'archived' : '']
      .filter(Boolean)
      .join(' ');
    const icon = c.isIm ? '●' : c.isPrivate ? '🔒' : '#';
    const label = c.isIm ? c.label : c.name;
    return `<a class="${classes}" href="#" data-goto="${kit.esc(c.id)}" title="${kit.esc(c.label)}"><span class="icon">${icon}</span><span class="name">${kit.esc(label)}</span></a>`;
  };
  const byName = (a: UiState['channels'][number], b: UiState['channels'][number]) => a.label.localeCompare(b.label);
  const channels = state.channels.filter((c) => !c.isIm).sort(byName);
  const dms = state.channels.filter((c) => c.isIm).sort(byName);
  const home = state.homeTab
    ? `<div class="section-title">Apps</div><a class="chan${sel.channel === HOME_TAB ? ' active' : ''}" href="#" data-goto="${HOME_TAB}" title="Vigil's Home tab"><span class="icon">🏠</span><span class="name">Vigil · Home</span></a>`
    : '';
  return (
    `<div class="ws-name">${kit.esc(state.team)}</div>` +
    home +
    `<div class="section-title">Channels</div>${channels.map(item).join('') || '<div class="none">none yet</div>'}` +
    `<div class="section-title">Direct messages</div>${dms.map(item).join('') || '<div class="none">none yet</div>'}`
  );
}

/** The app's Home tab as the acting person sees it: what the app last published for them. */
function homeHtml(state: UiState, sel: Selection, kit: Kit): string {
  const me = state.users.find((u) => u.id === sel.user);
  const blocks = state.homes[sel.user];
  const body = blocks ? kit.blocks(blocks, null) : '<div class="empty">Opening Vigil\'s Home tab…</div>';
  return (
    `<div class="chan-head"><div class="chan-title">🏠 Vigil · Home</div>` +
    `<div class="chan-meta">${kit.esc(me ? `as @${me.name}` : '')}</div></div>` +
    `<div class="messages home" id="messages">${body}</div>`
  );
}

/** The hover menu of a channel message: 📌, pin, and the app's message shortcuts. */
function messageMenuHtml(state: UiState, channelId: string, ts: string, pinned: boolean, kit: Kit): string {
  const at = `data-channel="${kit.esc(channelId)}" data-ts="${kit.esc(ts)}"`;
  const shortcuts = state.shortcuts
    .map((s) => `<button type="button" class="menu-btn" data-shortcut="${kit.esc(s.callbackId)}" ${at} title="Shortcut: ${kit.esc(s.name)}">${kit.esc(s.name)}</button>`)
    .join('');
  return (
    `<div class="msg-menu">` +
    `<button type="button" class="menu-btn" data-react="pushpin" ${at} title="React with :pushpin:">📌</button>` +
    `<button type="button" class="menu-btn" data-pin ${at}>${pinned ? 'Unpin' : 'Pin'}</button>` +
    shortcuts +
    `</div>`
  );
}

export function channelHtml(state: UiState, sel: Selection, kit: Kit): string {
  if (sel.channel === HOME_TAB) return homeHtml(state, sel, kit);
  const channel = state.channels.find((c) => c.id === sel.channel);
  if (!channel) return '<div class="empty">Pick a channel on the left. Fire an alert to get an incident channel.</div>';
  const pad = (n: number) => String(n).padStart(2, '0');
  const timeOf = (ts: string): string => {
    const d = new Date(Number(ts.split('.')[0]) * 1000);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const palette = ['#4a154b', '#1264a3', '#2bac76', '#e01e5a', '#ecb22e', '#36c5f0', '#7c3085', '#e8912d'];
  const colorOf = (id: string): string => palette[[...id].reduce((n, ch) => n + ch.charCodeAt(0), 0) % palette.length] ?? '#4a154b';
  const userOf = (id: string) => state.users.find((u) => u.id === id);

  interface Row {
    ts: string;
    user: string;
    text: string;
    blocks: unknown[];
    ephemeral: boolean;
    edited: boolean;
    threadTs?: string | undefined;
    reactions: { name: string; count: number }[];
  }
  const rows: Row[] = [
    ...(state.messages[channel.id] ?? []).map((m) => ({ ...m, ephemeral: false })),
    // What the acting user alone would see; the bot is always its author.
    ...state.ephemerals
      .filter((e) => e.channel === channel.id && e.user === sel.user)
      .map((e) => ({ ts: e.ts, user: state.botUserId, text: e.text, blocks: e.blocks, ephemeral: true, edited: false, reactions: [] })),
  ].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));

  const row = (m: Row): string => {
    const author = userOf(m.user);
    const isBot = m.user === state.botUserId || author?.isBot === true;
    const name = m.user === state.botUserId ? 'Vigil' : author?.realName || author?.name || m.user;
    const body = m.blocks.length > 0 ? kit.blocks(m.blocks, { channel: channel.id, ts: m.ts }) : `<div class="b-text">${kit.md(m.text)}</div>`;
    const meta = [
      `<b class="author">${kit.esc(name)}</b>`,
      isBot ? '<span class="app-badge">APP</span>' : '',
      `<span class="time" title="${kit.esc(m.ts)}">${timeOf(m.ts)}</span>`,
      m.edited ? '<span class="edited">(edited)</span>' : '',
      channel.pins.includes(m.ts) ? '<span class="pin">📌 Pinned</span>' : '',
      m.threadTs && m.threadTs !== m.ts ? '<span class="thread">↳ reply in thread</span>' : '',
    ].join('');
    const note = m.ephemeral ? '<div class="eph-note">👁 Only visible to you</div>' : '';
    const reactions = m.reactions.length
      ? `<div class="reactions">${m.reactions.map((r) => `<span class="reaction">${kit.plain(`:${r.name}:`)} ${r.count}</span>`).join('')}</div>`
      : '';
    const initial = kit.esc((name[0] ?? '?').toUpperCase());
    return (
      `<div class="msg${m.ephemeral ? ' eph' : ''}${channel.pins.includes(m.ts) ? ' pinned' : ''}" data-msg-ts="${kit.esc(m.ts)}">` +
      `<div class="avatar" style="background:${colorOf(m.user)}">${initial}</div>` +
      `<div class="msg-body"><div class="msg-meta">${meta}</div>${note}<div class="msg-content">${body}</div>${reactions}</div>` +
      (m.ephemeral || channel.archived ? '' : messageMenuHtml(state, channel.id, m.ts, channel.pins.includes(m.ts), kit)) +
      `</div>`
    );
  };

  const title = channel.isIm ? channel.label : `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`;
  const meta = [
    `${channel.members.length} member${channel.members.length === 1 ? '' : 's'}`,
    channel.pins.length ? `📌 ${channel.pins.length} pinned` : '',
    channel.archived ? 'archived' : '',
  ].filter(Boolean);
  return (
    `<div class="chan-head"><div class="chan-title">${kit.esc(title)}</div>` +
    `<div class="chan-meta">${meta.map((x) => kit.esc(x)).join(' · ')}</div>` +
    // Slack shows a topic's mentions and links resolved, so it goes through mrkdwn (escaped alike).
    (channel.topic ? `<div class="topic" title="Topic">${kit.md(channel.topic)}</div>` : '') +
    `</div>` +
    `<div class="messages" id="messages">${rows.map(row).join('') || '<div class="empty">No messages yet.</div>'}</div>`
  );
}

export function userOptionsHtml(state: UiState, sel: Selection, kit: Kit): string {
  return state.users
    .filter((u) => !u.isBot)
    .map((u) => {
      const label = u.realName && u.realName !== u.name ? `@${u.name} · ${u.realName}` : `@${u.name}`;
      return `<option value="${kit.esc(u.id)}"${u.id === sel.user ? ' selected' : ''}>${kit.esc(label)}</option>`;
    })
    .join('');
}

/**
 * Where a newcomer wants to look first: the busiest-lately channel (the incident, usually), acting
 * as the person Vigil paged most recently (so Acknowledge in their DM is theirs to press).
 */
export function defaultSelection(state: UiState): Selection {
  const latest = (id: string): string => state.messages[id]?.at(-1)?.ts ?? '';
  const newest = (list: UiState['channels']) =>
    list.reduce<UiState['channels'][number] | undefined>((best, c) => (!best || latest(c.id) > latest(best.id) ? c : best), undefined);
  const channel = newest(state.channels.filter((c) => !c.isIm && !c.archived)) ?? state.channels[0];
  const paged = newest(state.channels.filter((c) => c.isIm && latest(c.id) !== ''));
  const people = state.users.filter((u) => !u.isBot);
  const user = paged?.user ?? people[0]?.id ?? '';
  return { channel: channel?.id ?? '', user, unread: {} };
}
