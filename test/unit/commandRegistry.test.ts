import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../../src/slack/commands/registry.js';

describe('the /incident registry', () => {
  it('has unique names, and every subcommand has usage, an example and a description', () => {
    const names = SUBCOMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of SUBCOMMANDS) {
      expect(command.usage.startsWith(`/incident ${command.name}`)).toBe(true);
      expect(command.example.startsWith(`/incident ${command.name}`)).toBe(true);
      expect(command.description.length).toBeGreaterThan(10);
    }
  });

  it('help lists every subcommand, in the registry\'s order', async () => {
    const help = SUBCOMMANDS.find((c) => c.name === 'help')!;
    const reply = await help.run({ userId: 'U1', channelId: 'C1', args: '', triggerId: 't' }, {} as never);
    const listed = [...(reply?.text ?? '').matchAll(/`\/incident ([\w-]+)/g)].map((m) => m[1]);
    expect(listed).toEqual(SUBCOMMANDS.map((c) => c.name));
  });

  it('README documents every subcommand', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    for (const command of SUBCOMMANDS) expect(readme).toContain(`\`/incident ${command.name}`);
  });
});
