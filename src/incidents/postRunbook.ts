import { and, eq } from 'drizzle-orm';
import { checklistItems } from '../db/schema/index.js';
import { runbookForCategory, runbookSteps, type Runbook } from '../domain/runbooks.js';
import type { Category } from '../domain/types.js';
import { enqueueEffect } from '../effects/outbox.js';
import { VigilError } from '../shared/errors.js';
import { inTransaction, type UseCaseContext } from './context.js';
import { appendTimeline } from './timeline.js';
import { getIncident } from './queries.js';

export type RunbookPosting = { runbook: Runbook; posted: true; steps: number } | { runbook: Runbook; posted: false };

/** The checklist list a runbook's steps live in; its message is found by this name too. */
export const runbookList = (name: string): string => `runbook:${name}`;

/** A runbook by name, or the incident category's own when no name is given. */
export function chooseRunbook(runbooks: readonly Runbook[], category: Category, name?: string): Runbook {
  if (name) {
    const named = runbooks.find((r) => r.name === name);
    if (!named) throw new VigilError('not_found', `There is no runbook with that name. Available: ${runbooks.map((r) => r.name).join(', ')}.`);
    return named;
  }
  const forCategory = runbookForCategory(runbooks, category);
  if (!forCategory) {
    throw new VigilError('not_found', `No runbook serves the ${category} category. Name one: ${runbooks.map((r) => r.name).join(', ')}.`);
  }
  return forCategory;
}

/**
 * Post a runbook into the incident as numbered steps ticked like checklist items. Posting the
 * same runbook again changes nothing: its steps already exist, with whatever was ticked.
 */
export function postRunbook(ctx: UseCaseContext, input: { incidentId: number; userId: string; runbookName?: string }): RunbookPosting {
  return inTransaction(ctx, (tx) => {
    const now = ctx.clock.now();
    const incident = getIncident(tx, input.incidentId);
    const runbook = chooseRunbook(ctx.runbooks, incident.category, input.runbookName);
    const list = runbookList(runbook.name);
    const existing = tx
      .select({ itemId: checklistItems.itemId })
      .from(checklistItems)
      .where(and(eq(checklistItems.incidentId, incident.id), eq(checklistItems.list, list)))
      .get();
    if (existing) return { runbook, posted: false };

    const steps = runbookSteps(runbook);
    tx.insert(checklistItems)
      .values(steps.map((step, position) => ({ incidentId: incident.id, itemId: step.id, list, section: step.section, position, text: step.text })))
      .run();
    appendTimeline(tx, incident.id, now, {
      kind: 'runbook.posted',
      actor: input.userId,
      data: { runbook: runbook.name, title: runbook.title, steps: steps.length },
    });
    enqueueEffect(tx, incident.id, 'checklist.post', { list }, now);
    return { runbook, posted: true, steps: steps.length };
  });
}
