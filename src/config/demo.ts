import type { Policy } from './policy.js';

// Emulator mode is for trying Vigil on a laptop: it needs someone to page and a token to
// send alerts with. None of this applies once a real SLACK_BOT_TOKEN is set.

export const DEMO_SOURCES = [
  { name: 'local-alertmanager', kind: 'alertmanager', token: 'local-alertmanager-token' },
  { name: 'local-detector', kind: 'detector', token: 'local-detector-token' },
  { name: 'local-deployments', kind: 'deployments', token: 'local-deployments-token' },
  { name: 'local-samples', kind: 'samples', token: 'local-samples-token' },
  { name: 'local-grafana', kind: 'grafana', token: 'local-grafana-token' },
  // PagerDuty's token is the routing_key in the body (examples/pagerduty-trigger.json).
  { name: 'local-pagerduty', kind: 'pagerduty', token: 'local-pagerduty-routing-key' },
  { name: 'local-api', kind: 'api', token: 'local-api-token' },
] as const;

export const DEMO_USERS = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice (ML on-call)' },
  { id: 'U0BOB', name: 'bob', realName: 'Bob (ML secondary)' },
  { id: 'U0CAROL', name: 'carol', realName: 'Carol (data on-call)' },
  { id: 'U0DAN', name: 'dan', realName: 'Dan (data secondary)' },
  { id: 'U0ERIN', name: 'erin', realName: 'Erin (infra on-call)' },
  { id: 'U0FRANK', name: 'frank', realName: 'Frank (infra secondary)' },
  { id: 'U0LEAD', name: 'lena', realName: 'Lena (ML lead)' },
  { id: 'U0EXEC', name: 'victor', realName: 'Victor (VP engineering)' },
];

const DEMO_MEMBERS: Record<string, string[]> = {
  ml: ['U0ALICE', 'U0BOB'],
  data: ['U0CAROL', 'U0DAN'],
  infra: ['U0ERIN', 'U0FRANK'],
  lead: ['U0LEAD'],
  executives: ['U0EXEC'],
};

/**
 * Channels the emulator makes at start: #general, to type /incident declare in as a newcomer
 * would, and a channel each for the demo's client and executive updates.
 */
export const DEMO_CHANNELS: ReadonlyArray<{ name: string; id: string; audience?: 'client' | 'executive' }> = [
  { name: 'general', id: 'C0DEMOGENERAL' },
  { name: 'clients', id: 'C0DEMOCLIENTS', audience: 'client' },
  { name: 'exec-updates', id: 'C0DEMOEXEC', audience: 'executive' },
];

/**
 * Rollback and kill-switch hooks for trying them locally: `node examples/rollback-hook.mjs` answers
 * on port 3002 and checks the signature with this secret. Without it running, an action fails after
 * its retries and the channel says so.
 */
export const DEMO_ACTIONS: Policy['actions'] = {
  rollback: { url: 'http://127.0.0.1:3002/rollback', secret: 'local-hook-secret-0123456789', timeoutMs: 10_000 },
  killSwitch: { url: 'http://127.0.0.1:3002/disable-model', secret: 'local-hook-secret-0123456789', timeoutMs: 10_000 },
};

/** Fill only what the operator left empty, so a policy file still wins in emulator mode. */
export function withDemoDefaults(policy: Policy): Policy {
  const rotations = { ...policy.rotations };
  for (const [name, members] of Object.entries(DEMO_MEMBERS)) {
    const rotation = rotations[name];
    if (rotation && rotation.members.length === 0) rotations[name] = { ...rotation, members };
  }
  const audiences = { ...policy.stakeholders.audiences };
  for (const channel of DEMO_CHANNELS) {
    if (!channel.audience) continue;
    const audience = audiences[channel.audience];
    if (!audience.channel) audiences[channel.audience] = { ...audience, channel: channel.id };
  }
  return {
    ...policy,
    sources: policy.sources.length > 0 ? policy.sources : DEMO_SOURCES.map((s) => ({ ...s })),
    actions: Object.keys(policy.actions).length > 0 ? policy.actions : { ...DEMO_ACTIONS },
    rotations,
    stakeholders: { ...policy.stakeholders, audiences },
  };
}
