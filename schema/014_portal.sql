-- Portal do cliente: the logins of the office's clients (several per client: owner,
-- bookkeeper), their e-mailed single-use links and their sessions, kept apart from the
-- staff's; login attempts of both realms; an HTML body for the outbox's messages.

-- A message may have an HTML alternative to its text (lib/mail/mail.c sends both).
ALTER TABLE outbox ADD COLUMN body_html MEDIUMTEXT NULL AFTER body_text;

-- Throttling counts the failures of one realm's account; an address counts in both.
ALTER TABLE login_attempts
  ADD COLUMN realm ENUM('staff','portal') NOT NULL DEFAULT 'staff' AFTER office_id,
  DROP KEY login_attempts_login,
  ADD KEY login_attempts_login (office_id, realm, login, at);

-- A client's login. No password until its owner sets one through the e-mailed link.
CREATE TABLE IF NOT EXISTS portal_users (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id        BIGINT UNSIGNED NOT NULL,
  client_id        BIGINT UNSIGNED NOT NULL,
  name             VARCHAR(200) NOT NULL,
  email            VARCHAR(254) NOT NULL,              -- the login, lowercase
  password_hash    VARCHAR(255) NOT NULL DEFAULT '',   -- '' until set
  blocked          BOOLEAN NOT NULL DEFAULT FALSE,     -- staff blocked it: no login, no link
  version          INT UNSIGNED NOT NULL DEFAULT 1,
  created_at       DATETIME(6) NOT NULL,
  created_by       BIGINT UNSIGNED NULL,               -- staff member
  password_set_at  DATETIME(6) NULL,
  last_login_at    DATETIME(6) NULL,
  UNIQUE KEY portal_users_login (office_id, email),
  -- Client first: it also serves the foreign key.
  KEY portal_users_client (client_id, office_id),
  CONSTRAINT portal_users_office FOREIGN KEY (office_id) REFERENCES offices (id),
  -- Part of the client's record: a purged record takes its logins.
  CONSTRAINT portal_users_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Links to set a password: 'access' (sent by staff, 72 hours) and 'reset' (asked by the
-- client, 1 hour). 256 random bits in the link, their SHA-256 here. A newer link of the
-- same user replaces the older ones (replaced_at); outbox_id is the message that
-- carried it (sent / delivered on the staff profile).
CREATE TABLE IF NOT EXISTS portal_tokens (
  token_hash   BINARY(32) NOT NULL PRIMARY KEY,
  office_id    BIGINT UNSIGNED NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  purpose      ENUM('access','reset') NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  expires_at   DATETIME(6) NOT NULL,
  used_at      DATETIME(6) NULL,
  replaced_at  DATETIME(6) NULL,
  outbox_id    BIGINT UNSIGNED NULL,
  KEY portal_tokens_user (user_id, created_at),
  CONSTRAINT portal_tokens_user FOREIGN KEY (user_id) REFERENCES portal_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A client's session: its own cookie and expiry, never a staff session.
CREATE TABLE IF NOT EXISTS portal_sessions (
  id_hash       BINARY(32) NOT NULL PRIMARY KEY,
  office_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  csrf_token    CHAR(64) NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  last_seen_at  DATETIME(6) NOT NULL,
  expires_at    DATETIME(6) NOT NULL,
  address       VARCHAR(45) NOT NULL DEFAULT '',
  KEY portal_sessions_user (user_id),
  KEY portal_sessions_expires (expires_at),
  CONSTRAINT portal_sessions_user FOREIGN KEY (user_id) REFERENCES portal_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
