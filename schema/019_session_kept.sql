-- A program worker keeps the staff sessions it has checked (lib/web/session.c): for the
-- next minute a request of a kept session reads only its office's row of client_counts
-- (the versions it reads anyway) instead of the five-table session query. auth_version
-- moves, in the same transaction, with everything that query reads: a session deleted
-- (logout, password change, sweep) or changed, a staff member changed in what a page
-- shows or allows, the office, a member's preferences. A kept session whose office's
-- auth_version moved is checked again in full, so a logout or a deactivation takes
-- effect on the next request of every worker.
ALTER TABLE client_counts ADD COLUMN IF NOT EXISTS auth_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER IF NOT EXISTS sessions_auth_delete AFTER DELETE ON sessions FOR EACH ROW
  UPDATE client_counts SET auth_version = auth_version + 1 WHERE office_id = OLD.office_id;

-- last_seen_at alone (written once a minute per session) does not count.
CREATE TRIGGER IF NOT EXISTS sessions_auth_update AFTER UPDATE ON sessions FOR EACH ROW
  UPDATE client_counts SET auth_version = auth_version + 1
   WHERE office_id IN (OLD.office_id, NEW.office_id)
     AND NOT (OLD.id_hash <=> NEW.id_hash AND OLD.office_id <=> NEW.office_id
              AND OLD.user_id <=> NEW.user_id AND OLD.csrf_token <=> NEW.csrf_token
              AND OLD.expires_at <=> NEW.expires_at);

CREATE TRIGGER IF NOT EXISTS staff_auth_update AFTER UPDATE ON staff_users FOR EACH ROW
  UPDATE client_counts SET auth_version = auth_version + 1
   WHERE office_id IN (OLD.office_id, NEW.office_id)
     AND NOT (OLD.office_id <=> NEW.office_id AND OLD.name <=> NEW.name
              AND OLD.email <=> NEW.email AND OLD.role <=> NEW.role
              AND OLD.active <=> NEW.active
              AND (OLD.totp_secret IS NULL) <=> (NEW.totp_secret IS NULL));

CREATE TRIGGER IF NOT EXISTS staff_auth_delete AFTER DELETE ON staff_users FOR EACH ROW
  UPDATE client_counts SET auth_version = auth_version + 1 WHERE office_id = OLD.office_id;

CREATE TRIGGER IF NOT EXISTS offices_auth_update AFTER UPDATE ON offices FOR EACH ROW
  UPDATE client_counts SET auth_version = auth_version + 1
   WHERE office_id = NEW.id
     AND NOT (OLD.slug <=> NEW.slug AND OLD.name <=> NEW.name AND OLD.active <=> NEW.active
              AND OLD.logo_version <=> NEW.logo_version
              AND OLD.require_second_factor <=> NEW.require_second_factor);

CREATE TRIGGER IF NOT EXISTS user_prefs_auth_insert AFTER INSERT ON user_prefs FOR EACH ROW
  UPDATE client_counts cc JOIN staff_users u ON u.office_id = cc.office_id
     SET cc.auth_version = cc.auth_version + 1 WHERE u.id = NEW.user_id;

CREATE TRIGGER IF NOT EXISTS user_prefs_auth_update AFTER UPDATE ON user_prefs FOR EACH ROW
  UPDATE client_counts cc JOIN staff_users u ON u.office_id = cc.office_id
     SET cc.auth_version = cc.auth_version + 1
   WHERE u.id IN (OLD.user_id, NEW.user_id) AND NOT (OLD.client_view <=> NEW.client_view);

CREATE TRIGGER IF NOT EXISTS user_prefs_auth_delete AFTER DELETE ON user_prefs FOR EACH ROW
  UPDATE client_counts cc JOIN staff_users u ON u.office_id = cc.office_id
     SET cc.auth_version = cc.auth_version + 1 WHERE u.id = OLD.user_id;
