import type { Pagers } from '../config/policy.js';
import type { Db, Executor } from '../db/executor.js';
import type { IncidentRow } from '../db/schema/index.js';
import { PAGER_WORDS, pagerDedupKey, type PagerAction, type PagerName } from '../domain/pagers.js';
import type { Effect } from '../effects/effectSchemas.js';
import { enqueueEffect } from '../effects/outbox.js';
import { getIncident } from '../incidents/queries.js';
import { appendTimeline } from '../incidents/timeline.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { signedHookHeaders } from '../shared/hookSignature.js';
import { pagerdutyEventBody, webhookPagerBody, type PageContext } from './pagerEvents.js';
import { PagerRefused, postPagerEvent } from './postPagerEvent.js';

// The effect handlers of pages outside Slack. They are registered in EFFECT_HANDLERS beside the
// Slack ones and run by the same durable worker (retries, backoff, one lane per pager and
// incident), but read only what they need: no Slack client.

/** What a pager handler reads of the delivery worker's context. */
export interface PagerDeliveryContext {
  db: Db;
  /** Durable writes of the worker (the group commit); the store directly when absent. */
  commit?: <T>(work: (db: Executor) => T) => Promise<T>;
  clock: Clock;
  logger: Logger;
  /** The pagers of the policy in force now: a routing key or secret changed since the page was queued is used. */
  pagers?: Pagers;
}

type PagerKind = 'pager.trigger' | 'pager.acknowledge' | 'pager.resolve';

export interface PagerAttempt<K extends PagerKind> {
  effect: Effect<K>;
  recovering: boolean;
}

/** The pager is no longer in the policy (removed after the incident began): nothing can be sent. */
class PagerNotConfigured extends Error {
  override name = 'PagerNotConfigured';
}

async function send(pagers: Pagers | undefined, pager: PagerName, incident: IncidentRow, page: PageContext, effectId: number, now: Date): Promise<Record<string, unknown>> {
  if (pager === 'pagerduty') {
    const config = pagers?.pagerduty;
    if (!config) throw new PagerNotConfigured('pagers.pagerduty is not in the policy any more');
    return postPagerEvent(config.url, JSON.stringify(pagerdutyEventBody(config.routingKey, incident, page)), {}, config.timeoutMs);
  }
  const config = pagers?.webhook;
  if (!config) throw new PagerNotConfigured('pagers.webhook is not in the policy any more');
  const body = JSON.stringify(webhookPagerBody(incident, page));
  // One key per effect: every retry of this page carries it, so the receiver can drop a repeat.
  return postPagerEvent(config.url, body, signedHookHeaders(config.secret, body, `vigil-page-${effectId}`, now), config.timeoutMs);
}

/** Say on the timeline and in the channel that a pager refused for good: nobody must believe a phone rang. */
async function recordRefusal(ctx: PagerDeliveryContext, incidentId: number, pager: PagerName, action: PagerAction, error: string): Promise<void> {
  const now = ctx.clock.now();
  const write = (tx: Executor) => {
    appendTimeline(tx, incidentId, now, { kind: 'pager.failed', actor: 'vigil', data: { pager, action, error } });
    enqueueEffect(tx, incidentId, 'channel.notice', { notice: 'pager_failed', data: { pager, action, error } }, now);
  };
  if (ctx.commit) await ctx.commit(write);
  else ctx.db.transaction(write);
}

async function sendToPager<K extends PagerKind>(attempt: PagerAttempt<K>, ctx: PagerDeliveryContext, page: PageContext): Promise<Record<string, unknown>> {
  const { effect } = attempt;
  const pager = effect.payload.pager;
  const incident = getIncident(ctx.db, effect.incidentId!);
  try {
    const answer = await send(ctx.pagers, pager, incident, page, effect.id, new Date());
    const key = typeof answer['dedup_key'] === 'string' ? answer['dedup_key'] : pagerDedupKey(incident.id);
    ctx.logger.info(`pager: ${PAGER_WORDS[pager]} took the ${page.action}`, { incidentId: incident.id, pager, action: page.action, dedupKey: key });
    return { pager, action: page.action, dedupKey: key };
  } catch (error) {
    if (error instanceof PagerRefused || error instanceof PagerNotConfigured) {
      ctx.logger.error(`pager: ${PAGER_WORDS[pager]} refused the ${page.action}: ${error.message}`, { incidentId: incident.id, pager });
      await recordRefusal(ctx, incident.id, pager, page.action, error.message);
    }
    throw error;
  }
}

export const triggerPager = (attempt: PagerAttempt<'pager.trigger'>, ctx: PagerDeliveryContext) =>
  sendToPager(attempt, ctx, { action: 'trigger', step: { label: attempt.effect.payload.stepLabel, reason: attempt.effect.payload.reason } });

export const acknowledgeAtPager = (attempt: PagerAttempt<'pager.acknowledge'>, ctx: PagerDeliveryContext) => sendToPager(attempt, ctx, { action: 'acknowledge' });

export const resolveAtPager = (attempt: PagerAttempt<'pager.resolve'>, ctx: PagerDeliveryContext) => sendToPager(attempt, ctx, { action: 'resolve' });
