// Text people type into Slack (a note, a reason) arrives in Slack's own format: `&`, `<`, `>` as
// entities, and mentions, channels and links as `<...>` tokens. We keep it as plain text in which
// a user mention is the only markup left (`<@U123>`), so it can be shown in mrkdwn with the mention
// working and everything else escaped, or written to a plain file.

import { escapeMrkdwn, userMention } from './mrkdwn.js';

const TOKEN = /<([^<>]*)>/g;
const USER_TOKEN = /^@([UW][A-Z0-9]{2,})(?:\|[^>]*)?$/;
const CHANNEL_TOKEN = /^#([CG][A-Z0-9]+)(?:\|([^>]*))?$/;
const SPECIAL_TOKEN = /^!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?$/;

function decodeEntities(text: string): string {
  // `&amp;` last, so `&amp;lt;` (a typed "&lt;") becomes "&lt;", not "<".
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** One `<...>` token as plain words; user mentions stay tokens. */
function tokenToPlain(inner: string): string {
  const user = USER_TOKEN.exec(inner);
  if (user) return `<@${user[1]}>`;
  const channel = CHANNEL_TOKEN.exec(inner);
  if (channel) return channel[2] ? `#${channel[2]}` : `#${channel[1]}`;
  // @channel, @here, a user group: said in words, never re-sent as a broadcast.
  const special = SPECIAL_TOKEN.exec(inner);
  if (special) return special[2] ? special[2] : `@${special[1]}`;
  const [url, label] = inner.split('|', 2);
  return label && label !== url ? `${label} (${url})` : (url ?? '');
}

/** Slack-formatted input (`a &amp; b <@U1|ana> <https://x|doc>`) as plain text (`a & b <@U1> doc (https://x)`). */
export function plainFromSlackText(raw: string): string {
  return raw
    .split(TOKEN)
    .map((part, index) => (index % 2 === 1 ? tokenToPlain(part) : decodeEntities(part)))
    .join('')
    .trim();
}

const MENTION = /<@([UW][A-Z0-9]{2,})>/g;

/** Plain text for mrkdwn: user mentions render as mentions, everything else is escaped. */
export function escapeKeepingMentions(text: string): string {
  return text
    .split(MENTION)
    .map((part, index) => (index % 2 === 1 ? userMention(part) : escapeMrkdwn(part)))
    .join('');
}
