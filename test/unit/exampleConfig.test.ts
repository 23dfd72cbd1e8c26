import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../../src/config/env.js';
import { loadConfig, loadPolicyFile } from '../../src/config/load.js';
import { loadRunbooks } from '../../src/config/loadRunbooks.js';
import { loadTemplates } from '../../src/comms/loadTemplates.js';
import { scratchDir } from '../support/scratch.js';

// What a newcomer copies must work as copied: vigil.config.example.yaml, and the README's policy.

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL = { SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-2-3' };

describe('vigil.config.example.yaml', () => {
  it('loads as it is, with everything it names (runbooks, templates) there', () => {
    const config = loadConfig({ ...REAL, VIGIL_CONFIG: 'vigil.config.example.yaml' }, ROOT);
    expect(config.policyPath).toBe(path.join(ROOT, 'vigil.config.example.yaml'));
    expect(config.policy.sources.map((s) => s.kind)).toEqual(['alertmanager', 'detector']);
    for (const name of ['ml', 'data', 'infra', 'lead', 'executives']) expect(config.policy.rotations[name]!.members.length).toBeGreaterThan(0);
    expect(config.policy.announceChannel).toBe('C0123INCIDENTS');
    expect(() => loadRunbooks(config.policy.runbooksFolder, ROOT)).not.toThrow();
    expect(() => loadTemplates(config.policy.stakeholders.templatesFolder, ROOT)).not.toThrow();
  });

  it('copied to vigil.config.yaml, is the policy Vigil reads by default', () => {
    const dir = scratchDir('vigil-example-');
    try {
      writeFileSync(path.join(dir, 'vigil.config.yaml'), readFileSync(path.join(ROOT, 'vigil.config.example.yaml')));
      expect(loadConfig(REAL, dir).policy.sources).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("README's policy file example", () => {
  it('loads as copied', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The policy file'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toContain('sources:');
    const dir = scratchDir('vigil-readme-policy-');
    try {
      const file = path.join(dir, 'vigil.config.yaml');
      writeFileSync(file, yaml!);
      const policy = loadPolicyFile(file);
      expect(policy.sources.length).toBeGreaterThan(0);
      // As Vigil starts: a runbook folder or template folder it names must exist (the README's once did not).
      expect(() => loadRunbooks(policy.runbooksFolder, dir)).not.toThrow();
      expect(() => loadTemplates(policy.stakeholders.templatesFolder, dir)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('how Slack reaches Vigil, and where Vigil listens', () => {
  it('needs a signing secret (HTTP) or an app token (Socket Mode) with a bot token', () => {
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(ConfigError);
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set, unless SLACK_APP_TOKEN \(Socket Mode\) is/);
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).SLACK_APP_TOKEN).toBe('xapp-1');
    expect(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow('SLACK_APP_TOKEN: must be an app-level token (xapp-...)');
  });

  it('listens on loopback in emulator mode (its secrets are public), on every interface with a token, else where HOST says', () => {
    expect(parseEnv({}).HOST).toBe('127.0.0.1');
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).HOST).toBe('0.0.0.0');
    expect(parseEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
  });
});
