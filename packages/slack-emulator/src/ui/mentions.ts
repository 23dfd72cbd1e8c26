/**
 * What a person types in Slack's composer, as the app receives it: `&`, `<` and `>` escaped, and
 * `@name`, `@group`, `#channel`, `@here` turned into Slack's markup for them. A slash command
 * (with "Escape channels, users, and links", which Vigil's manifest sets) gets the names too:
 * `<@U123|alice>`; a message gets the id alone: `<@U123>`. A word naming nobody stays as typed.
 */
import type { Workspace } from '../state.js';

const SPECIAL = new Set(['here', 'channel', 'everyone']);

/** `@name` or `#name` at the start or after a space; names as Slack allows them (letters, digits, . _ -). */
const REFERENCE = /(^|\s)([@#])([a-z0-9][a-z0-9._-]*)/gi;

export function typedForSlack(ws: Workspace, typed: string, form: 'command' | 'message'): string {
  const escaped = typed.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(REFERENCE, (whole, before: string, sigil: string, rawName: string) => {
    // A trailing dot or dash ends the sentence, not the name ("thanks @alice.").
    const name = rawName.replace(/[.-]+$/, '');
    const rest = rawName.slice(name.length);
    const markup = sigil === '#' ? channelMarkup(ws, name, form) : personMarkup(ws, name, form);
    return markup === undefined ? whole : `${before}${markup}${rest}`;
  });
}

function personMarkup(ws: Workspace, name: string, form: 'command' | 'message'): string | undefined {
  const lower = name.toLowerCase();
  if (SPECIAL.has(lower)) return `<!${lower}>`;
  const user = [...ws.users.values()].find((u) => u.name.toLowerCase() === lower && u.isBot !== true);
  if (user) return form === 'command' ? `<@${user.id}|${user.name}>` : `<@${user.id}>`;
  const group = [...ws.usergroups.values()].find((g) => g.handle.toLowerCase() === lower);
  if (group) return `<!subteam^${group.id}|@${group.handle}>`;
  return undefined;
}

function channelMarkup(ws: Workspace, name: string, form: 'command' | 'message'): string | undefined {
  const channel = ws.channelByName(name.toLowerCase());
  if (!channel) return undefined;
  return form === 'command' ? `<#${channel.id}|${channel.name}>` : `<#${channel.id}>`;
}
