-- Tickets and their photos are never deleted ("不得漏项、埋单"): SQLite itself refuses it.
CREATE TRIGGER IF NOT EXISTS tickets_no_delete BEFORE DELETE ON tickets
BEGIN SELECT RAISE(ABORT, 'tickets are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS ticket_photos_no_delete BEFORE DELETE ON ticket_photos
BEGIN SELECT RAISE(ABORT, 'ticket photos are never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS ticket_photos_no_update BEFORE UPDATE ON ticket_photos
BEGIN SELECT RAISE(ABORT, 'ticket photos are never changed'); END;
