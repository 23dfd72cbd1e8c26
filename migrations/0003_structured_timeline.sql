-- The timeline becomes data: each event keeps its kind's facts in `data`, and every surface
-- renders them (Slack from src/slack/blocks/timelineText.ts). Old rows carried a Slack-formatted
-- `summary`; this fills from it, and from the alerts and the incidents, what the renderers need.
-- A row whose facts cannot all be recovered keeps its old summary as `data.legacyText`, shown as
-- it was. Then `summary` is dropped.

-- Data that is not a JSON object (never written by Vigil) is kept as the old summary only.
UPDATE `timeline_events` SET `data` = json_object('legacyText', `summary`) WHERE json_valid(`data`) = 0 OR json_type(`data`) IS NOT 'object';
--> statement-breakpoint
-- Alerts: the title, from the alert itself (the old summary held it with its angle brackets altered).
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.title', (SELECT `title` FROM `alerts` WHERE `alerts`.`id` = json_extract(`timeline_events`.`data`, '$.alertId')))
WHERE `kind` IN ('alert.attached', 'alert.resolved') AND json_type(`data`, '$.title') IS NULL
  AND EXISTS (SELECT 1 FROM `alerts` WHERE `alerts`.`id` = json_extract(`timeline_events`.`data`, '$.alertId'));
--> statement-breakpoint
-- Checklist items: the item's text, which the summary held whole after "Done: " or "Reopened: ".
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.text', substr(`summary`, 7))
WHERE `kind` = 'checklist.checked' AND json_type(`data`, '$.text') IS NULL AND `summary` LIKE 'Done: %';
--> statement-breakpoint
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.text', substr(`summary`, 11))
WHERE `kind` = 'checklist.unchecked' AND json_type(`data`, '$.text') IS NULL AND `summary` LIKE 'Reopened: %';
--> statement-breakpoint
-- Pages: a page to people only had no user groups.
UPDATE `timeline_events` SET `data` = json_insert(`data`, '$.usergroups', json('[]'))
WHERE `kind` = 'page.sent';
--> statement-breakpoint
-- Planned steps: how long after the declaration each was due (what the planned line shows).
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.steps', (
  SELECT json_group_array(json_set(`step`.`value`, '$.afterMs',
    CAST(round((julianday(json_extract(`step`.`value`, '$.dueAt')) - julianday(`incidents`.`declared_at` / 1000.0, 'unixepoch')) * 86400000) AS INTEGER)))
  FROM json_each(`timeline_events`.`data`, '$.steps') AS `step`, `incidents`
  WHERE `incidents`.`id` = `timeline_events`.`incident_id`))
