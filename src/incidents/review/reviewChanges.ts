// What changed between two versions of a review, section by section, so a reader of v3 knows
// what to look at again. Sections are the document's `## ` headings.

function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  const parts = markdown.split(/^## /m);
  const head = parts.shift() ?? '';
  // The version line changes on every compile; it is not news.
  result.set('Header', head.split('\n').filter((line) => !line.startsWith('| Version |')).join('\n'));
  for (const part of parts) {
    const [title = '', ...body] = part.split('\n');
    result.set(title.trim(), body.join('\n').trim());
  }
  return result;
}

/** One line per section whose content changed, was added or is gone: "Action items changed". */
export function reviewChanges(before: string, after: string): string[] {
  const old = sections(stripChangeList(before));
  const next = sections(stripChangeList(after));
  const changes: string[] = [];
  for (const [title, body] of next) {
    if (!old.has(title)) changes.push(`${title} added`);
    else if (old.get(title) !== body) changes.push(`${title} changed`);
  }
  for (const title of old.keys()) if (!next.has(title)) changes.push(`${title} removed`);
  return changes.length > 0 ? changes : ['Nothing changed since the previous version'];
}

/** A version's own "changed since" list is not content to compare. */
function stripChangeList(markdown: string): string {
  return markdown.replace(/\n\*\*Changed since the previous version:\*\*\n(?:- .*\n)+/, '\n');
}
