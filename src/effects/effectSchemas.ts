import { z } from 'zod';
import type { EffectRow } from '../db/schema/index.js';
import { PAGER_NAMES } from '../domain/pagers.js';
import { isEffectKind, type EffectKind, type EffectPayloads, type NoticeKind } from './effectKinds.js';

/**
 * An effect as the delivery worker sees it: its kind and the payload of that kind. Rows leave the
 * database through parseEffect only, so no handler reads an untyped payload.
 */
export type Effect<K extends EffectKind = EffectKind> = Omit<EffectRow, 'kind' | 'payload'> & { kind: K; payload: EffectPayloads[K] };

const nothing = z.object({});
const userId = z.string().min(1);
const NOTICE_KINDS = [
  'signal_cleared',
  'alert_attached',
  'acknowledged',
  'page_sent',
  'unacknowledged_reminder',
  'severity_changed',
  'category_changed',
  'role_assigned',
  'status_changed',
  'resolved',
  'reopened',
  'note_added',
  'nobody_to_page',
  'action_added',
  'pager_failed',
] as const satisfies readonly NoticeKind[];

/** The shape of each kind's payload; the type checks that each schema yields EffectPayloads[K]. */
const PAYLOAD_SCHEMAS: { [K in EffectKind]: z.ZodType<EffectPayloads[K]> } = {
  'channel.create': nothing,
  'channel.topic': nothing,
  'channel.invite': z.object({ users: z.array(userId) }),
  'summary.post': nothing,
  'summary.refresh': nothing,
  'checklist.post': z.object({ list: z.string().min(1) }),
  'checklist.refresh': z.object({ list: z.string().min(1) }),
  'channel.notice': z.object({ notice: z.enum(NOTICE_KINDS), data: z.record(z.string(), z.unknown()) }),
  'alerts.digest': nothing,
  'announce.post': z.object({ channel: z.string().min(1) }),
  'page.dm': z.object({ userId, stepLabel: z.string(), reason: z.string(), dueAt: z.iso.datetime().optional() }),
  'pages.refresh': nothing,
  'page.usergroup': z.object({ usergroup: z.string().min(1), stepLabel: z.string(), reason: z.string(), dueAt: z.iso.datetime().optional() }),
  'home.publish': z.object({ userId }),
  'declare.confirm': z.object({ userId, origin: z.string().min(1) }),
  'message.capture': z.object({ channelId: z.string().min(1), ts: z.string().min(1), capturedBy: userId, requestedAt: z.iso.datetime() }),
  'update.post': z.object({ updateId: z.number().int().positive(), channel: z.string().min(1).nullable() }),
  'update.approval': z.object({ updateId: z.number().int().positive(), channel: z.string().min(1).nullable() }),
  'update.approval_refresh': z.object({ updateId: z.number().int().positive(), channel: z.string().min(1).nullable() }),
  'review.upload': z.object({ reviewId: z.number().int().positive() }),
  'review.reminder': z.object({ reminder: z.enum(['due_soon', 'overdue']), dueAt: z.iso.datetime() }),
  'update.reminder': z.object({ reminder: z.enum(['due_soon', 'overdue', 'prompt']), dueAt: z.iso.datetime().nullable(), reason: z.string().nullable() }),
  'actions.list': nothing,
  'action.reminder': z.object({ itemId: z.number().int().positive() }),
  'action.reminder_refresh': z.object({ itemId: z.number().int().positive() }),
  'monitor.chart': z.object({ checkId: z.number().int().positive(), model: z.string().min(1), feature: z.string().min(1) }),
  'deployment.notice': z.object({ deploymentId: z.number().int().positive() }),
  'operator_action.send': z.object({ actionId: z.number().int().positive() }),
  'operator_action.notice': z.object({ actionId: z.number().int().positive(), moment: z.enum(['requested', 'answered']) }),
  'pager.trigger': z.object({ pager: z.enum(PAGER_NAMES), stepLabel: z.string(), reason: z.string(), dueAt: z.iso.datetime() }),
  'pager.acknowledge': z.object({ pager: z.enum(PAGER_NAMES) }),
  'pager.resolve': z.object({ pager: z.enum(PAGER_NAMES) }),
};

/** A row this version cannot deliver: a kind it does not know, or a payload not of its kind's shape. */
export class InvalidEffectError extends Error {
  constructor(row: EffectRow, problem: string) {
    super(`effect ${row.id} (${row.kind}) cannot be delivered: ${problem}`);
    this.name = 'InvalidEffectError';
  }
}

function withPayload<K extends EffectKind>(row: EffectRow, kind: K): Effect<K> {
  const parsed = PAYLOAD_SCHEMAS[kind].safeParse(row.payload);
  if (!parsed.success) throw new InvalidEffectError(row, `payload is not of its kind: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  return { ...row, kind, payload: parsed.data };
}

/**
 * The one place a stored effect becomes a typed one. An old row with a kind or payload this
 * version does not accept throws InvalidEffectError, which the worker records as a permanent
 * failure of that effect alone.
 */
export function parseEffect(row: EffectRow): Effect {
  if (!isEffectKind(row.kind)) throw new InvalidEffectError(row, 'unknown kind');
  return withPayload(row, row.kind);
}
