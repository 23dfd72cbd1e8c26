/**
 * The scope a read method needs, checked only when the emulator is given the token's `scopes`:
 * without it the method answers `missing_scope` with `needed` and `provided`, as Slack does. The
 * methods that change the workspace are not checked; their scopes are the manifest's business.
 */
export const METHOD_SCOPES: Readonly<Record<string, string>> = {
  'users.info': 'users:read',
  'users.list': 'users:read',
  'usergroups.list': 'usergroups:read',
  'usergroups.users.list': 'usergroups:read',
  'conversations.info': 'channels:read',
};
