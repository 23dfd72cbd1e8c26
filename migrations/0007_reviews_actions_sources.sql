CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`text` text NOT NULL,
	`owner` text,
	`due_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_by` text,
	`done_at` integer,
	`last_reminded_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_items_open` ON `action_items` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `action_items_incident` ON `action_items` (`incident_id`);--> statement-breakpoint
CREATE INDEX `action_items_owner` ON `action_items` (`owner`,`status`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`version` integer NOT NULL,
	`markdown` text NOT NULL,
	`changes` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_incident_version` ON `reviews` (`incident_id`,`version`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `harm_level` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_due_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_completed_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_reminder` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `timeline_events` ADD `source` text DEFAULT 'timer' NOT NULL;--> statement-breakpoint
ALTER TABLE `timeline_events` ADD `starred` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `timeline_events` ADD `starred_by` text;--> statement-breakpoint
-- Existing events' source, from their actor: a Slack user id is a person in Slack, 'vigil' one of its timers, anything else the name of the alert source that sent it.
UPDATE `timeline_events` SET `source` = CASE WHEN `actor` GLOB '[UW][A-Z0-9][A-Z0-9]*' THEN 'slack' WHEN `actor` = 'vigil' THEN 'timer' ELSE 'alert' END;
