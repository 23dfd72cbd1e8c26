import type { Policy } from '../config/policy.js';

/** A Slack id the policy names, and where (a path into the policy file, for the finding). */
export interface Reference {
  id: string;
  path: string;
}

export interface PolicyReferences {
  channels: Reference[];
  users: Reference[];
  usergroups: Reference[];
}

const isUserId = (id: string): boolean => /^[UW][A-Z0-9]+$/.test(id);
const isUsergroupId = (id: string): boolean => /^S[A-Z0-9]+$/.test(id);

/** Every channel, person and user group the policy names, each with where it is named. */
export function policyReferences(policy: Policy): PolicyReferences {
  const channels: Reference[] = [];
  const users: Reference[] = [];
  const usergroups: Reference[] = [];
  if (policy.announceChannel) channels.push({ id: policy.announceChannel, path: 'announce.channel' });
  for (const [audience, settings] of Object.entries(policy.stakeholders.audiences)) {
    if (settings.channel) channels.push({ id: settings.channel, path: `stakeholders.audiences.${audience}.channel` });
  }
  for (const [name, rotation] of Object.entries(policy.rotations)) {
    rotation.members.forEach((id, index) => users.push({ id, path: `rotations.${name}.members[${index}]` }));
  }
  for (const [key, escalation] of Object.entries(policy.escalation)) {
    escalation.steps.forEach((step, index) => {
      const at = `escalation.${key}[${index}].notify`;
      if (step.notify.kind === 'users') step.notify.users.forEach((id) => users.push({ id, path: at }));
      if (step.notify.kind === 'usergroup') usergroups.push({ id: step.notify.usergroup, path: at });
    });
  }
  for (const [permission, who] of Object.entries(policy.permissions)) {
    for (const id of who) {
      if (isUserId(id)) users.push({ id, path: `permissions.${permission}` });
      else if (isUsergroupId(id)) usergroups.push({ id, path: `permissions.${permission}` });
    }
  }
  return { channels, users, usergroups };
}

/** References grouped by id, so each id is asked about once and a finding names every place. */
export function byId(references: readonly Reference[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const ref of references) grouped.set(ref.id, [...(grouped.get(ref.id) ?? []), ref.path]);
  return grouped;
}
