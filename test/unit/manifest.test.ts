import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/slack/blocks/callbackIds.js';
import { LISTENERS } from '../../src/slack/registerListeners.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Manifest {
  display_information: { name: string };
  features: { slash_commands: Array<{ command: string; url: string; should_escape?: boolean }>; shortcuts: Array<{ callback_id: string; type: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
}

const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

/** Every source file under src/slack, concatenated: what the code actually does. */
function slackSources(dir = path.join(ROOT, 'src/slack')): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? slackSources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(path.join(dir, entry.name), 'utf8') : ''))
    .join('\n');
}

describe('manifest.yml', () => {
  it('routes /incident, interactivity and events to /slack/events', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    const command = manifest.features.slash_commands.find((c) => c.command === '/incident')!;
    expect(command.url).toMatch(/\/slack\/events$/);
    // Mentions arrive as <@U..> ids only when Slack escapes them.
    expect(command.should_escape).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
  });

  it('declares the shortcuts the code answers', () => {
    expect(manifest.features.shortcuts.map((s) => s.callback_id)).toEqual([SHORTCUTS.addToTimeline, SHORTCUTS.starForReview]);
    expect(LISTENERS.flatMap((l) => (l.kind === 'shortcut' ? [l.callbackId] : []))).toEqual([SHORTCUTS.addToTimeline, SHORTCUTS.starForReview]);
  });

  it('declares the slash commands the code answers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(LISTENERS.flatMap((l) => (l.kind === 'command' ? [l.command] : [])));
  });

  it('subscribes to exactly the events the code listens to', () => {
    const listened = LISTENERS.flatMap((l) => (l.kind === 'event' ? [l.event] : [])).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(listened);
  });

  it('asks for a scope for every Web API family the code calls, and no scope it does not use', () => {
    const code = slackSources();
    const needs: Record<string, RegExp> = {
      'chat:write': /chat\.(postMessage|update|postEphemeral)/,
      'channels:manage': /conversations\.(create|setTopic|invite)/,
      'groups:write': /is_private/,
      'channels:read': /conversations\.list/,
      'channels:join': /conversations\.join/,
      'channels:history': /conversations\.history/,
      'im:write': /conversations\.open/,
      'pins:write': /pins\.add/,
      'usergroups:read': /usergroups\.users\.list/,
      'files:write': /files\.uploadV2/,
      'reactions:read': /'reaction_added'/,
      'pins:read': /'pin_added'/,
    };
    for (const [scope, usage] of Object.entries(needs)) {
      expect(code, `code that needs ${scope}`).toMatch(usage);
      expect(manifest.oauth_config.scopes.bot, `scope ${scope}`).toContain(scope);
    }
    // users:read only for the doctor, which checks every person the policy names (users.info).
    expect(code).not.toMatch(/client\.users\./);
    expect(readFileSync(path.join(ROOT, 'src/doctor/workspaceProbe.ts'), 'utf8')).toMatch(/client\.users\.info/);
    expect(manifest.oauth_config.scopes.bot.filter((s) => s.startsWith('users:'))).toEqual(['users:read']);
  });
});

describe('manifest.socket-mode.yml', () => {
  const socket = parse(readFileSync(path.join(ROOT, 'manifest.socket-mode.yml'), 'utf8')) as Manifest & { settings: { socket_mode_enabled: boolean } };

  /** A manifest without what tells Socket Mode from HTTP: the Request URLs and the switch. */
  const withoutTransport = (m: Manifest): unknown => {
    const copy = structuredClone(m) as unknown as Record<string, Record<string, unknown>>;
    const features = copy['features'] as { slash_commands: Array<Record<string, unknown>> };
    features.slash_commands = features.slash_commands.map(({ url: _url, ...rest }) => rest);
    const settings = copy['settings'] as Record<string, Record<string, unknown>>;
    delete settings['event_subscriptions']!['request_url'];
    delete settings['interactivity']!['request_url'];
    delete settings['socket_mode_enabled'];
    return copy;
  };

  it('turns Socket Mode on and asks Slack for no URL', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('https://');
  });

  it('is manifest.yml in every other respect: same commands, shortcuts, scopes and events', () => {
    expect(withoutTransport(socket)).toEqual(withoutTransport(manifest));
  });
});
