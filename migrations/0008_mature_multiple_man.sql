CREATE TABLE `model_deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`model` text NOT NULL,
	`version` text NOT NULL,
	`environment` text NOT NULL,
	`deployed_at` integer NOT NULL,
	`deployed_by` text NOT NULL,
	`artifact` text,
	`notes` text,
	`source` text NOT NULL,
	`received_at` integer NOT NULL,
	`raw` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_deployments_identity` ON `model_deployments` (`model`,`environment`,`version`,`deployed_at`);--> statement-breakpoint
CREATE INDEX `model_deployments_model_at` ON `model_deployments` (`model`,`deployed_at`);--> statement-breakpoint
CREATE TABLE `operator_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`action` text NOT NULL,
	`model` text NOT NULL,
	`environment` text NOT NULL,
	`from_version` text,
	`to_version` text,
	`requested_by` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	`via` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`body` text NOT NULL,
	`url` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sending` integer DEFAULT false NOT NULL,
	`answer_status` integer,
	`answer_body` text,
	`error` text,
	`answered_at` integer,
	`recovery_confirmed_by` text,
	`recovery_confirmed_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operator_actions_idempotency_key` ON `operator_actions` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `operator_actions_one_pending` ON `operator_actions` (`incident_id`,`action`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `operator_actions_incident` ON `operator_actions` (`incident_id`,`id`);