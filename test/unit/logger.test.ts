import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { withRequest } from '../../src/shared/requestContext.js';

const collect = (level: 'debug' | 'warn', pretty = false) => {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, { write: (line) => lines.push(line), pretty }) };
};

describe('logger', () => {
  it('never writes a Slack token or a bearer credential, in the message or the fields', () => {
    const { lines, logger } = collect('debug');
    logger.error('call failed with xoxb-1234-5678-abcdef', { header: 'Bearer local-detector-token', nested: { token: 'xoxp-999-888' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xox[bp]-|local-detector-token/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('writes one JSON line per event, and drops lines below its level', () => {
    const { lines, logger } = collect('warn');
    logger.info('quiet');
    logger.warn('loud', { incidentId: 4 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'loud', incidentId: 4, time: expect.any(String) });
  });

  it('marks every line written while serving a request with its request id, in callbacks too', async () => {
    const { lines, logger } = collect('debug');
    await withRequest({ requestId: 'req-42' }, async () => {
      logger.info('received');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('stored');
    });
    logger.info('outside');
    expect(lines.map((line) => JSON.parse(line).requestId)).toEqual(['req-42', 'req-42', undefined]);
  });

  it('reads as plain text for a person in emulator mode', () => {
    const { lines, logger } = collect('debug', true);
    logger.warn('slack is slow', { ms: 1200 });
    expect(lines.join('')).toContain('slack is slow');
    expect(lines.join('')).not.toMatch(/^\{/);
  });
});
