// Stakeholder updates through Slack, as a responder does them: the policy with audience
// channels, a complete form, the pushed preview, and an update drafted, sent and approved.

import type { EmuView } from '@vigil/slack-emulator';
import { Harness, fixture, type HttpAnswer } from './harness.js';
import { PEOPLE } from './testPolicy.js';
import { lastModal, select, submitView, text, type FieldState } from './surfacePayloads.js';

/** Audience channels (clients approved by the commander) and a status page title. */
export const UPDATES_POLICY = `
stakeholders:
  channel: C0STAKE
  audiences:
    client: { channel: C0CLIENTS, approval: commander }
    executive: { channel: C0EXEC }
statusPage: { title: "Acme ML status" }
`;

/** The answer's pushed view, as the preview a person would see and submit. */
export function pushedView(answer: HttpAnswer, userId: string): EmuView {
  const body = answer.body as { response_action?: string; view?: Record<string, unknown> };
  if (body?.response_action !== 'push' || !body.view) throw new Error(`expected a pushed preview, got ${answer.status} ${answer.text}`);
  return { id: 'V-preview', userId, type: 'modal', view: body.view, via: 'response_push' };
}

/** A complete form, the values a responder would type; `overrides` replace or blank fields. */
export function updateForm(audience: string, overrides: Record<string, FieldState> = {}): Record<string, FieldState> {
  return {
    audience: select(audience),
    state: select('investigating'),
    impact: select('major'),
    components: text('Fraud scoring, fraud-detector'),
    headline: text('Fraud scores less accurate than usual'),
    userImpact: text('Some transactions are flagged for review that should not be.'),
    actions: text('We are rolling back to the previous model.'),
    workaround: text('Approve flagged transactions under $50 by hand.'),
    businessImpact: text('Review queue doubled; no revenue lost yet.'),
    ...overrides,
  };
}

export async function openIncident(h: Harness): Promise<{ incidentId: number; summary: { ts: string; channel: string; blocks?: unknown[] } }> {
  const res = await h.webhook('alertmanager', fixture('alertmanager-firing.json'));
  await h.settle();
  const incidentId = (res.body as { incidentId: number }).incidentId;
  return { incidentId, summary: h.channelMessages(incidentId)[0]! };
}

/** A Vigil with the audience channels of UPDATES_POLICY in its workspace. */
export async function startWithUpdateChannels(policy = UPDATES_POLICY): Promise<Harness> {
  const h = await Harness.start({ policy });
  for (const [name, id] of [['stakeholders', 'C0STAKE'], ['clients', 'C0CLIENTS'], ['exec', 'C0EXEC']] as const) h.emulator.addChannel({ name, id });
  return h;
}

/** Draft and send an update from the summary; a client one is approved by a commander. */
export async function postUpdate(h: Harness, incidentId: number, audience: string, fields = updateForm(audience)): Promise<void> {
  const summary = h.channelMessages(incidentId)[0]!;
  await h.click(summary, 'update:draft');
  await h.settle();
  const answer = await submitView(h, lastModal(h), fields);
  await submitView(h, pushedView(answer, PEOPLE.responder), {});
  await h.settle();
  if (audience !== 'client') return;
  await h.type(`role commander <@${PEOPLE.lead}>`, { channel: summary.channel });
  const approval = h.channelMessages(incidentId).findLast((m) => JSON.stringify(m.blocks ?? []).includes('update:approve'))!;
  await h.click(approval, 'update:approve', { user: PEOPLE.lead });
  await h.settle();
}
