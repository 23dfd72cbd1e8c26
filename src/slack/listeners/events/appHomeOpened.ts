import type { App } from '@slack/bolt';
import { z } from 'zod';
import { requestHome } from '../../../incidents/requestHome.js';
import { markHandled } from '../../answerUnanswered.js';
import type { ListenerDeps } from '../listenerDeps.js';

const homeOpenedSchema = z.looseObject({ user: z.string().min(1), tab: z.literal('home') });

/** Opening Vigil's Home tab renders it afresh; rendering twice is harmless, so retries need no guard. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', markHandled, async ({ event }) => {
    const opened = homeOpenedSchema.safeParse(event);
    if (!opened.success) return; // the Messages or About tab, or no one to render it for
    requestHome(deps.ctx, opened.data.user);
  });
}
