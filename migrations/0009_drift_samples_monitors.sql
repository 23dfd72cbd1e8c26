CREATE TABLE `baselines` (
	`name` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`feature` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `monitor_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor` text NOT NULL,
	`checked_at` integer NOT NULL,
	`trigger` text NOT NULL,
	`test` text,
	`statistic` real,
	`p_value` real,
	`threshold` real,
	`n` integer NOT NULL,
	`m` integer NOT NULL,
	`breached` integer,
	`reason` text,
	`window_from` integer NOT NULL,
	`window_to` integer NOT NULL,
	`unseen` text NOT NULL,
	`bins` text,
	`model_version` text
);
--> statement-breakpoint
CREATE INDEX `monitor_checks_monitor_time` ON `monitor_checks` (`monitor`,`checked_at`);--> statement-breakpoint
CREATE TABLE `monitor_states` (
	`monitor` text PRIMARY KEY NOT NULL,
	`breach_streak` integer DEFAULT 0 NOT NULL,
	`recovery_streak` integer DEFAULT 0 NOT NULL,
	`firing` integer DEFAULT false NOT NULL,
	`breaching_since` integer,
	`last_checked_at` integer,
	`next_check_at` integer
);
--> statement-breakpoint
CREATE TABLE `sample_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`model` text NOT NULL,
	`model_version` text,
	`feature` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	`data` blob NOT NULL,
	`observed_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sample_batches_feature_observed` ON `sample_batches` (`model`,`feature`,`observed_at`);--> statement-breakpoint
CREATE INDEX `sample_batches_observed` ON `sample_batches` (`observed_at`);