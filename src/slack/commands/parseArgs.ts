import { isSlackUserId } from '../../domain/mrkdwn.js';

/** Split command text into words, keeping Slack's escaped mentions (`<@U123|ana>`) whole. */
export function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** A user id from `<@U123>`, `<@U123|name>` or a bare `U123`; undefined for anything else. */
export function userIdFrom(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const escaped = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (escaped) return escaped[1];
  return isSlackUserId(word) ? word : undefined;
}

/** A user group id from `<!subteam^S123|@team>`. */
export function usergroupIdFrom(word: string | undefined): string | undefined {
  const match = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word ?? '');
  return match?.[1];
}
