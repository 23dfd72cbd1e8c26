/**
 * HTML escaping and the Kit that binds the renderer's parts to one state. The render/ modules
 * run on the server and, bundled, in the page: they use no Node API and no DOM.
 */
import type { Kit, Names, RenderParts, UiState } from './types.js';

/** Text to HTML-safe text, quotes included so the result is safe in attributes too. */
export function escapeHtml(s: string): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function kitFor(state: UiState, parts: RenderParts): Kit {
  const names: Names = { users: {}, channels: {}, groups: {} };
  for (const u of state.users) names.users[u.id] = u.name;
  for (const c of state.channels) names.channels[c.id] = c.isIm ? c.label : c.name;
  for (const g of state.usergroups) names.groups[g.id] = g.handle;
  const textOf = (t: unknown): { type: string; text: string } | undefined => {
    if (typeof t === 'string') return { type: 'mrkdwn', text: t };
    if (typeof t !== 'object' || t === null) return undefined;
    const o = t as Record<string, unknown>;
    return typeof o['text'] === 'string' ? { type: String(o['type']), text: o['text'] } : undefined;
  };
  const kit: Kit = {
    names,
    esc: parts.escapeHtml,
    md: (s) => parts.mrkdwnToHtml(s, names, false),
    plain: (s) => parts.mrkdwnToHtml(s, names, true),
    text: (t) => {
      const found = textOf(t);
      if (!found) return '';
      return parts.mrkdwnToHtml(found.text, names, found.type !== 'mrkdwn');
    },
    blocks: (blocks, target) => parts.blocksToHtml(blocks, target, kit),
  };
  return kit;
}
