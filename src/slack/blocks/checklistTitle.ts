/** The heading of a checklist message: the triage list, or a runbook by name. */
export function checklistTitle(list: string): string {
  if (list === 'triage') return 'Triage checklist';
  if (list.startsWith('runbook:')) return `Runbook: ${list.slice('runbook:'.length).replace(/-/g, ' ')}`;
  return list;
}
