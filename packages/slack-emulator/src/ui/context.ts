/** What the UI's actions work with, and how they reach the app under test. */
import type { Workspace } from '../state.js';
import type { EmuChannel } from '../types.js';
import type { AppAnswer, AppLink, AppRequest } from './appLink.js';
import type { UiHost } from './host.js';
import type { ModalTracker } from './modals.js';
import type { UiReplies } from './replies.js';
import type { Person, Place, Team } from './slackPayloads.js';

export interface UiContext {
  readonly host: UiHost;
  /** Undefined until connectApp(): the page still shows the workspace, but cannot click. */
  readonly app: AppLink | undefined;
  readonly replies: UiReplies;
  readonly modals: ModalTracker;
}

/** Status and JSON body the UI answers the page; for a request the app answered, the app's own. */
export type UiAnswer = AppAnswer;

export const refuse = (status: number, error: string, message: string): UiAnswer => ({ status, body: { error, message } });

export const teamOf = (ws: Workspace): Team => ({ id: ws.me.teamId, domain: 'vigil-emulator' });
export const personOf = (ws: Workspace, id: string): Person => ({ id, name: ws.users.get(id)?.name ?? id.toLowerCase() });
export const placeOf = (ch: EmuChannel): Place => ({ id: ch.id, name: ch.name, isIm: ch.isIm });

/** Sends a request to the app as Slack would; a missing or unreachable app is an answer too, not a throw. */
export async function callApp(ctx: UiContext, request: AppRequest): Promise<UiAnswer> {
  if (!ctx.app) {
    return refuse(409, 'no_app_connected', 'No app is connected to this emulator: call emulator.connectApp({ eventsUrl, signingSecret }) or connectApp({ socketMode: true }).');
  }
  try {
    const answer = await ctx.app.send(request);
    if (answer.status >= 400) ctx.host.say(`✗ the app answered HTTP ${answer.status} (${ctx.app.where})`);
    return answer;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.host.say(`✗ the app is unreachable at ${ctx.app.where}: ${message}`);
    return refuse(502, 'app_unreachable', `The app did not answer at ${ctx.app.where}: ${message}`);
  }
}
