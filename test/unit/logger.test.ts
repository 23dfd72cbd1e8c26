import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';

describe('logger', () => {
  it('never writes a Slack token or a bearer credential, in the message or the fields', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.error('call failed with xoxb-1234-5678-abcdef', { header: 'Bearer local-detector-token', nested: { token: 'xoxp-999-888' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/xox[bp]-|local-detector-token/);
    expect(lines[0]).toContain('[redacted]');
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toEqual([expect.stringContaining('WARN  loud')]);
  });
});
