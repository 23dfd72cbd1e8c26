/**
 * Whether someone may do a guarded action. `allowed` holds user ids, user group ids (S...) and
 * the word 'anyone'; `userGroups` are the groups the person belongs to.
 */
export function isPermitted(allowed: readonly string[], userId: string, userGroups: readonly string[] = []): boolean {
  return allowed.includes('anyone') || allowed.includes(userId) || userGroups.some((group) => allowed.includes(group));
}
