-- Foundation: offices (tenants), staff users, sessions, login attempts, password tokens,
-- the mail outbox and the audit trail. InnoDB, utf8mb4, instants in UTC.

CREATE TABLE offices (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(63)  NOT NULL,            -- first label of the host name
  name        VARCHAR(200) NOT NULL,
  active      BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at  DATETIME(6)  NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY offices_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE staff_users (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id      BIGINT UNSIGNED NOT NULL,
  name           VARCHAR(200) NOT NULL,
  email          VARCHAR(254) NOT NULL,
  password_hash  VARCHAR(255) NOT NULL,
  role           ENUM('admin','staff') NOT NULL DEFAULT 'staff',
  active         BOOLEAN NOT NULL DEFAULT TRUE,
  created_at     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY staff_users_login (office_id, email),
  CONSTRAINT staff_users_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The session id is 256 random bits held by the browser; only its SHA-256 is stored.
CREATE TABLE sessions (
  id_hash       BINARY(32) NOT NULL PRIMARY KEY,
  office_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  csrf_token    CHAR(64) NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  last_seen_at  DATETIME(6) NOT NULL,
  expires_at    DATETIME(6) NOT NULL,             -- absolute expiry
  address       VARCHAR(45) NOT NULL DEFAULT '',
  KEY sessions_user (user_id),
  KEY sessions_expires (expires_at),
  CONSTRAINT sessions_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT sessions_user FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Every login attempt, for throttling per account and per address.
CREATE TABLE login_attempts (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  login       VARCHAR(254) NOT NULL,
  address     VARCHAR(45) NOT NULL,
  success     BOOLEAN NOT NULL,
  at          DATETIME(6) NOT NULL,
  KEY login_attempts_login (office_id, login, at),
  KEY login_attempts_address (address, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use tokens e-mailed to set a password (forgotten password, first access).
CREATE TABLE password_tokens (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  purpose     ENUM('reset','first_access') NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  used_at     DATETIME(6) NULL,
  KEY password_tokens_user (user_id),
  CONSTRAINT password_tokens_user FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Mail is written here in the transaction that causes it; the worker delivers it.
CREATE TABLE outbox (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id        BIGINT UNSIGNED NULL,
  to_address       VARCHAR(254) NOT NULL,
  to_name          VARCHAR(200) NOT NULL DEFAULT '',
  subject          VARCHAR(300) NOT NULL,
  body_text        MEDIUMTEXT NOT NULL,
  created_at       DATETIME(6) NOT NULL,
  attempts         INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6) NOT NULL,
  sent_at          DATETIME(6) NULL,
  last_error       VARCHAR(500) NOT NULL DEFAULT '',
  KEY outbox_pending (sent_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who did what to which record, when and through which channel. One event may change
-- several fields: each is a row of audit_changes.
CREATE TABLE audit_events (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id    BIGINT UNSIGNED NOT NULL,
  at           DATETIME(6) NOT NULL,
  user_id      BIGINT UNSIGNED NULL,             -- staff member, when there is one
  actor        VARCHAR(254) NOT NULL DEFAULT '', -- who, as shown (name or e-mail)
  channel      ENUM('staff','import','portal','link','system') NOT NULL,
  action       VARCHAR(40) NOT NULL,
  entity       VARCHAR(40) NOT NULL,
  entity_id    BIGINT UNSIGNED NULL,
  address      VARCHAR(45) NOT NULL DEFAULT '',
  request_id   CHAR(16) NOT NULL DEFAULT '',
  KEY audit_office_at (office_id, at),
  KEY audit_entity (office_id, entity, entity_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_changes (
  event_id   BIGINT UNSIGNED NOT NULL,
  field      VARCHAR(64) NOT NULL,
  old_value  TEXT NULL,
  new_value  TEXT NULL,
  PRIMARY KEY (event_id, field),
  CONSTRAINT audit_changes_event FOREIGN KEY (event_id) REFERENCES audit_events (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
