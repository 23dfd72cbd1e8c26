// What the public status page shows: open incidents and recently resolved ones, each with the
// updates posted to clients. Only client-facing words reach it; the status-page template has no
// way to show a responder, a note or a model metric because this data does not carry them.

import type { ImpactLevel, UpdateFields, UpdateState } from '../domain/stakeholderUpdates.js';

/** The fields of a client update the page shows; the rest stay in the channel. */
export const STATUS_PAGE_FIELDS = ['userImpact', 'actions', 'workaround', 'actionRequired', 'dataImpact'] as const;
export type StatusPageField = (typeof STATUS_PAGE_FIELDS)[number];

export interface StatusUpdate {
  postedAt: Date;
  state: UpdateState;
  impact: ImpactLevel;
  fields: Pick<UpdateFields, StatusPageField>;
  nextUpdateAt?: Date;
}

export interface StatusIncident {
  /** The client headline of the latest update, never the detector's title. */
  headline: string;
  components: string[];
  state: UpdateState;
  impact: ImpactLevel;
  startedAt: Date;
  resolvedAt?: Date;
  /** Newest first. */
  updates: StatusUpdate[];
}

export interface StatusPageData {
  title: string;
  generatedAt: Date;
  /** The IANA zone the page states times in. */
  timeZone: string;
  open: StatusIncident[];
  resolved: StatusIncident[];
}

/** Only the client-facing fields of an update's fields, so nothing else can leak by accident. */
export function statusPageFields(fields: Partial<UpdateFields>): StatusUpdate['fields'] {
  const shown: Partial<Record<StatusPageField, string>> = {};
  for (const name of STATUS_PAGE_FIELDS) {
    const value = fields[name];
    if (value) shown[name] = value;
  }
  return shown as StatusUpdate['fields'];
}
