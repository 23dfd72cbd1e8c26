import type { Runbook } from '../../domain/runbooks.js';

/** The heading of a checklist message: the triage list, or a runbook by its title. */
export function checklistTitle(list: string, runbooks: readonly Runbook[] = []): string {
  if (list === 'triage') return 'Triage checklist';
  if (list.startsWith('runbook:')) {
    const name = list.slice('runbook:'.length);
    const runbook = runbooks.find((r) => r.name === name);
    return `Runbook: ${runbook?.title ?? name.replace(/-/g, ' ')}`;
  }
  return list;
}
