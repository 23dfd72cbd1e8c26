/**
 * views.* — modals (open, update, push) and the App Home tab (publish). The storing and checking
 * of views is exported too: the web UI records the views an app answers a view_submission with
 * (`response_action: update|push`) the same way.
 */
import { randomUUID } from 'node:crypto';
import { isRecord, nonEmpty, str } from '../args.js';
import { validateView } from '../blockKit.js';
import { renderBlocks } from '../printer.js';
import type { Workspace } from '../state.js';
import type { EmuView, ViewVia } from '../types.js';
import type { Handler, MethodContext, MethodResult } from './context.js';
import { fail, ok, recordArg } from './context.js';

/** A root view and at most two views pushed on it. */
export const MAX_MODAL_STACK = 3;

export interface ViewLinks {
  root: string;
  previous: string | null;
}

function titleOf(view: Record<string, unknown>): string {
  const t = view['title'];
  return t && typeof t === 'object' && 'text' in t && typeof t.text === 'string' ? t.text : '';
}

/** What is wrong with `view` as a view of `type` ([] when nothing), in Slack's message format. */
export function viewProblems(view: Record<string, unknown>, type: 'modal' | 'home'): string[] {
  if (view['type'] !== type) return [`[ERROR] must be ${type} [json-pointer:/view/type]`];
  return validateView(view);
}

/**
 * A view an app answered a view_submission with (`response_action: update|push`): the modal
 * it describes, or what is wrong with it. Stricter than the methods on `blocks`, which the
 * answer must spell out.
 */
export function answeredModal(view: unknown): { view: Record<string, unknown> } | { problems: string[] } {
  if (view === undefined) return { problems: ['[ERROR] missing required field: view'] };
  if (!isRecord(view)) return { problems: ['[ERROR] view must be a JSON object [json-pointer:/view]'] };
  if (!Array.isArray(view['blocks'])) return { problems: ['[ERROR] blocks must be an array [json-pointer:/view/blocks]'] };
  const problems = viewProblems(view, 'modal');
  return problems.length > 0 ? { problems } : { view };
}

