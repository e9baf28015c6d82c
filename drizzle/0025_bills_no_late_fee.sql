-- The arrears register reads the few bills that charge no late fee through this partial index.
CREATE INDEX `bills_no_late_fee` ON `bills` (`community_id`) WHERE `late_fee_applies` = 0;
