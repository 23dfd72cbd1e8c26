import type { Policy } from '../config/policy.js';
import { DEMO_SOURCES } from '../config/demo.js';
import { ok, problem, warning, type Finding } from './finding.js';

// The checks that need no Slack: what the policy file and the settings say on their own.

const NEW_TOKEN = 'openssl rand -hex 24';
/** The placeholder tokens of vigil.config.example.yaml, which work as copied and must not stay. */
const PLACEHOLDER = /change-me/i;

export interface ConnectionSettings {
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  publicUrl?: string;
}

/** The bot token, and how Slack reaches Vigil: Socket Mode (app token) or a public URL (signing secret). */
export function checkConnection(settings: ConnectionSettings): Finding[] {
  const findings: Finding[] = [];
  if (!settings.botToken) {
    findings.push(problem('SLACK_BOT_TOKEN is not set: Vigil would start its local emulator, not join your workspace', "copy the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page at api.slack.com/apps"));
  }
  if (settings.appToken) {
    findings.push(ok(`Socket Mode: Slack's traffic comes over a connection Vigil opens with SLACK_APP_TOKEN; no public URL needed${settings.signingSecret ? ' (SLACK_SIGNING_SECRET is not used)' : ''}`));
  } else if (settings.signingSecret) {
    const where = settings.publicUrl ? `${settings.publicUrl.replace(/\/$/, '')}/slack/events` : 'https://<your host>/slack/events';
    findings.push(ok(`HTTP mode: Slack must reach ${where} (slash command, interactivity and event Request URLs in the app's settings)`));
  } else {
    findings.push(
      problem(
        'neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: Slack has no way to reach Vigil',
        "Socket Mode (no public URL): create an app-level token with connections:write under Basic Information → App-Level Tokens and set SLACK_APP_TOKEN; or set SLACK_SIGNING_SECRET from Basic Information → App Credentials and give Slack a public HTTPS URL",
      ),
    );
  }
  return findings;
}

export function checkSources(policy: Policy, policyLabel: string): Finding[] {
  if (policy.sources.length === 0) {
    return [problem(`${policyLabel}: no sources: every webhook is refused (401)`, `add one under sources: per sender, e.g. { name: prometheus, kind: alertmanager, token: "<${NEW_TOKEN}>" }`)];
  }
  const findings: Finding[] = [];
  const demoTokens = new Set<string>(DEMO_SOURCES.map((s) => s.token));
  for (const [index, source] of policy.sources.entries()) {
    const at = `${policyLabel}: sources[${index}] (${source.name})`;
    if (demoTokens.has(source.token)) findings.push(problem(`${at} uses a demo token printed in the README`, `give it a token of its own: ${NEW_TOKEN}`));
    else if (PLACEHOLDER.test(source.token)) findings.push(problem(`${at} still has the example's placeholder token`, `replace it with a token of its own: ${NEW_TOKEN}`));
  }
  const kinds = [...new Set(policy.sources.map((s) => s.kind))].join(', ');
  if (findings.length === 0) findings.push(ok(`${policyLabel}: ${policy.sources.length} source${policy.sources.length === 1 ? '' : 's'} (${kinds})`));
  return findings;
}

/** Which rotations each category and each escalation step lean on. */
function rotationUse(policy: Policy): Map<string, { categories: string[]; steps: string[]; secondary: boolean }> {
  const use = new Map<string, { categories: string[]; steps: string[]; secondary: boolean }>();
  const entry = (name: string) => {
    let e = use.get(name);
    if (!e) {
      e = { categories: [], steps: [], secondary: false };
      use.set(name, e);
    }
    return e;
  };
  const usesSecondary = Object.values(policy.escalation).some((e) => e.steps.some((s) => s.notify.kind === 'secondary'));
  for (const [category, rotation] of Object.entries(policy.routing)) {
    const e = entry(rotation);
    e.categories.push(category);
    if (usesSecondary) e.secondary = true;
  }
  for (const [key, escalation] of Object.entries(policy.escalation)) {
    escalation.steps.forEach((step, index) => {
      if (step.notify.kind === 'rotation') entry(step.notify.rotation).steps.push(`escalation.${key}[${index}]${step.label ? ` (${step.label})` : ''}`);
    });
  }
  return use;
}

/** Every rotation someone is paged from has members; every category routes to one that does. */
export function checkRotations(policy: Policy, policyLabel: string): Finding[] {
  const findings: Finding[] = [];
  const use = rotationUse(policy);
  for (const [name, rotation] of Object.entries(policy.rotations)) {
    const used = use.get(name);
    const members = rotation.members.length;
    if (members === 0 && used && used.categories.length > 0) {
      findings.push(problem(`${policyLabel}: rotations.${name} has no members, so ${used.categories.join(', ')} incidents page nobody`, `list user ids under rotations.${name}.members, or route those categories to another rotation under routing:`));
    } else if (members === 0 && used && used.steps.length > 0) {
      findings.push(problem(`${policyLabel}: rotations.${name} has no members, so ${used.steps.join(', ')} pages nobody`, `list user ids under rotations.${name}.members, or change that step under escalation:`));
    } else if (members === 1 && used?.secondary) {
      findings.push(warning(`${policyLabel}: rotations.${name} has one member, so the secondary step pages nobody for ${used.categories.join(', ')} incidents`, `add a second member to rotations.${name}.members`));
    } else if (members === 0 && !used) {
      findings.push(warning(`${policyLabel}: rotations.${name} has no members and nothing routes to it`, `remove it, or route a category to it under routing:`));
    }
  }
  const routed = Object.entries(policy.routing).filter(([, rotation]) => (policy.rotations[rotation]?.members.length ?? 0) > 0);
  if (routed.length === Object.keys(policy.routing).length) {
    findings.push(ok(`${policyLabel}: every category routes to a rotation with members (${Object.entries(policy.routing).map(([c, r]) => `${c} → ${r}`).join(', ')})`));
  }
  return findings;
}
