import type { RequestHandler } from 'express';
import type { Logger } from '../shared/logger.js';

/** Slack's verification guide: refuse a request dated more than 5 minutes from now, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

// Whole unix seconds, as Slack sends them: no sign, fraction, exponent or padding.
const WHOLE_SECONDS = /^[0-9]{1,12}$/;

/**
 * What is wrong with an `x-slack-request-timestamp`, or undefined when it is fine. Bolt refuses
 * only the past; a signed request dated in the future could otherwise be replayed for as long
 * as its date is ahead. Slack signs against real time, so this reads the wall clock, not the
 * domain clock tests move.
 */
export function timestampProblem(header: string | string[] | undefined, nowMs: number = Date.now()): string | undefined {
  if (typeof header !== 'string' || !WHOLE_SECONDS.test(header)) return 'x-slack-request-timestamp is not whole unix seconds';
  const skew = Number(header) - Math.floor(nowMs / 1000);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return `x-slack-request-timestamp is ${skew} s in the future`;
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return `x-slack-request-timestamp is ${-skew} s old`;
  return undefined;
}

/** In front of Bolt on /slack/events: 401 for a timestamp out of range, before the body is read. */
export function requestTimestampCheck(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const problem = timestampProblem(req.headers['x-slack-request-timestamp']);
    if (!problem) {
      next();
      return;
    }
    logger.warn(`slack: request refused: ${problem}`);
    res.status(401).json({ error: 'invalid_request_timestamp' });
  };
}
