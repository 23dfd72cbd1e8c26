import type { App } from '@slack/bolt';
import { requestHome } from '../../../incidents/requestHome.js';
import { markHandled } from '../../answerUnanswered.js';
import type { ListenerDeps } from '../listenerDeps.js';

/** Opening Vigil's Home tab renders it afresh; rendering twice is harmless, so retries need no guard. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', markHandled, async ({ event }) => {
    if (event.tab !== 'home') return;
    requestHome(deps.ctx, event.user);
  });
}
