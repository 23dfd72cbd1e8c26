// `npm run doctor`: check the settings, the policy file and the workspace it names, one line per
// finding with its fix; exit 1 when anything is a problem. Reads the same environment as `npm start`.
import { ConfigError, parseEnvFields } from '../config/env.js';
import { loadPolicyFile, policyFilePath } from '../config/load.js';
import { builtInPolicy } from '../config/policy.js';
import { readManifest } from '../slack/manifest.js';
import { formatFinding, summarize } from './finding.js';
import { runDoctor } from './runDoctor.js';

async function doctor(): Promise<number> {
  let env;
  let policyPath;
  let policy;
  try {
    // A missing signing secret or app token is a finding with its fix, not a refusal to look.
    env = parseEnvFields(process.env);
    policyPath = policyFilePath(env);
    policy = policyPath ? loadPolicyFile(policyPath) : builtInPolicy();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stdout.write(`✗ configuration error: ${error.message}\n`);
    return 1;
  }
  const findings = await runDoctor({ env, policy, ...(policyPath ? { policyPath } : {}), manifest: readManifest() });
  for (const finding of findings) process.stdout.write(formatFinding(finding) + '\n');
  const { problems, warnings } = summarize(findings);
  const verdict = problems > 0 ? `${problems} problem${problems === 1 ? '' : 's'}` : 'no problems';
  process.stdout.write(`vigil doctor: ${verdict}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return problems > 0 ? 1 : 0;
}

doctor().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const debug = process.env['LOG_LEVEL'] === 'debug';
    process.stderr.write(`vigil doctor: failed: ${debug ? ((error as Error).stack ?? String(error)) : (error as Error).message}\n`);
    process.exit(1);
  },
);
