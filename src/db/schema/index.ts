export * from './incidents.js';
export * from './alerts.js';
export * from './timeline.js';
export * from './effects.js';
export * from './checklists.js';
export * from './slackMessages.js';
export * from './escalation.js';
export * from './roles.js';
