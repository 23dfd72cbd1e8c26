CREATE TABLE `stakeholder_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`draft_key` text NOT NULL,
	`audience` text NOT NULL,
	`moment` text NOT NULL,
	`state` text NOT NULL,
	`impact` text NOT NULL,
	`components` text NOT NULL,
	`fields` text NOT NULL,
	`also_in_incident_channel` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`slack_text` text NOT NULL,
	`next_update_at` integer,
	`author` text NOT NULL,
	`approved_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`posted_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stakeholder_updates_draft_key` ON `stakeholder_updates` (`draft_key`);--> statement-breakpoint
CREATE INDEX `stakeholder_updates_incident` ON `stakeholder_updates` (`incident_id`,`status`);--> statement-breakpoint
CREATE TABLE `update_cadence` (
	`incident_id` integer PRIMARY KEY NOT NULL,
	`next_due_at` integer,
	`reason` text,
	`last_reminder` text,
	`last_reminded_at` integer,
	`snoozed_until` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `update_cadence_due` ON `update_cadence` (`next_due_at`);