/**
 * A modal submitted or closed in the page. Submitting sends a signed view_submission; Vigil's
 * answer decides what happens next, as in Slack:
 *   `errors`  keeps the modal open with each message under its block;
 *   `update`  replaces the submitted view with the answer's `view` (same view id, new hash);
 *   `push`    stacks the answer's `view` on the submitted one (at most 3 views in a stack);
 *             closing it shows the one below again, with what the person had typed in it;
 *   `clear`   closes the whole stack;
 *   an empty ack closes this view (the one below, if any, shows again).
 * An `update` or `push` whose view is not a valid modal (type modal, a blocks array, Block Kit
 * limits), a push past 3 views, or an unknown response_action leaves the modal as it was; the
 * terminal says why and the page gets a 502 with the reason (Slack shows an error in the modal).
 * The views recorded this way are in `emu.views` with `via: 'response_update' | 'response_push'`.
 */
import { z } from 'zod';
import { isRecord } from '../args.js';
import { answeredModal, externalIdClash, keepView, MAX_MODAL_STACK, viewRecord } from '../methods/views.js';
import type { EmuView } from '../types.js';
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

/** Slack would refuse the answer: the modal stays as it was, and the developer learns why. */
function refuseAnswer(ctx: UiContext, action: string, problems: string[]): UiAnswer {
  ctx.host.say(`✗ Slack would refuse the app's answer (response_action ${action}); the modal stays as it was`, problems.map((p) => `    ${p}`));
  return refuse(502, 'invalid_response_action', `Slack would refuse Vigil's answer (response_action ${action}): ${problems.join('; ')}`);
}

/** `update`: the submitted view gets the answer's content, under the same id and in the same place. */
function updateView(ctx: UiContext, submitted: EmuView, body: Record<string, unknown>): UiAnswer | undefined {
  const { ws } = ctx.host;
  const checked = answeredModal(body['view']);
  if ('problems' in checked) return refuseAnswer(ctx, 'update', checked.problems);
  if (externalIdClash(ws, checked.view, submitted.id)) return refuseAnswer(ctx, 'update', ['duplicate_external_id']);
  const prev = submitted.view['previous_view_id'];
  const links = { root: String(submitted.view['root_view_id'] ?? submitted.id), previous: typeof prev === 'string' ? prev : null };
  const v = viewRecord(ws, 'response_update', checked.view, submitted.id, links, { triggerId: submitted.triggerId, userId: submitted.userId });
  keepView(ws, ctx.host.say.bind(ctx.host), v, 'updated by response_action');
  ctx.modals.clearErrors(submitted.id);
  return undefined;
}

/** `push`: the answer's view goes on top of the submitted one, which keeps what was typed in it. */
function pushView(ctx: UiContext, submitted: EmuView, user: string, body: Record<string, unknown>): UiAnswer | undefined {
  const { ws } = ctx.host;
  const checked = answeredModal(body['view']);
  if ('problems' in checked) return refuseAnswer(ctx, 'push', checked.problems);
  const stack = ctx.modals.stackOf(ws, submitted.id);
  if (!stack) return refuseAnswer(ctx, 'push', [`view ${submitted.id} is in no modal stack`]);
  if (ctx.modals.openDepth(ws, submitted.id) >= MAX_MODAL_STACK) {
    return refuseAnswer(ctx, 'push', [`push_limit_reached: a modal holds at most ${MAX_MODAL_STACK} views`]);
  }
  if (externalIdClash(ws, checked.view)) return refuseAnswer(ctx, 'push', ['duplicate_external_id']);
  const id = ws.ids.next('V');
  const root = stack[0] ?? submitted.id;
  stack.push(id);
  const v = viewRecord(ws, 'response_push', checked.view, id, { root, previous: submitted.id }, { userId: user });
  keepView(ws, ctx.host.say.bind(ctx.host), v, 'pushed by response_action');
  ctx.modals.clearErrors(submitted.id);
  return undefined;
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
  // As Slack's client does, the view keeps what was typed: drawn again after a pushed view
  // closes, after an update (inputs with the same block_id and action_id), or on a reload.
  ctx.modals.setValues(input.viewId, input.values);
  const answer = await callApp(ctx, { kind: 'form', fields: { payload: JSON.stringify(payload) } });
  if (answer.status >= 300) return answer;
  const body = isRecord(answer.body) ? answer.body : {};
  const action = body['response_action'];
  if (action === 'errors') {
    const errors = errorsOf(body);
    ctx.modals.setErrors(input.viewId, errors);
    ctx.host.say('modal errors', Object.entries(errors).map(([block, message]) => `    ${block}: ${message}`));
  } else if (action === 'update') {
    return updateView(ctx, view, body) ?? answer;
  } else if (action === 'push') {
    return pushView(ctx, view, input.user, body) ?? answer;
  } else if (action === 'clear') {
    ctx.modals.closeStack(ws, input.viewId);
  } else if (action === undefined) {
    ctx.modals.close(input.viewId);
  } else {
    return refuseAnswer(ctx, JSON.stringify(action), ['response_action must be errors, update, push or clear']);
  }
  return answer;
}

/**
 * Closing a view shows the one below it, or the whole stack goes with `clear_on_close`. Slack
 * sends view_closed only with notify_on_close, which Vigil never sets: closing is local.
 */
export function runClose(ctx: UiContext, input: z.infer<typeof closeInput>): UiAnswer {
  const { ws } = ctx.host;
  if (ws.currentViews.get(input.viewId)?.view['clear_on_close'] === true) ctx.modals.closeStack(ws, input.viewId);
  else ctx.modals.close(input.viewId);
  return { status: 200, body: { ok: true } };
}
