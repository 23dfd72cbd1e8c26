import { isValidSlackRequest } from '@slack/bolt';
import express, { type Request, type RequestHandler } from 'express';
import type { Logger } from '../shared/logger.js';
import { screenSlackRequest } from './requestEnvelope.js';

/** Bolt's own limit for a request body. */
const MAX_BODY = '4mb';

/**
 * In front of Bolt on /slack/events, after the timestamp check: reads the body once and hands
 * Bolt the same bytes (`req.rawBody`, which Bolt reads instead of the stream). Only a request
 * whose signature is good is answered here, at once: 400 with what is wrong when it is not a
 * Slack request that can be read, 200 when it is one of a kind Vigil never answers. Everything
 * else, forged requests included, goes on to Bolt, whose verification stays the authority.
 */
export function slackRequestGate(signingSecret: string, logger: Logger): RequestHandler {
  // No inflating: the signature covers the bytes as sent, and Slack does not compress.
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY, inflate: false });
  return (req, res, next) => {
    readRaw(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status ?? 400;
        logger.warn('slack: request body could not be read', { error: (error as Error).message });
        res.status(status >= 400 && status < 500 ? status : 400).json({ error: 'unreadable_body' });
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      (req as Request & { rawBody?: Buffer }).rawBody = raw;
      const text = raw.toString('utf8');
      const verified = isValidSlackRequest({
        signingSecret,
        body: text,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
      if (!verified) {
        next();
        return;
      }
      const screening = screenSlackRequest(text, req.headers['content-type']);
      switch (screening.verdict) {
        case 'pass':
          next();
          return;
        case 'malformed':
          logger.warn('slack: refused a signed request that is not a readable Slack request (400)', { issues: screening.issues.slice(0, 5) });
          res.status(400).json({ error: 'malformed_slack_request', issues: screening.issues.slice(0, 20) });
          return;
        case 'unhandled':
          logger.info('slack: Vigil does not handle this kind of request; answered 200', { type: screening.type ?? null });
          res.status(200).end();
          return;
      }
    });
  };
}
