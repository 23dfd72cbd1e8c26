import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, parseEnv, type Env } from './env.js';
import { policyFileSchema } from './policySchema.js';
import { builtInPolicy, policyFromFile, PolicyReferenceError, type Policy } from './policy.js';
import { withDemoDefaults } from './demo.js';

export interface Config {
  env: Env;
  policy: Policy;
  /** The policy file that was read, or undefined when built-in defaults apply. */
  policyPath?: string;
  /** No bot token: Vigil talks to the built-in Slack emulator. */
  emulator: boolean;
}

const DEFAULT_POLICY_FILE = 'vigil.config.yaml';

/** "escalation.default[1].after" from zod's ['escalation','default',1,'after']. */
export function formatIssuePath(segments: ReadonlyArray<PropertyKey>): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const at = formatIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const where = at ? `${at}: ` : '';
    return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${at || '(top level)'}: ${issue.message}`;
}

/** An escalation policy written as a bare list is validated as { steps }: report the path as written. */
function asWritten(issuePath: PropertyKey[], document: unknown): PropertyKey[] {
  const [section, key, steps, ...rest] = issuePath;
  const escalation = (document as { escalation?: Record<string, unknown> } | null)?.escalation;
  if (section === 'escalation' && steps === 'steps' && Array.isArray(escalation?.[String(key)])) return [section, key!, ...rest];
  return issuePath;
}

/** Read, parse and validate the policy file; every failure is one line naming file and field. */
export function loadPolicyFile(filePath: string): Policy {
  const label = path.basename(filePath);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new ConfigError(`${filePath}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    throw new ConfigError(`${label}: not valid YAML: ${firstLine}`);
  }
  const result = policyFileSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${label}: ${issue ? describeZodIssue({ ...issue, path: asWritten(issue.path, document) }) : 'invalid'}`);
  }
  try {
    return policyFromFile(result.data);
  } catch (error) {
    if (error instanceof PolicyReferenceError) throw new ConfigError(`${label}: ${error.path}: ${error.message}`);
    throw error;
  }
}

/** The policy file to read: VIGIL_CONFIG, else ./vigil.config.yaml when there is one, else none (built-in defaults). */
export function policyFilePath(env: Env, cwd: string = process.cwd()): string | undefined {
  if (env.VIGIL_CONFIG) {
    const named = path.resolve(cwd, env.VIGIL_CONFIG);
    if (!existsSync(named)) throw new ConfigError(`VIGIL_CONFIG: ${env.VIGIL_CONFIG}: no such file`);
    return named;
  }
  const usual = path.resolve(cwd, DEFAULT_POLICY_FILE);
  return existsSync(usual) ? usual : undefined;
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const env = parseEnv(rawEnv);
  const emulator = !env.SLACK_BOT_TOKEN;
  const policyPath = policyFilePath(env, cwd);
  const policy = policyPath ? loadPolicyFile(policyPath) : builtInPolicy();
  return {
    env,
    policy: emulator ? withDemoDefaults(policy) : policy,
    ...(policyPath ? { policyPath } : {}),
    emulator,
  };
}
