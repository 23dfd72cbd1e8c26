import type { Subcommand } from './subcommand.js';

/** Built from the registry, so a new subcommand shows up here without touching this file. */
export function helpSubcommand(all: () => readonly Subcommand[]): Subcommand {
  return {
    name: 'help',
    usage: '/incident help',
    example: '/incident help',
    description: 'List every subcommand',
    needsIncident: false,
    run: () => {
      const lines = all().map((c) => `• \`${c.usage}\` ${c.description}${c.needsIncident ? ' _(in an incident channel)_' : ''}`);
      return { text: `*Vigil: /incident commands*\n${lines.join('\n')}` };
    },
  };
}
