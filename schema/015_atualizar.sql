-- Atualizar cadastro: e-mailed, signed links that let a client update its own data. Each
-- link is a request row (single use, expiring, revocable); the link carries its id and a
-- GPGME signature (lib/portal/signlink.h), the row says whether it may still be used.

-- The office's text of the message (NULL: the product's default) and whether the
-- changes wait for staff approval.
ALTER TABLE offices
  ADD COLUMN IF NOT EXISTS update_message TEXT NULL,
  ADD COLUMN IF NOT EXISTS update_approval BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS update_requests (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id      BIGINT UNSIGNED NOT NULL,
  client_id      BIGINT UNSIGNED NOT NULL,
  purpose        VARCHAR(24) NOT NULL DEFAULT 'atualizar',
  created_by     BIGINT UNSIGNED NULL,              -- staff member
  actor          VARCHAR(200) NOT NULL DEFAULT '',
  created_at     DATETIME(6) NOT NULL,
  expires_at     DATETIME(6) NOT NULL,
  outbox_id      BIGINT UNSIGNED NULL,              -- its message: sent / delivered
  opened_at      DATETIME(6) NULL,                  -- the form first shown (after "Continuar")
  completed_at   DATETIME(6) NULL,                  -- the form sent: the link is used
  completed_address VARCHAR(45) NOT NULL DEFAULT '',
  revoked_at     DATETIME(6) NULL,                  -- a newer link, or staff revoked it
  -- Client first: it also serves the foreign key.
  KEY update_requests_client (client_id, office_id, created_at),
  CONSTRAINT update_requests_client_fk FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What a completed request changed, field by field: applied at once, or pending staff
-- approval (then approved or rejected, each by whom and when).
CREATE TABLE IF NOT EXISTS update_changes (
  request_id   BIGINT UNSIGNED NOT NULL,
  field        VARCHAR(64) NOT NULL,
  old_value    TEXT NULL,
  new_value    TEXT NULL,
  state        ENUM('aplicada','pendente','aprovada','rejeitada') NOT NULL,
  decided_by   BIGINT UNSIGNED NULL,
  decided_at   DATETIME(6) NULL,
  PRIMARY KEY (request_id, field),
  CONSTRAINT update_changes_request FOREIGN KEY (request_id) REFERENCES update_requests (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The anonymous link pages, counted per address and fixed window (slot: the Unix time
-- its window started) before any signature is checked: one row per address and window,
-- one statement per request, whatever the traffic.
CREATE TABLE IF NOT EXISTS link_rate (
  address  VARCHAR(45) NOT NULL,
  slot     BIGINT UNSIGNED NOT NULL,
  hits     INT UNSIGNED NOT NULL,
  PRIMARY KEY (address, slot)
) ENGINE=InnoDB;
