import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseRunbook, type Runbook } from '../domain/runbooks.js';
import { ConfigError } from './env.js';

const BUILT_IN_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../runbooks');

// A category's runbook is the first that serves it: the general one before the emergency ones.
const BUILT_IN_ORDER = [
  'model-quality-degradation',
  'inference-latency-spike',
  'retrieval-quality-failure',
  'data-pipeline-failure',
  'emergency-model-rollback',
  'emergency-retraining',
];

function readFolder(folder: string): Runbook[] {
  return readdirSync(folder)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const origin = path.join(folder, file);
      try {
        return parseRunbook(parseYaml(readFileSync(origin, 'utf8')), origin);
      } catch (error) {
        throw new ConfigError((error as Error).message.split('\n')[0]!);
      }
    });
}

/** Built-in runbooks, then the team's folder: a team runbook with the same name replaces ours and comes first. */
export function loadRunbooks(teamFolder: string | undefined, cwd: string = process.cwd()): Runbook[] {
  const builtIn = readFolder(BUILT_IN_FOLDER).sort((a, b) => BUILT_IN_ORDER.indexOf(a.name) - BUILT_IN_ORDER.indexOf(b.name));
  if (!teamFolder) return builtIn;
  const folder = path.resolve(cwd, teamFolder);
  if (!existsSync(folder)) throw new ConfigError(`runbooks.folder: ${teamFolder}: no such folder`);
  const team = readFolder(folder);
  const replaced = new Set(team.map((r) => r.name));
  return [...team, ...builtIn.filter((r) => !replaced.has(r.name))];
}
