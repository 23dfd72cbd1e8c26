// A timeline event in the words of src/incidents/describeEvent.ts, said for one surface. The
// parts are raw facts; each is escaped here, so what a person typed stays text everywhere.

import type { EventPart } from '../incidents/describeEvent.js';
import { escapeFor, type Surface } from './escape.js';
import { personText } from './people.js';
import { isPersonActor } from '../domain/actors.js';

/** `<@U123>` or `<@U123|ana>` as Slack sends mentions in typed text. */
const TYPED_MENTION = /<@([A-Z0-9]+)(?:\|[^>]*)?>/g;
/** `<!subteam^S123|@ml>` as Slack sends user group mentions. */
const TYPED_GROUP = /<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g;
/** `<https://x|label>` or `<https://x>`: the label (or address) is what the reader saw. */
const TYPED_LINK = /<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>/g;

/**
 * What a person typed in Slack, as plain words: mentions read "@U123" and links their label, so
 * a report never pings anyone again and never carries a link a reader cannot see.
 */
export function typedAsPlain(text: string): string {
  return text
    .replace(TYPED_MENTION, '@$1')
    .replace(TYPED_GROUP, '@$1')
    .replace(TYPED_LINK, (_m, url: string, label: string | undefined) => label ?? url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function partText(part: EventPart, surface: Surface): string {
  switch (part.type) {
    case 'text':
    case 'quote':
      return escapeFor(surface, part.text);
    case 'user':
    case 'author':
      return personText(part.id, surface);
    case 'usergroup':
      // A record read later must not page the group again: its id, as text.
      return escapeFor(surface, `@${part.id}`);
    case 'said':
    case 'legacy':
      return escapeFor(surface, typedAsPlain(part.text));
  }
}

/** One event's sentence for the surface. */
export const eventText = (parts: readonly EventPart[], surface: Surface): string => parts.map((part) => partText(part, surface)).join('');

/**
 * One event's sentence as plain text, for a file or a document that renders nothing: people and
 * groups are "@U123" (so it never pings anyone again), a bot author its id, typed text as the
 * reader saw it (typedAsPlain). Escaping for a surface, if any, is the caller's.
 */
export function eventPartsPlain(parts: readonly EventPart[]): string {
  return parts
    .map((part) => {
      switch (part.type) {
        case 'text':
        case 'quote':
          return part.text;
        case 'user':
        case 'usergroup':
          return `@${part.id}`;
        case 'author':
          return isPersonActor(part.id) ? `@${part.id}` : part.id;
        case 'said':
        case 'legacy':
          return typedAsPlain(part.text);
      }
    })
    .join('');
}
