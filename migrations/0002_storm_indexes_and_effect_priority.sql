ALTER TABLE `effects` ADD `priority` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `effects_active_lane` ON `effects` (`lane`,`id`) WHERE status in ('pending', 'in_flight');--> statement-breakpoint
CREATE INDEX `alerts_incident_received` ON `alerts` (`incident_id`,`last_received_at`);--> statement-breakpoint
CREATE INDEX `alerts_incident_signal` ON `alerts` (`incident_id`,`signal`,`model_name`);