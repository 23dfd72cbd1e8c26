/** One thing the doctor found: fine, worth a look, or a problem that will bite at the first incident. */
export type FindingLevel = 'ok' | 'warning' | 'problem';

export interface Finding {
  level: FindingLevel;
  /** What was checked and what was found, naming the field of the policy or the setting. */
  text: string;
  /** What to do about it (warnings and problems). */
  fix?: string;
}

export const ok = (text: string): Finding => ({ level: 'ok', text });
export const warning = (text: string, fix: string): Finding => ({ level: 'warning', text, fix });
export const problem = (text: string, fix: string): Finding => ({ level: 'problem', text, fix });

const MARK: Record<FindingLevel, string> = { ok: '✓', warning: '!', problem: '✗' };

/** One line: the mark, what was found, and the fix. */
export function formatFinding(finding: Finding): string {
  return `${MARK[finding.level]} ${finding.text}${finding.fix ? ` — fix: ${finding.fix}` : ''}`;
}

export function summarize(findings: readonly Finding[]): { problems: number; warnings: number } {
  return {
    problems: findings.filter((f) => f.level === 'problem').length,
    warnings: findings.filter((f) => f.level === 'warning').length,
  };
}
