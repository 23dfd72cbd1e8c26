import path from 'node:path';
import type { Env } from '../config/env.js';
import { ConfigError } from '../config/env.js';
import { loadRunbooks } from '../config/loadRunbooks.js';
import type { Policy } from '../config/policy.js';
import { loadTemplates } from '../comms/loadTemplates.js';
import type { AppManifest } from '../slack/manifest.js';
import { ok, problem, type Finding } from './finding.js';
import { checkConnection, checkRotations, checkSources } from './policyChecks.js';
import { policyReferences } from './policyReferences.js';
import { checkWorkspace } from './workspaceChecks.js';
import { webApiProbe, type WorkspaceProbe } from './workspaceProbe.js';

export interface DoctorInput {
  env: Env;
  /** The policy as the file says it, without emulator mode's demo people and tokens. */
  policy: Policy;
  /** The policy file read; undefined when Vigil runs on built-in defaults. */
  policyPath?: string;
  manifest: AppManifest;
  /** How the workspace is asked; by default the Web API with SLACK_BOT_TOKEN. */
  probe?: WorkspaceProbe;
}

const SLACK_API = 'https://slack.com/api/';

/** The runbook folder and template overrides the policy names load, as they will at start. */
function checkFiles(policy: Policy, label: string): Finding[] {
  const findings: Finding[] = [];
  for (const [what, load] of [
    ['runbooks', () => loadRunbooks(policy.runbooksFolder)],
    ['templates', () => loadTemplates(policy.stakeholders.templatesFolder)],
  ] as const) {
    try {
      load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      findings.push(problem(`${label}: ${error.message}`, `fix the ${what} it names, or remove that setting`));
    }
  }
  return findings;
}

/**
 * Everything that can be known before the first incident: the settings, the policy on its own,
 * and (with a bot token) the workspace it names. One finding per line, problems first to fix.
 */
export async function runDoctor(input: DoctorInput): Promise<Finding[]> {
  const { env, policy } = input;
  const label = input.policyPath ? path.basename(input.policyPath) : 'built-in defaults';
  const findings: Finding[] = [];
  if (input.policyPath) findings.push(ok(`policy: ${input.policyPath}`));
  else {
    findings.push(problem('no policy file: built-in defaults have no sources and nobody on call', 'cp vigil.config.example.yaml vigil.config.yaml, fill in your ids, or point VIGIL_CONFIG at your file'));
  }
  findings.push(
    ...checkConnection({
      ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.VIGIL_PUBLIC_URL ? { publicUrl: env.VIGIL_PUBLIC_URL } : {}),
    }),
  );
  findings.push(...checkSources(policy, label), ...checkRotations(policy, label), ...checkFiles(policy, label));
  if (env.SLACK_BOT_TOKEN) {
    const probe = input.probe ?? webApiProbe(env.SLACK_BOT_TOKEN, env.SLACK_API_URL);
    findings.push(
      ...(await checkWorkspace(probe, {
        references: policyReferences(policy),
        manifestScopes: input.manifest.botScopes,
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        policyLabel: label,
        apiUrl: env.SLACK_API_URL ?? SLACK_API,
      })),
    );
  }
  return findings;
}
