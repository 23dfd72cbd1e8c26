import type { WebClient } from '@slack/web-api';
import type { Permission, Policy } from '../../config/policy.js';
import type { Actor } from '../../incidents/requirePermission.js';
import type { Logger } from '../../shared/logger.js';

const USERGROUP_ID = /^S[A-Z0-9]+$/;

/**
 * How long the group look-ups may take together. They run before a form submission or a slash
 * command is answered, and Slack allows 3 s for the whole answer.
 */
export const GROUP_LOOKUP_BUDGET_MS = 1500;

type Lookup = { usergroup: string; members: string[] } | { usergroup: string; failed: string };

async function lookUp(client: WebClient, usergroup: string): Promise<Lookup> {
  try {
    const answer = await client.usergroups.users.list({ usergroup });
    return { usergroup, members: answer.users ?? [] };
  } catch (error) {
    return { usergroup, failed: (error as Error).message };
  }
}

/** The look-ups that answered within the budget; the others are reported as failed. */
async function lookUpAll(client: WebClient, usergroups: string[], budgetMs: number): Promise<Lookup[]> {
  const results: Lookup[] = usergroups.map((usergroup) => ({ usergroup, failed: `no answer within ${budgetMs} ms` }));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
  });
  // lookUp never rejects, so a late answer after the deadline is simply dropped.
  const all = Promise.all(
    usergroups.map(async (usergroup, index) => {
      results[index] = await lookUp(client, usergroup);
    }),
  );
  try {
    await Promise.race([all, deadline]);
  } finally {
    clearTimeout(timer);
  }
  return [...results];
}

/**
 * The person as a permission check needs them: with the user groups they belong to, but only
 * the groups the policy names for this permission, and only when their own id is not enough.
 * A group that cannot be read, or not within the budget, counts as not containing them
 * (refusing is the safe side).
 */
export async function actorWithGroups(
  client: WebClient,
  policy: Policy,
  permission: Permission,
  userId: string,
  logger: Logger,
  budgetMs: number = GROUP_LOOKUP_BUDGET_MS,
): Promise<Actor> {
  const allowed = policy.permissions[permission];
  if (allowed.includes('anyone') || allowed.includes(userId)) return { userId };
  const usergroups = allowed.filter((entry) => USERGROUP_ID.test(entry));
  if (usergroups.length === 0) return { userId, groups: [] };
  const groups: string[] = [];
  for (const lookup of await lookUpAll(client, usergroups, budgetMs)) {
    if ('failed' in lookup) logger.warn('slack: could not read user group for a permission check', { usergroup: lookup.usergroup, error: lookup.failed });
    else if (lookup.members.includes(userId)) groups.push(lookup.usergroup);
  }
  return { userId, groups };
}
