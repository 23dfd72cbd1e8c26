import { OPERATOR_ACTION_WORDS, type OperatorActionKind } from '../../domain/operatorActions.js';
import type { EventPart } from '../describeEvent.js';
import type { StructuredEvent } from '../timeline.js';

// Deployments and operator actions on the timeline, said in surface-neutral parts. Model names,
// versions, environments and the hook's answers come from outside: always quotes, never markup.

type ModelEvent = Extract<
  StructuredEvent,
  { kind: 'deployment.recorded' | 'operator_action.requested' | 'operator_action.attempted' | 'operator_action.answered' | 'operator_action.recovery_confirmed' }
>;

const text = (value: string): EventPart => ({ type: 'text', text: value });
const quote = (value: string): EventPart => ({ type: 'quote', text: value });
const user = (id: string): EventPart => ({ type: 'user', id });

/** A hook's answer is quoted up to this many characters; the event keeps what was stored. */
const ANSWER_QUOTE_CHARS = 300;

const noun = (action: OperatorActionKind): string => OPERATOR_ACTION_WORDS[action].noun;
const capital = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** "fraud-detector in production from v15 to v14" (the kill switch has no "to"). */
function target(data: { model: string; environment: string; from: string | null; to: string | null }): EventPart[] {
  return [
    quote(data.model),
    text(' in '),
    quote(data.environment),
    text(' from '),
    data.from === null ? text('an unknown version') : quote(data.from),
    ...(data.to === null ? [] : [text(' to '), quote(data.to)]),
  ];
}

function answerParts(status: number | null, answer: string | null, error: string | null): EventPart[] {
  const said = answer ? [text(': '), quote(answer.length > ANSWER_QUOTE_CHARS ? `${answer.slice(0, ANSWER_QUOTE_CHARS)}…` : answer)] : [];
  if (status !== null) return [text(`HTTP ${status}`), ...said];
  return [text('no answer'), ...(error ? [text(' ('), quote(error), text(')')] : [])];
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function describeModelEvent(e: ModelEvent): EventPart[] {
  switch (e.kind) {
    case 'deployment.recorded':
      return [
        text('Deployed '),
        quote(e.data.model),
        text(' '),
        quote(e.data.version),
        text(' to '),
        quote(e.data.environment),
        text(' by '),
        quote(e.data.by),
        text(` at ${e.data.deployedAt.slice(0, 16).replace('T', ' ')} UTC`),
        ...(e.data.artifact ? [text(' (artifact '), quote(e.data.artifact), text(')')] : []),
      ];
    case 'operator_action.requested':
      return [
        user(e.actor),
        text(` confirmed the ${noun(e.data.action)} of `),
        ...target(e.data),
        text(`; sending it to ${hostOf(e.data.url)} (Idempotency-Key ${e.data.idempotencyKey})`),
      ];
    case 'operator_action.attempted':
      return [text(`${capital(noun(e.data.action))}, attempt ${e.data.attempt}: `), ...answerParts(e.data.status, e.data.answer, e.data.error), text('; sending again')];
    case 'operator_action.answered': {
      const head =
        e.data.outcome === 'accepted'
          ? `${capital(noun(e.data.action))} accepted by the hook: `
          : e.data.outcome === 'refused'
            ? `${capital(noun(e.data.action))} refused by the hook: `
            : `${capital(noun(e.data.action))} failed after ${e.data.attempts} attempts: `;
      return [text(head), ...target(e.data), text(' · '), ...answerParts(e.data.status, e.data.answer, e.data.error)];
    }
    case 'operator_action.recovery_confirmed':
      return [user(e.actor), text(` confirmed recovery after the ${noun(e.data.action)}`), ...(e.data.version ? [text(' to '), quote(e.data.version)] : [])];
  }
}
