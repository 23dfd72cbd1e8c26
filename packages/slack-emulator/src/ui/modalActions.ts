/**
 * A modal submitted or closed in the page. Submitting sends a signed view_submission; Vigil's
 * answer decides what happens next, as in Slack: `errors` keeps the modal open with each
 * message under its block, `clear` closes the whole stack, an empty ack closes this view.
 * (`update` and `push` answers are not emulated: Vigil answers neither; the modal stays.)
 */
import { z } from 'zod';
import { isRecord } from '../args.js';
import { callApp, personOf, refuse, teamOf, type UiAnswer, type UiContext } from './context.js';
import { viewStateValues } from './viewState.js';
import { viewSubmissionPayload } from './viewSubmission.js';

export const submitInput = z.object({
  user: z.string().min(1),
  viewId: z.string().min(1),
  values: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()]))),
});

export const closeInput = z.object({
  user: z.string().min(1),
  viewId: z.string().min(1),
});

function errorsOf(body: Record<string, unknown>): Record<string, string> {
  const errors = isRecord(body['errors']) ? body['errors'] : {};
  return Object.fromEntries(Object.entries(errors).map(([block, message]) => [block, String(message)]));
}

export async function runSubmit(ctx: UiContext, input: z.infer<typeof submitInput>): Promise<UiAnswer> {
  const { ws } = ctx.host;
  const view = ws.currentViews.get(input.viewId);
  if (!view || !ctx.modals.isOpen(ws, input.viewId, input.user)) {
    return refuse(404, 'view_not_open', `View ${input.viewId} is not open for ${input.user}.`);
  }
  const payload = viewSubmissionPayload({
    team: teamOf(ws),
    user: personOf(ws, input.user),
    view: view.view,
    values: viewStateValues(view.view['blocks'], input.values),
    triggerId: ctx.host.newTriggerId(input.user),
  });
  ctx.host.say(`▶ ${ws.userLabel(input.user)} submitted the modal ${input.viewId} (${String(view.view['callback_id'] ?? '')})`);
  const answer = await callApp(ctx, { payload: JSON.stringify(payload) });
  if (answer.status >= 300) return answer;
  const body = isRecord(answer.body) ? answer.body : {};
  const action = body['response_action'];
  if (action === 'errors') {
    const errors = errorsOf(body);
    ctx.modals.setErrors(input.viewId, errors);
    ctx.host.say('modal errors', Object.entries(errors).map(([block, message]) => `    ${block}: ${message}`));
  } else if (action === 'clear') {
    ctx.modals.closeStack(ws, input.viewId);
  } else if (action === 'update' || action === 'push') {
    ctx.host.say(`! response_action ${action} is not emulated by the web UI; the modal stays as it was`);
  } else {
    ctx.modals.close(input.viewId);
  }
  return answer;
}

/** Slack sends view_closed only with notify_on_close, which Vigil never sets: closing is local. */
export function runClose(ctx: UiContext, input: z.infer<typeof closeInput>): UiAnswer {
  ctx.modals.close(input.viewId);
  return { status: 200, body: { ok: true } };
}
