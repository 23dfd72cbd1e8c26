import path from 'node:path';
import type { Config } from './config/load.js';

/**
 * Emulator mode's "try it" lines (the terminal banner and the emulator page's banner): the curl
 * that fires the sample alert with a token Vigil actually accepts, the policy file's own when it
 * defines sources, the demo's otherwise. Local only: emulator mode listens on 127.0.0.1.
 */
export function fireAlertHints(config: Config, vigilUrl: string): string[] {
  const from = config.policyPath ? ` (source "%s" of ${path.basename(config.policyPath)})` : ' (a demo token)';
  const curl = (route: string, token: string, sample: string) => [
    `curl -s -X POST ${vigilUrl}/webhooks/${route} \\`,
    `  -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\`,
    `  -d @examples/${sample}`,
  ];
  const detector = config.policy.sources.find((s) => s.kind === 'detector');
  if (detector) return [`Fire a sample alert${from.replace('%s', detector.name)}:`, ...curl('detector', detector.token, 'detector-alert.json')];
  const alertmanager = config.policy.sources.find((s) => s.kind === 'alertmanager');
  if (alertmanager) return [`Fire a sample alert${from.replace('%s', alertmanager.name)}:`, ...curl('alertmanager', alertmanager.token, 'alertmanager-firing.json')];
  return [`No detector or alertmanager source in ${config.policyPath ? path.basename(config.policyPath) : 'the policy'}: add one under sources: to fire alerts, or type /incident declare in the page.`];
}