/** The view argument checked against the expected type, or the failure Slack would answer. */
function viewArg(ctx: MethodContext, type: 'modal' | 'home'): Record<string, unknown> | MethodResult {
  const view = recordArg(ctx.args, 'view');
  if (view === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: view']);
  if (view === 'bad') return fail('invalid_arguments', ['[ERROR] view must be a JSON object [json-pointer:/view]']);
  const problems = viewProblems(view, type);
  return problems.length > 0 ? fail('invalid_arguments', problems) : view;
}

function isResult(v: Record<string, unknown> | MethodResult): v is MethodResult {
  return typeof v['ok'] === 'boolean';
}

function triggerArg(ctx: MethodContext): string | MethodResult {
  const trigger = nonEmpty(ctx.args, 'trigger_id');
  if (!trigger) return fail('invalid_trigger_id');
  if (trigger.includes('expired')) return fail('expired_trigger_id');
  return trigger;
}

/** The view as Slack stores and returns it. */
function stored(ws: Workspace, view: Record<string, unknown>, id: string, links: ViewLinks): Record<string, unknown> {
  return {
    blocks: [],
    private_metadata: '',
    callback_id: '',
    title: null,
    close: null,
    submit: null,
    clear_on_close: false,
    notify_on_close: false,
    external_id: '',
    ...view,
    id,
    team_id: ws.me.teamId,
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
    root_view_id: links.root,
    previous_view_id: links.previous,
    app_id: 'A0VIGILAPP',
    app_installed_team_id: ws.me.teamId,
    bot_id: ws.me.botId,
  };
}

/** Whether another view already has `view`'s external_id. */
export function externalIdClash(ws: Workspace, view: Record<string, unknown>, ownId?: string): boolean {
  const ext = view['external_id'];
  if (typeof ext !== 'string' || ext === '') return false;
  const other = ws.findViewByExternalId(ext);
  return other !== undefined && other.id !== ownId;
}

/** Records the view as the workspace's current one under its id, and prints it. */
export function keepView(ws: Workspace, say: (head: string, body?: string[]) => void, v: EmuView, verb: string): void {
  ws.recordView(v);
  const who = v.userId ? ` for ${ws.userLabel(v.userId)}` : '';
  const head = v.type === 'home' ? `home tab ${verb}${who}` : `modal ${verb}${who} : ${titleOf(v.view)}  (${v.id})`;
  say(head, renderBlocks(v.view['blocks']));
}

function remember(ctx: MethodContext, v: EmuView, verb: string): MethodResult {
  keepView(ctx.ws, (head, body) => ctx.say(head, body), v, verb);
  return ok({ view: v.view });
}

/** The view as the workspace records it: stored as Slack would (new hash), linked into its stack. */
export function viewRecord(
  ws: Workspace,
  via: ViewVia,
  view: Record<string, unknown>,
  id: string,
  links: ViewLinks,
  who: { triggerId?: string | undefined; userId?: string | undefined },
): EmuView {
  return {
    id,
    type: view['type'] === 'home' ? 'home' : 'modal',
    view: stored(ws, view, id, links),
    via,
    ...(who.triggerId ? { triggerId: who.triggerId } : {}),
    ...(who.userId ? { userId: who.userId } : {}),
  };
}

const open: Handler = (ctx) => {
  const trigger = triggerArg(ctx);
  if (typeof trigger !== 'string') return trigger;
  const view = viewArg(ctx, 'modal');
  if (isResult(view)) return view;
  if (externalIdClash(ctx.ws, view)) return fail('duplicate_external_id');
  const id = ctx.ws.ids.next('V');
  ctx.ws.modalStacks.set(id, [id]);
  ctx.ws.lastRootViewId = id;
  const v = viewRecord(ctx.ws, 'open', view, id, { root: id, previous: null }, { triggerId: trigger, userId: ctx.ws.triggers.get(trigger) });
  return remember(ctx, v, 'opened');
};

const push: Handler = (ctx) => {
  const trigger = triggerArg(ctx);
  if (typeof trigger !== 'string') return trigger;
  const view = viewArg(ctx, 'modal');
  if (isResult(view)) return view;
  const root = ctx.ws.lastRootViewId;
  const stack = root ? ctx.ws.modalStacks.get(root) : undefined;
  if (!root || !stack) return fail('not_found', ['[ERROR] no open modal to push onto']);
  if (stack.length >= MAX_MODAL_STACK) return fail('push_limit_reached');
  if (externalIdClash(ctx.ws, view)) return fail('duplicate_external_id');
  const id = ctx.ws.ids.next('V');
  const previous = stack[stack.length - 1] ?? root;
  stack.push(id);
  const userId = ctx.ws.triggers.get(trigger) ?? ctx.ws.currentViews.get(root)?.userId;
  const v = viewRecord(ctx.ws, 'push', view, id, { root, previous }, { triggerId: trigger, userId });
  return remember(ctx, v, 'pushed');
};

const update: Handler = (ctx) => {
  const viewId = nonEmpty(ctx.args, 'view_id');
  const externalId = nonEmpty(ctx.args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  const current = viewId ? ctx.ws.currentViews.get(viewId) : ctx.ws.findViewByExternalId(externalId ?? '');
  if (!current) return fail('not_found');
  const hash = nonEmpty(ctx.args, 'hash');
  if (hash !== undefined && hash !== current.view['hash']) return fail('hash_conflict');
  const view = viewArg(ctx, current.type);
  if (isResult(view)) return view;
  if (externalIdClash(ctx.ws, view, current.id)) return fail('duplicate_external_id');
  const prev = current.view['previous_view_id'];
  const links = { root: String(current.view['root_view_id']), previous: typeof prev === 'string' ? prev : null };
  const v = viewRecord(ctx.ws, 'update', view, current.id, links, { triggerId: current.triggerId, userId: current.userId });
  return remember(ctx, v, 'updated');
};

const publish: Handler = (ctx) => {
  const userId = str(ctx.args, 'user_id');
  if (!userId) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
  if (!ctx.ws.user(userId)) return fail('user_not_found');
  const view = viewArg(ctx, 'home');
  if (isResult(view)) return view;
  const existing = [...ctx.ws.currentViews.values()].find((v) => v.type === 'home' && v.userId === userId);
  const hash = nonEmpty(ctx.args, 'hash');
  if (hash !== undefined && existing && hash !== existing.view['hash']) return fail('hash_conflict');
  const id = existing?.id ?? ctx.ws.ids.next('V');
  const v = viewRecord(ctx.ws, 'publish', view, id, { root: id, previous: null }, { userId });
  return remember(ctx, v, 'published');
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
