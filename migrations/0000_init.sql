CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_kind` text NOT NULL,
	`dedup_key` text NOT NULL,
	`group_key` text,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`signal` text NOT NULL,
	`model_name` text,
	`model_version` text,
	`metric_name` text,
	`metric_value` real,
	`metric_threshold` real,
	`severity_hint` text,
	`category_hint` text,
	`labels` text NOT NULL,
	`annotations` text NOT NULL,
	`links` text NOT NULL,
	`raw` text NOT NULL,
	`started_at` integer,
	`observed_at` integer NOT NULL,
	`ended_at` integer,
	`first_received_at` integer NOT NULL,
	`last_received_at` integer NOT NULL,
	`receive_count` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_incident_dedup` ON `alerts` (`incident_id`,`dedup_key`);--> statement-breakpoint
CREATE INDEX `alerts_dedup` ON `alerts` (`dedup_key`);--> statement-breakpoint
CREATE TABLE `checklist_items` (
	`incident_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`list` text NOT NULL,
	`section` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`done_by` text,
	`done_at` integer,
	PRIMARY KEY(`incident_id`, `item_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `effects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`lane` text NOT NULL,
	`incident_id` integer,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`result` text,
	`created_at` integer NOT NULL,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `effects_status_lane` ON `effects` (`status`,`lane`,`id`);--> statement-breakpoint
CREATE TABLE `escalation_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`due_at` integer NOT NULL,
	`notify` text NOT NULL,
	`until` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`fired_at` integer,
	`cancelled_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_steps_incident_key` ON `escalation_steps` (`incident_id`,`key`);--> statement-breakpoint
CREATE INDEX `escalation_steps_due` ON `escalation_steps` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `oncall_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rotation` text NOT NULL,
	`user_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `processed_slack_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`severity` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`is_private` integer DEFAULT false NOT NULL,
	`customer_impact` integer,
	`model_name` text,
	`model_version` text,
	`metric` text,
	`signal` text,
	`declared_by` text NOT NULL,
	`group_key` text,
	`escalation_policy` text NOT NULL,
	`routed_rotation` text,
	`channel_id` text,
	`channel_name` text,
	`started_at` integer,
	`detected_at` integer,
	`declared_at` integer NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`mitigated_at` integer,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incidents_status` ON `incidents` (`status`);--> statement-breakpoint
CREATE INDEX `incidents_group_key` ON `incidents` (`group_key`);--> statement-breakpoint
CREATE INDEX `incidents_model_category` ON `incidents` (`model_name`,`category`);--> statement-breakpoint
CREATE INDEX `incidents_channel` ON `incidents` (`channel_id`);--> statement-breakpoint
CREATE TABLE `timeline_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`summary` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `timeline_incident_at` ON `timeline_events` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `slack_messages` (
	`incident_id` integer NOT NULL,
	`role` text NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	PRIMARY KEY(`incident_id`, `role`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
