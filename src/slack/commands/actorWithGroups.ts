import type { WebClient } from '@slack/web-api';
import type { Permission, Policy } from '../../config/policy.js';
import type { Actor } from '../../incidents/requirePermission.js';
import type { Logger } from '../../shared/logger.js';

const USERGROUP_ID = /^S[A-Z0-9]+$/;

/**
 * The person as a permission check needs them: with the user groups they belong to, but only
 * the groups the policy names for this permission, and only when their own id is not enough.
 * A group that cannot be read counts as not containing them (refusing is the safe side).
 */
export async function actorWithGroups(client: WebClient, policy: Policy, permission: Permission, userId: string, logger: Logger): Promise<Actor> {
  const allowed = policy.permissions[permission];
  if (allowed.includes('anyone') || allowed.includes(userId)) return { userId };
  const groups: string[] = [];
  for (const usergroup of allowed.filter((entry) => USERGROUP_ID.test(entry))) {
    try {
      const members = await client.usergroups.users.list({ usergroup });
      if ((members.users ?? []).includes(userId)) groups.push(usergroup);
    } catch (error) {
      logger.warn('slack: could not read user group for a permission check', { usergroup, error: (error as Error).message });
    }
  }
  return { userId, groups };
}
