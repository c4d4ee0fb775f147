-- Escritório: the office's settings and logo, invitations, two-factor sign-in.

ALTER TABLE offices
  ADD COLUMN IF NOT EXISTS trade_name     VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS cnpj           VARCHAR(14)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS address        VARCHAR(300) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS city           VARCHAR(100) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS uf             CHAR(2)      NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS cep            CHAR(8)      NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS contact_email  VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS phone          VARCHAR(20)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS require_second_factor BOOLEAN NOT NULL DEFAULT FALSE,
  -- 16 hex characters of the logo's SHA-256: its URL changes with it, so browsers may
  -- keep it for a year. NULL: no logo.
  ADD COLUMN IF NOT EXISTS logo_version   CHAR(16)     NULL,
  ADD COLUMN IF NOT EXISTS updated_at     DATETIME(6)  NOT NULL DEFAULT UTC_TIMESTAMP(6);

-- The logo's bytes, checked before they are stored (lib/image.c); one per office.
CREATE TABLE IF NOT EXISTS office_logos (
  office_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  content_type  VARCHAR(20) NOT NULL,
  width         INT UNSIGNED NOT NULL,
  height        INT UNSIGNED NOT NULL,
  data          MEDIUMBLOB NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  CONSTRAINT office_logos_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB;

-- An invited member has no password yet (password_hash ''): nothing can log in with it.
ALTER TABLE staff_users
  ADD COLUMN IF NOT EXISTS invited_at        DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS last_login_at     DATETIME(6) NULL,
  -- The TOTP secret (RFC 6238, 20 bytes) once confirmed; the one being set up meanwhile.
  ADD COLUMN IF NOT EXISTS totp_secret       VARBINARY(64) NULL,
  ADD COLUMN IF NOT EXISTS totp_pending      VARBINARY(64) NULL,
  ADD COLUMN IF NOT EXISTS totp_enabled_at   DATETIME(6) NULL,
  -- The time step of the last code accepted: a code is accepted once.
  ADD COLUMN IF NOT EXISTS totp_last_counter BIGINT UNSIGNED NOT NULL DEFAULT 0;

ALTER TABLE password_tokens
  MODIFY purpose ENUM('reset','first_access','invite') NOT NULL;

-- Ten single-use recovery codes per member, stored as SHA-256 (60 random bits each,
-- and tried only under the login throttle).
CREATE TABLE IF NOT EXISTS recovery_codes (
  user_id    BIGINT UNSIGNED NOT NULL,
  code_hash  BINARY(32) NOT NULL,
  used_at    DATETIME(6) NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT recovery_codes_user FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Between the password and the second factor: no session exists yet, only this row,
-- named by a random cookie (stored hashed), valid for a few minutes.
CREATE TABLE IF NOT EXISTS login_challenges (
  id_hash     BINARY(32) NOT NULL PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  next_path   VARCHAR(500) NOT NULL DEFAULT '',
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  KEY login_challenges_expires (expires_at),
  CONSTRAINT login_challenges_user FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- "Where" of the list of one's own sessions.
ALTER TABLE sessions
  ADD COLUMN IF NOT EXISTS user_agent VARCHAR(300) NOT NULL DEFAULT '';

-- The registry's version moves when what the registry shows of the staff changes (name,
-- e-mail, active), not on each login or second-factor step of theirs.
DROP TRIGGER IF EXISTS staff_version_update;
CREATE TRIGGER staff_version_update AFTER UPDATE ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1
  WHERE office_id = NEW.office_id
    AND NOT (OLD.name <=> NEW.name AND OLD.email <=> NEW.email AND OLD.active <=> NEW.active);
