// The Slack channel an incident gets: `inc-42-churn-model-accuracy-drop`. Slack only accepts
// lowercase letters, digits, `-` and `_`, at most 80 characters, so the title is reduced to a
// readable slug that always fits, and a retry after `name_taken` gets a numbered suffix.

/** Slack's limit on channel names. */
export const MAX_CHANNEL_NAME_LENGTH = 80;

/**
 * Latin letters that NFKD does not decompose into "base letter + accent", spelled the way a
 * reader would expect rather than dropped (`Straße` -> `strasse`, not `stra-e`).
 */
const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/**
 * A title reduced to Slack's alphabet: accents stripped (NFKD splits `é` into `e` + a combining
 * mark, which is then dropped), everything else outside [a-z0-9_] becomes a single hyphen, and
 * no hyphen or underscore is left at either end. Emoji, punctuation and markup such as
 * `<!channel>` simply become separators.
 */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? '-')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase() // NFKD can produce capitals from compatibility forms such as `Ⓐ`.
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/**
 * Cuts a slug to at most `max` characters, at the last hyphen when that keeps at least half of
 * the room, so the name ends on a whole word; a single very long word is cut hard instead of
 * leaving almost nothing.
 */
function truncateSlug(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  if (max <= 0) return '';
  const cut = slug.slice(0, max);
  const wordEnd = slug[max] === '-' ? max : cut.lastIndexOf('-');
  const kept = wordEnd >= max / 2 ? cut.slice(0, wordEnd) : cut;
  return kept.replace(/[-_]+$/, '');
}

/**
 * `inc-<number>-<slug>`, or `inc-<number>` when the title has nothing usable (all emoji, say).
 * `attempt` 2, 3, ... is for retries after Slack answered `name_taken` and appends `-2`, `-3`;
 * the slug shrinks to make room so the name stays within 80 characters.
 */
export function incidentChannelName(number: number, title: string, attempt?: number): string {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new RangeError(`incident number must be a non-negative integer, got ${number}`);
  }
  if (attempt !== undefined && (!Number.isSafeInteger(attempt) || attempt < 1)) {
    throw new RangeError(`channel name attempt must be a positive integer, got ${attempt}`);
  }

  const prefix = `inc-${number}`;
  const suffix = attempt !== undefined && attempt >= 2 ? `-${attempt}` : '';
  // One character of the remaining room goes to the hyphen between the number and the slug.
  const room = MAX_CHANNEL_NAME_LENGTH - prefix.length - suffix.length - 1;
  const slug = truncateSlug(slugify(title), room);
  return slug === '' ? `${prefix}${suffix}` : `${prefix}-${slug}${suffix}`;
}
