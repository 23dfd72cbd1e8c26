// The policy every end-to-end test starts from: known tokens and people, default escalation.

export const TOKENS = {
  alertmanager: 'test-alertmanager-token-0123456789',
  detector: 'test-detector-token-0123456789abc',
};

export const PEOPLE = {
  mlPrimary: 'U0MLPRIME',
  mlSecondary: 'U0MLSECOND',
  dataPrimary: 'U0DATAONE',
  dataSecondary: 'U0DATATWO',
  infraPrimary: 'U0INFRAONE',
  infraSecondary: 'U0INFRATWO',
  lead: 'U0LEADER',
  executive: 'U0EXECUTIVE',
  responder: 'U0RESPONDER',
};

export const BASE_POLICY = `
sources:
  - { name: prometheus, kind: alertmanager, token: "${TOKENS.alertmanager}" }
  - { name: evidently, kind: detector, token: "${TOKENS.detector}" }
rotations:
  ml:    { members: [${PEOPLE.mlPrimary}, ${PEOPLE.mlSecondary}] }
  data:  { members: [${PEOPLE.dataPrimary}, ${PEOPLE.dataSecondary}] }
  infra: { members: [${PEOPLE.infraPrimary}, ${PEOPLE.infraSecondary}] }
  lead:  { members: [${PEOPLE.lead}] }
  executives: { members: [${PEOPLE.executive}] }
announce: { channel: C0ANNOUNCE }
`;
