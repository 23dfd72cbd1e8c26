import type { App } from '@slack/bolt';
import type { ListenerDeps } from './listenerDeps.js';
import { registerClaimRoleButton } from './actions/claimRoleButton.js';

/** Listeners for running an open incident (role claim buttons, ...). */
export const LIFECYCLE_LISTENERS: ReadonlyArray<(app: App, deps: ListenerDeps) => void> = [registerClaimRoleButton];
