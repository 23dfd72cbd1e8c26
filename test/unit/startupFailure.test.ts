import { describe, expect, it } from 'vitest';
import { WebAPIPlatformError, WebAPIRequestError } from '@slack/web-api';
import { startupFailureLine, type StartSettings } from '../../src/startupFailure.js';

const settings: StartSettings = { port: 80, host: '0.0.0.0', emulatorPort: 3001, databasePath: './data/vigil.db', apiUrl: 'https://slack.com/api/', socketMode: true };
const errno = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code}: something`), { code, ...extra });

describe('the one line for a failed start', () => {
  it('names SQLite failures with their code and the setting to change', () => {
    const sqlite = Object.assign(new Error('unable to open database file'), { name: 'SqliteError', code: 'SQLITE_CANTOPEN' });
    expect(startupFailureLine(sqlite, 'build', settings)).toBe(
      'cannot use the database at ./data/vigil.db (SQLITE_CANTOPEN: unable to open database file): make its folder exist and writable by this user, or set DATABASE_PATH to a file that is',
    );
  });

  it('says why a port cannot be had', () => {
    expect(startupFailureLine(errno('EACCES'), 'listen', settings)).toMatch(/^not allowed to listen on port 80 \(Vigil, EACCES\): ports below 1024 need privileges; set PORT/);
    expect(startupFailureLine(errno('EADDRNOTAVAIL'), 'listen', { ...settings, host: '10.9.9.9' })).toMatch(/^cannot listen on HOST=10\.9\.9\.9 \(Vigil, EADDRNOTAVAIL\)/);
  });

  it('tells the bot token from the app token by the step that failed', () => {
    // The Web API's own error classes, as the client throws them.
    const refused = new WebAPIPlatformError({ ok: false, error: 'invalid_auth' });
    expect(startupFailureLine(refused, 'build', settings)).toMatch(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(startupFailureLine(refused, 'listen', settings)).toMatch(/^Slack refused SLACK_APP_TOKEN for Socket Mode \(invalid_auth\)/);
    const down = new WebAPIRequestError(Object.assign(new TypeError('fetch failed'), { cause: errno('ENOTFOUND') }));
    expect(startupFailureLine(down, 'build', settings)).toMatch(/^cannot reach Slack at https:\/\/slack\.com\/api\/ \(ENOTFOUND\)/);
  });

  it('leaves anything else to the catch-all, which prints the message (and the stack only with LOG_LEVEL=debug)', () => {
    expect(startupFailureLine(new Error('something new'), 'build', settings)).toBeUndefined();
    expect(startupFailureLine(errno('EADDRINUSE'), 'build', settings)).toBeUndefined();
  });
});
