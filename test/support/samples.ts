/** The detector alert of DESIGN.md: a SEV3 data drift on fraud-detector. Spread it to vary a field. */
export const DETECTOR_ALERT = {
  source: 'evidently-prod',
  status: 'firing',
  dedupKey: 'fraud:psi:age',
  title: 'PSI on feature age is 0.31',
  signal: 'data_drift',
  model: { name: 'fraud-detector', version: '2026-11-02' },
  metric: { name: 'psi', value: 0.31, threshold: 0.25 },
  severity: 'SEV3',
  observedAt: '2026-11-22T10:00:00Z',
  startedAt: '2026-11-21T22:00:00Z',
  labels: { team: 'risk' },
  links: [{ title: 'dashboard', url: 'https://evidently.example.com/r/1' }],
};
