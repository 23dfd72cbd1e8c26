import type { Executor } from '../../db/executor.js';
import type { IncidentRow } from '../../db/schema/index.js';
import type { NotifyTarget } from '../../domain/escalationPlan.js';
import type { Policy } from '../../config/policy.js';
import { whoIsOnCall } from '../oncallLookup.js';
import { PAGER_WORDS, type PagerName } from '../../domain/pagers.js';

export interface PageTargets {
  users: string[];
  usergroups: string[];
  /** Pagers outside Slack (PagerDuty, the webhook pager). */
  pagers: PagerName[];
  /** Words for the timeline: "primary of ml", "rotation lead". */
  describe: string;
}

/** Who a step's `notify` means for this incident, now (rotations hand off, overrides apply). */
export function resolveTargets(db: Executor, policy: Policy, incident: IncidentRow, notify: NotifyTarget, now: Date): PageTargets {
  const routed = incident.routedRotation ?? policy.routing[incident.category as keyof Policy['routing']];
  switch (notify.kind) {
    case 'primary': {
      const onCall = whoIsOnCall(db, policy, routed, now);
      return { users: onCall.primary ? [onCall.primary] : [], usergroups: [], pagers: [], describe: `primary on call for ${routed}` };
    }
    case 'secondary': {
      const onCall = whoIsOnCall(db, policy, routed, now);
      return { users: onCall.secondary ? [onCall.secondary] : [], usergroups: [], pagers: [], describe: `secondary on call for ${routed}` };
    }
    case 'rotation': {
      const onCall = whoIsOnCall(db, policy, notify.rotation, now);
      return { users: onCall.primary ? [onCall.primary] : [], usergroups: [], pagers: [], describe: `on call for ${notify.rotation}` };
    }
    case 'users':
      return { users: [...notify.users], usergroups: [], pagers: [], describe: 'named responders' };
    case 'usergroup':
      return { users: [], usergroups: [notify.usergroup], pagers: [], describe: `user group ${notify.usergroup}` };
    case 'pager':
      return { users: [], usergroups: [], pagers: [notify.pager], describe: PAGER_WORDS[notify.pager] };
  }
}
