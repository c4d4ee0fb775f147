-- What the registry's pages offer to choose from — the office's active staff, its tags and
-- the custom attributes it filters by — changes far less often than its records. Those
-- choices get a version of their own, moved (with the registry's version, as before) by
-- the triggers of the three tables, so that a worker keeps them across the changes of
-- records (cgi-bin/cadastro/memo.c): the first view of a list after a record changed
-- reads its rows, not the choices again. It comes with the session (lib/web/session.c).
ALTER TABLE client_counts ADD COLUMN IF NOT EXISTS choices_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

DROP TRIGGER IF EXISTS tags_version_insert;
CREATE TRIGGER tags_version_insert AFTER INSERT ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = NEW.office_id;
DROP TRIGGER IF EXISTS tags_version_update;
CREATE TRIGGER tags_version_update AFTER UPDATE ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id IN (OLD.office_id, NEW.office_id);
DROP TRIGGER IF EXISTS tags_version_delete;
CREATE TRIGGER tags_version_delete AFTER DELETE ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = OLD.office_id;

DROP TRIGGER IF EXISTS staff_version_insert;
CREATE TRIGGER staff_version_insert AFTER INSERT ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = NEW.office_id;
-- As in 008: what the registry shows of the staff (name, e-mail, active), not each login.
DROP TRIGGER IF EXISTS staff_version_update;
CREATE TRIGGER staff_version_update AFTER UPDATE ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id IN (OLD.office_id, NEW.office_id)
     AND NOT (OLD.office_id <=> NEW.office_id AND OLD.name <=> NEW.name
              AND OLD.email <=> NEW.email AND OLD.active <=> NEW.active);
DROP TRIGGER IF EXISTS staff_version_delete;
CREATE TRIGGER staff_version_delete AFTER DELETE ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = OLD.office_id;

DROP TRIGGER IF EXISTS custom_fields_version_insert;
CREATE TRIGGER custom_fields_version_insert AFTER INSERT ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = NEW.office_id;
DROP TRIGGER IF EXISTS custom_fields_version_update;
CREATE TRIGGER custom_fields_version_update AFTER UPDATE ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id IN (OLD.office_id, NEW.office_id);
DROP TRIGGER IF EXISTS custom_fields_version_delete;
CREATE TRIGGER custom_fields_version_delete AFTER DELETE ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1, choices_version = choices_version + 1
   WHERE office_id = OLD.office_id;
