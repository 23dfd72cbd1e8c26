/** The workspace as the page draws it (`GET /ui/state.json`): plain JSON, nothing the page must not see. */
import type { Workspace } from '../state.js';
import type { AppProfile } from './appProfile.js';
import type { ModalTracker } from './modals.js';
import type { UiChannel, UiMessage, UiState } from './render/types.js';
import type { UiReplies } from './replies.js';

export function buildUiState(ws: Workspace, parts: { appConnected: boolean; profile: AppProfile; replies: UiReplies; modals: ModalTracker }): UiState {
  const channels: UiChannel[] = [...ws.channels.values()].map((ch) => ({
    id: ch.id,
    name: ch.name,
    label: ws.channelLabel(ch),
    isIm: ch.isIm,
    isPrivate: ch.isPrivate,
    archived: ch.archived,
    ...(ch.user ? { user: ch.user } : {}),
    topic: ch.topic,
    members: [...ch.members],
    pins: [...ch.pins],
  }));
  const messages: Record<string, UiMessage[]> = {};
  for (const ch of channels) {
    messages[ch.id] = (ws.messages.get(ch.id) ?? [])
      .filter((m) => !m.deleted)
      .map((m) => ({
        ts: m.ts,
        user: m.user,
        text: m.text,
        blocks: m.blocks ?? [],
        edited: m.edited !== undefined,
        ...(m.threadTs ? { threadTs: m.threadTs } : {}),
        reactions: m.reactions.map((r) => ({ name: r.name, count: r.users.length })),
      }));
  }
  const ephemerals = [
    ...ws.ephemerals.map((e) => ({ channel: e.channel, user: e.user, ts: e.messageTs, text: e.text, blocks: e.blocks ?? [] })),
    ...parts.replies.all,
  ];
  const homes: Record<string, unknown[]> = {};
  for (const v of ws.currentViews.values()) {
    if (v.type === 'home' && v.userId && Array.isArray(v.view['blocks'])) homes[v.userId] = v.view['blocks'];
  }
  return {
    team: ws.me.teamName,
    botUserId: ws.me.botUserId,
    appConnected: parts.appConnected,
    shortcuts: [...(parts.profile.shortcuts ?? [])],
    homeTab: parts.profile.homeTab === true,
    homes,
    hints: [...(parts.profile.hints ?? [])],
    users: [...ws.users.values()].map((u) => ({ id: u.id, name: u.name, realName: u.realName ?? '', isBot: u.isBot === true })),
    usergroups: [...ws.usergroups.values()].map((g) => ({ id: g.id, handle: g.handle })),
    channels,
    messages,
    ephemerals,
    modals: parts.modals.openModals(ws),
  };
}
