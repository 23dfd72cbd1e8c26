// The template files, named `<moment>.<audience>.<form>.hbs`: one per moment, audience and form,
// plus the status page. The names are the contract with a team's override folder, so a file
// there that matches none of them is a typo and refused (loadTemplates.ts).

import { AUDIENCES, UPDATE_MOMENTS, type Audience, type UpdateMoment } from '../domain/stakeholderUpdates.js';

/** The update moments, and the full incident report. */
export const TEMPLATE_MOMENTS = [...UPDATE_MOMENTS, 'report'] as const;
export type TemplateMoment = UpdateMoment | 'report';

/** A Slack message (mrkdwn) or a Markdown document. */
export const TEMPLATE_FORMS = ['slack', 'markdown'] as const;
export type TemplateForm = (typeof TEMPLATE_FORMS)[number];

const FORM_SUFFIX: Record<TemplateForm, string> = { slack: 'slack', markdown: 'md' };

export const STATUS_PAGE_TEMPLATE = 'status-page.html.hbs';

/** The post-incident review (Markdown). */
export const REVIEW_TEMPLATE = 'review.md.hbs';

/** "initial.client.slack.hbs". */
export const templateFileName = (moment: TemplateMoment, audience: Audience, form: TemplateForm): string =>
  `${moment}.${audience}.${FORM_SUFFIX[form]}.hbs`;

export interface UpdateTemplateKey {
  moment: TemplateMoment;
  audience: Audience;
  form: TemplateForm;
}

/** Every moment × audience × form. */
export const UPDATE_TEMPLATE_KEYS: readonly UpdateTemplateKey[] = TEMPLATE_MOMENTS.flatMap((moment) =>
  AUDIENCES.flatMap((audience) => TEMPLATE_FORMS.map((form) => ({ moment, audience, form }))),
);

/** Every file a complete template set has. */
export const TEMPLATE_FILES: readonly string[] = [
  ...UPDATE_TEMPLATE_KEYS.map(({ moment, audience, form }) => templateFileName(moment, audience, form)),
  STATUS_PAGE_TEMPLATE,
  REVIEW_TEMPLATE,
];
