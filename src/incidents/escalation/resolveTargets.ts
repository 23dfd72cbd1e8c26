import type { Executor } from '../../db/executor.js';
import type { IncidentRow } from '../../db/schema/index.js';
import type { NotifyTarget } from '../../domain/escalationPlan.js';
import type { Policy } from '../../config/policy.js';
import { whoIsOnCall } from '../oncallLookup.js';

export interface PageTargets {
  users: string[];
  usergroups: string[];
  /** Words for the timeline: "primary of ml", "rotation lead". */
  describe: string;
}

/** Who a step's `notify` means for this incident, now (rotations hand off, overrides apply). */
export function resolveTargets(db: Executor, policy: Policy, incident: IncidentRow, notify: NotifyTarget, now: Date): PageTargets {
  const routed = incident.routedRotation ?? policy.routing[incident.category as keyof Policy['routing']];
  switch (notify.kind) {
    case 'primary': {
      const onCall = whoIsOnCall(db, policy, routed, now);
      return { users: onCall.primary ? [onCall.primary] : [], usergroups: [], describe: `primary on call for ${routed}` };
    }
    case 'secondary': {
      const onCall = whoIsOnCall(db, policy, routed, now);
      return { users: onCall.secondary ? [onCall.secondary] : [], usergroups: [], describe: `secondary on call for ${routed}` };
    }
    case 'rotation': {
      const onCall = whoIsOnCall(db, policy, notify.rotation, now);
      return { users: onCall.primary ? [onCall.primary] : [], usergroups: [], describe: `on call for ${notify.rotation}` };
    }
    case 'users':
      return { users: [...notify.users], usergroups: [], describe: 'named responders' };
    case 'usergroup':
      return { users: [], usergroups: [notify.usergroup], describe: `user group ${notify.usergroup}` };
  }
}
