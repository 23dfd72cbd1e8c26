CREATE TABLE `page_messages` (
	`incident_id` integer NOT NULL,
	`effect_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`step_label` text NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	PRIMARY KEY(`effect_id`, `user_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `page_messages_incident` ON `page_messages` (`incident_id`);
--> statement-breakpoint
-- Page DMs were slack_messages rows with role 'page:<effect id>:<user id>:<step label>' (the label may hold ':').
INSERT OR IGNORE INTO `page_messages` (`incident_id`, `effect_id`, `user_id`, `step_label`, `channel_id`, `ts`)
SELECT `incident_id`, CAST(substr(`rest`, 1, instr(`rest`, ':') - 1) AS integer),
	CASE WHEN instr(`after`, ':') > 0 THEN substr(`after`, 1, instr(`after`, ':') - 1) ELSE `after` END,
	CASE WHEN instr(`after`, ':') > 0 THEN substr(`after`, instr(`after`, ':') + 1) ELSE '' END,
	`channel_id`, `ts`
FROM (
	SELECT `incident_id`, `channel_id`, `ts`, substr(`role`, 6) AS `rest`, substr(substr(`role`, 6), instr(substr(`role`, 6), ':') + 1) AS `after`
	FROM `slack_messages` WHERE `role` LIKE 'page:%:%'
);
--> statement-breakpoint
DELETE FROM `slack_messages` WHERE `role` LIKE 'page:%';
