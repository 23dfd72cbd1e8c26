// Putting untrusted text (alert titles, labels, user input) into Slack `mrkdwn` safely.
// Slack parses `<...>` in mrkdwn as links, mentions and broadcasts (`<!channel>`), so an alert
// titled "<!channel> click <https://evil|here>" would ping everyone and show a disguised link
// unless escaped. `plain_text` objects are never parsed and need none of this.
// Slack has no escape for the formatting characters * _ ~ `, so those may still style text;
// that is cosmetic, not a way to ping or mislead.

/**
 * Slack's three control characters as HTML entities. `&` goes first so the entities produced
 * for `<` and `>` are not escaped again; an incoming `&lt;` becomes `&amp;lt;` and is shown
 * literally, never turned back into a `<`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `|` ends the URL part of a link, so one inside a label is swapped for a look-alike. */
const LABEL_PIPE_REPLACEMENT = '¦';

function isWebUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * A link `<url|label>` for http(s) URLs. Any other scheme (`javascript:`, `slack://`, `file:`)
 * or an unparseable URL yields just the escaped label, so an alert can never plant a link that
 * runs code or deep-links into Slack. The URL's `<`, `>` and `|` are percent-encoded so it cannot
 * close the link early; the label is escaped so it cannot open a mention.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, LABEL_PIPE_REPLACEMENT);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return safeLabel;
  }
  if (!isWebUrl(parsed)) return safeLabel;

  const safeUrl = parsed.href.replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return safeLabel === '' ? `<${safeUrl}>` : `<${safeUrl}|${safeLabel}>`;
}

/** Slack user ids: `U...` for users, `W...` for Enterprise Grid users. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Whether text is a Slack user id (U… or W…), as opposed to a source name or free text. */
export const isSlackUserId = (text: string): boolean => SLACK_USER_ID.test(text);

/**
 * A mention `<@U123>` that Slack renders as the user's name, or the escaped text when the value
 * is not a user id (so `!channel` or `U1> <!here` can never become a broadcast).
 */
export function userMention(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` UTF-16 code units (Block Kit limits, e.g. 3000 for a section,
 * 150 for a header), ending with an ellipsis. The cut never splits an emoji's surrogate pair,
 * an entity produced by escapeMrkdwn (`&amp;`) or a `<link|label>` / `<@mention>`, because half
 * of any of those renders as garbage; such a partial token is dropped whole instead.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';

  let cut = text.slice(0, max - ELLIPSIS.length);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);

  const openAngle = cut.lastIndexOf('<');
  if (openAngle > cut.lastIndexOf('>')) cut = cut.slice(0, openAngle);
  const ampersand = cut.lastIndexOf('&');
  if (ampersand !== -1 && /^&[a-z]*$/.test(cut.slice(ampersand))) {
    cut = cut.slice(0, ampersand);
  }
  return cut + ELLIPSIS;
}
