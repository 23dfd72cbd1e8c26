DROP INDEX `alerts_incident_dedup`;--> statement-breakpoint
DROP INDEX `alerts_dedup`;--> statement-breakpoint
DROP INDEX `alerts_incident_received`;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_dedup_incident` ON `alerts` (`dedup_key`,`incident_id`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `last_alert_at` integer;--> statement-breakpoint
-- Incidents open before this migration: when an alert of theirs was last heard from.
UPDATE `incidents` SET `last_alert_at` = (SELECT max(`last_received_at`) FROM `alerts` WHERE `alerts`.`incident_id` = `incidents`.`id`);
