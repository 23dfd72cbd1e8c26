import type { Executor } from '../../db/executor.js';
import type { AlertRow, IncidentRow, OperatorActionRow } from '../../db/schema/index.js';
import type { VersionFacts } from '../../domain/modelVersions.js';
import { operatorActionsOf } from '../operatorActions/operatorActionQueries.js';
import { incidentVersionsOf } from './incidentVersions.js';

/** What a surface shows of an incident's model: its versions, and the rollbacks and kill switches asked for. */
export interface ModelState {
  versions: VersionFacts;
  /** Newest first. */
  actions: OperatorActionRow[];
}

export function modelStateOf(db: Executor, incident: IncidentRow, alerts: readonly AlertRow[]): ModelState | undefined {
  const versions = incidentVersionsOf(db, incident, alerts);
  return versions ? { versions, actions: operatorActionsOf(db, incident.id) } : undefined;
}
