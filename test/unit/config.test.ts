import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { builtInPolicy, type Policy } from '../../src/config/policy.js';
import { policyFiles } from '../support/policyFiles.js';

describe('policy file', () => {
  let files: ReturnType<typeof policyFiles>;
  let dir: string;
  let load: (yaml: string) => Policy;
  let errorOf: (yaml: string) => string;
  beforeEach(() => {
    files = policyFiles('vigil-config-');
    ({ dir, load, errorOf } = files);
  });
  afterEach(() => files.remove());

  it('without a file, the built-in defaults of DOMAIN.md apply', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATABASE_PATH: ':memory:' }, dir);
    expect(config.policyPath).toBeUndefined();
    expect(config.policy).toEqual(builtInPolicy());
    const steps = config.policy.escalation['default']!.steps;
    expect(steps.map((s) => s.after / 60_000)).toEqual([0, 15, 30, 60]);
    expect(steps[3]!.severities).toEqual(['SEV1', 'SEV2']);
    expect(config.policy.routing.integration).toBe('data');
  });

  it('reads durations, rotations with hand-offs, routing and per-severity policies', () => {
    const policy = load(`
sources: [{ name: prom, kind: alertmanager, token: "abcdefghijklmnop" }]
rotations:
  ml: { members: [U01, U02], handoff: { every: weekly, day: mon, at: "09:00", timezone: Europe/Berlin } }
routing: { retrieval: ml }
escalation:
  SEV1:
    steps:
      - { after: 0m, notify: primary }
      - { after: 1h30m, notify: [U07], until: resolved }
    repeat: { times: 2, every: 2h }
grouping: { window: 10m }
`);
    expect(policy.rotations['ml']!.handoff).toMatchObject({ every: 'weekly', timezone: 'Europe/Berlin' });
    expect(policy.escalation['SEV1']!.steps[1]).toMatchObject({ after: 90 * 60_000, notify: { kind: 'users', users: ['U07'] }, until: 'resolved' });
    expect(policy.escalation['SEV1']!.repeat).toEqual({ times: 2, every: 2 * 3600_000 });
    expect(policy.groupingWindowMs).toBe(600_000);
  });

  it('names the file, the field and the problem in one line', () => {
    expect(errorOf('escalation: { default: [{ after: soon, notify: primary }] }')).toBe(
      'vigil.config.yaml: escalation.default[0].after: "soon" is not a duration; use e.g. 30s, 5m, 2h, 1d',
    );
    expect(errorOf('rotations: { ml: { members: [U01], handoff: { every: weekly, timezone: Mars/Olympus } } }')).toContain(
      'rotations.ml.handoff.timezone: is not an IANA time zone',
    );
    expect(errorOf('rotations: { ml: { members: [U01], handoff: { every: daily, since: "2026-02-30" } } }')).toBe(
      'vigil.config.yaml: rotations.ml.handoff.since: is not a real date',
    );
    expect(errorOf('routing: { model: nobody }')).toBe('vigil.config.yaml: routing.model: no rotation named "nobody" in rotations:');
    expect(errorOf('escalaton: {}')).toBe('vigil.config.yaml: unknown field "escalaton"');
    expect(errorOf('sources: [{ name: p, kind: detector, token: short }]')).toBe('vigil.config.yaml: sources[0].token: must be at least 16 characters');
    expect(errorOf('rotations: [')).toMatch(/^vigil.config.yaml: not valid YAML/);
  });

  it('a missing VIGIL_CONFIG file is an error, not silent defaults', () => {
    expect(() => loadConfig({ VIGIL_CONFIG: 'nope.yaml' }, dir)).toThrow('VIGIL_CONFIG: nope.yaml: no such file');
  });

  it('emulator mode fills empty rotations and sources with demo ones, never over the file', () => {
    writeFileSync(path.join(dir, 'vigil.config.yaml'), 'rotations: { ml: { members: [U0MINE] } }');
    const config = loadConfig({ DATABASE_PATH: ':memory:' }, dir);
    expect(config.emulator).toBe(true);
    expect(config.policy.rotations['ml']!.members).toEqual(['U0MINE']);
    expect(config.policy.rotations['data']!.members.length).toBeGreaterThan(0);
    expect(config.policy.sources.map((s) => s.kind).sort()).toEqual(['alertmanager', 'api', 'deployments', 'detector', 'grafana', 'pagerduty', 'samples']);
  });

  it('requires a signing secret with a bot token, and never echoes the token', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value' }, dir)).toThrow('SLACK_SIGNING_SECRET: required');
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-secret-value' }, dir);
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value');
    }
  });
});