WHERE `kind` = 'escalation.planned' AND json_type(`data`, '$.steps') = 'array';
--> statement-breakpoint
-- A re-plan after a severity change said the severity: "Escalation re-planned for SEV2: ...".
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.severity', substr(`summary`, 27, 4))
WHERE `kind` = 'escalation.planned' AND `summary` LIKE 'Escalation re-planned for SEV_:%';
--> statement-breakpoint
-- Cancelled steps: their labels, as the summary listed them ("Cancelled L2, L3 (acknowledged)"), kept as one entry.
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.labels', json_array(substr(`summary`, 11, length(`summary`) - 10 - length(' (' || json_extract(`data`, '$.because') || ')'))))
WHERE `kind` = 'escalation.cancelled' AND json_type(`data`, '$.labels') IS NULL AND `summary` LIKE 'Cancelled % (' || json_extract(`data`, '$.because') || ')';
--> statement-breakpoint
-- Reasons were left out when there was none.
UPDATE `timeline_events` SET `data` = json_insert(`data`, '$.reason', NULL)
WHERE `kind` IN ('severity.changed', 'status.changed', 'incident.reopened');
--> statement-breakpoint
-- Whatever still lacks a fact its renderer needs keeps its old summary, shown as it was.
UPDATE `timeline_events` SET `data` = json_set(`data`, '$.legacyText', `summary`)
WHERE (`kind` = 'incident.declared' AND json_type(`data`, '$.title') IS NOT 'text')
  OR (`kind` = 'incident.classified' AND (json_type(`data`, '$.severity') IS NOT 'text' OR json_type(`data`, '$.category') IS NOT 'text'))
  OR (`kind` IN ('alert.attached', 'alert.resolved') AND json_type(`data`, '$.title') IS NOT 'text')
  OR (`kind` = 'oncall.invited' AND (json_type(`data`, '$.users') IS NOT 'array' OR json_type(`data`, '$.rotation') IS NOT 'text'))
  OR (`kind` IN ('checklist.checked', 'checklist.unchecked') AND json_type(`data`, '$.text') IS NOT 'text')
  OR (`kind` = 'page.sent' AND (json_type(`data`, '$.users') IS NOT 'array' OR json_type(`data`, '$.usergroups') IS NOT 'array' OR json_type(`data`, '$.step') IS NOT 'text' OR json_type(`data`, '$.target') IS NOT 'text'))
  OR (`kind` IN ('page.nobody', 'escalation.manual') AND (json_type(`data`, '$.step') IS NOT 'text' OR json_type(`data`, '$.target') IS NOT 'text'))
  OR (`kind` = 'escalation.planned' AND (json_type(`data`, '$.steps') IS NOT 'array' OR EXISTS (SELECT 1 FROM json_each(`timeline_events`.`data`, '$.steps') AS `step` WHERE json_type(`step`.`value`, '$.afterMs') IS NOT 'integer' OR json_type(`step`.`value`, '$.label') IS NOT 'text')))
  OR (`kind` = 'escalation.cancelled' AND (json_type(`data`, '$.labels') IS NOT 'array' OR json_type(`data`, '$.because') IS NOT 'text'))
  OR (`kind` = 'reminder.sent' AND json_type(`data`, '$.elapsed') IS NOT 'text')
  OR (`kind` IN ('severity.changed', 'status.changed', 'category.changed') AND (json_type(`data`, '$.from') IS NOT 'text' OR json_type(`data`, '$.to') IS NOT 'text'))
  OR (`kind` = 'category.changed' AND (json_type(`data`, '$.rotation') IS NOT 'text' OR json_type(`data`, '$.routesTo') IS NOT 'text'))
  OR (`kind` = 'role.assigned' AND (json_type(`data`, '$.role') IS NOT 'text' OR json_type(`data`, '$.userId') IS NOT 'text' OR json_type(`data`, '$.by') IS NOT 'text'))
  OR (`kind` = 'note.added' AND json_type(`data`, '$.text') IS NOT 'text')
  OR (`kind` = 'message.captured' AND (json_type(`data`, '$.author') IS NOT 'text' OR json_type(`data`, '$.text') IS NOT 'text' OR json_type(`data`, '$.via') IS NOT 'text'))
  OR (`kind` = 'runbook.posted' AND (json_type(`data`, '$.title') IS NOT 'text' OR json_type(`data`, '$.steps') IS NOT 'integer'))
  OR (`kind` = 'incident.resolved' AND json_type(`data`, '$.summary') IS NOT 'text')
  OR (`kind` = 'permission.refused' AND json_type(`data`, '$.permission') IS NOT 'text')
  OR `kind` NOT IN ('incident.declared', 'incident.classified', 'alert.attached', 'alert.resolved', 'oncall.invited', 'checklist.checked',
    'checklist.unchecked', 'page.sent', 'page.nobody', 'escalation.planned', 'escalation.cancelled', 'escalation.manual', 'reminder.sent',
    'incident.acknowledged', 'severity.changed', 'category.changed', 'status.changed', 'role.assigned', 'note.added', 'message.captured',
    'runbook.posted', 'incident.resolved', 'incident.reopened', 'permission.refused');
--> statement-breakpoint
-- Surfaces render the timeline from `data`; the Slack-formatted summary goes.
ALTER TABLE `timeline_events` DROP COLUMN `summary`;
