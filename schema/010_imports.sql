-- Importação (issue 9): spreadsheets of clients in. The uploaded file lives in MariaDB, in
-- chunks, with its SHA-256 (no local disk state: any host's worker can read it). An
-- import is checked (a dry run: what each row would do) and then run by the worker in
-- batches, one transaction each, its progress in the import's row: a worker killed or
-- a database restarted mid-import resumes at the first row not yet recorded.
CREATE TABLE IF NOT EXISTS import_files (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  size        BIGINT UNSIGNED NOT NULL,
  sha256      CHAR(64) NOT NULL,
  chunks      INT UNSIGNED NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  KEY import_files_sha (office_id, sha256),
  CONSTRAINT import_files_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS import_file_chunks (
  file_id  BIGINT UNSIGNED NOT NULL,
  seq      INT UNSIGNED NOT NULL,
  data     MEDIUMBLOB NOT NULL,          -- 1 MB each (under max_allowed_packet)
  PRIMARY KEY (file_id, seq),
  CONSTRAINT import_file_chunks_file FOREIGN KEY (file_id) REFERENCES import_files (id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS imports (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id     BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  actor         VARCHAR(200) NOT NULL,              -- the user's name, for the audit rows
  address       VARCHAR(45)  NOT NULL DEFAULT '',
  file_id       BIGINT UNSIGNED NOT NULL,
  file_name     VARCHAR(255) NOT NULL,
  format        ENUM('csv','xlsx') NOT NULL,
  encoding      VARCHAR(16) NOT NULL DEFAULT '',    -- csv: utf8, utf8bom, utf16le, utf16be, cp1252
  delimiter     CHAR(1) CHARACTER SET latin1 NOT NULL DEFAULT '',
  sheet         INT UNSIGNED NOT NULL DEFAULT 0,    -- xlsx: index in workbook order
  header_key    CHAR(64) NOT NULL DEFAULT '',       -- SHA-256 of the folded header row
  mapping       TEXT NOT NULL,                      -- one target per column, ';' between
  update_existing BOOLEAN NOT NULL DEFAULT FALSE,
  key_email     BOOLEAN NOT NULL DEFAULT FALSE,     -- the e-mail as a key when a row has no document
  update_fields TEXT NOT NULL,                      -- the fields an update may change, ',' between
  erase_empty   BOOLEAN NOT NULL DEFAULT FALSE,     -- an empty cell erases the stored value
  skip_invalid  BOOLEAN NOT NULL DEFAULT FALSE,     -- import without an optional value the form refuses
  default_active BOOLEAN NOT NULL DEFAULT TRUE,
  default_types VARCHAR(60) NOT NULL DEFAULT 'cliente',
  default_tag   VARCHAR(60) NOT NULL DEFAULT '',
  default_responsible BIGINT UNSIGNED NULL,
  -- draft: being mapped; checking/checked: the dry run; queued/running/done/failed: the
  -- import; undoing/undone: its undo.
  status        ENUM('draft','checking','checked','queued','running','done','failed','undoing','undone')
                NOT NULL DEFAULT 'draft',
  phase         SMALLINT UNSIGNED NOT NULL DEFAULT 0, -- the current pass (dry run or import): its import_rows
  claimed_by    VARCHAR(64) NOT NULL DEFAULT '',    -- the worker working on it (host:pid)
  lease_until   DATETIME(6) NULL,                   -- and until when, unless it renews
  total_rows    INT UNSIGNED NOT NULL DEFAULT 0,
  rows_done     INT UNSIGNED NOT NULL DEFAULT 0,    -- data rows recorded in this phase
  line_done     INT UNSIGNED NOT NULL DEFAULT 0,    -- the file line / sheet row of the last one
  n_created     INT UNSIGNED NOT NULL DEFAULT 0,
  n_updated     INT UNSIGNED NOT NULL DEFAULT 0,
  n_unchanged   INT UNSIGNED NOT NULL DEFAULT 0,
  n_rejected    INT UNSIGNED NOT NULL DEFAULT 0,
  n_corrected   INT UNSIGNED NOT NULL DEFAULT 0,
  n_duplicates  INT UNSIGNED NOT NULL DEFAULT 0,    -- rows whose key an earlier row of the file had
  n_undone      INT UNSIGNED NOT NULL DEFAULT 0,
  n_kept        INT UNSIGNED NOT NULL DEFAULT 0,    -- edited since the import: left as they are
  error         VARCHAR(500) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL,
  started_at    DATETIME(6) NULL,
  finished_at   DATETIME(6) NULL,
  undone_at     DATETIME(6) NULL,
  undone_by     VARCHAR(200) NOT NULL DEFAULT '',
  KEY imports_office (office_id, id),
  KEY imports_queue (status, id),
  KEY imports_header (office_id, header_key, id),
  KEY imports_file (file_id),
  CONSTRAINT imports_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT imports_user FOREIGN KEY (user_id) REFERENCES staff_users (id),
  CONSTRAINT imports_file FOREIGN KEY (file_id) REFERENCES import_files (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What each data row of the file did (or would do, in the dry run): the result file and
-- the preview are these rows beside the file's own; the undo works from them.
CREATE TABLE IF NOT EXISTS import_rows (
  import_id   BIGINT UNSIGNED NOT NULL,
  phase       SMALLINT UNSIGNED NOT NULL,
  line        INT UNSIGNED NOT NULL,               -- the file's line / the sheet's row number
  status      ENUM('criado','atualizado','inalterado','rejeitado') NOT NULL,
  corrected   BOOLEAN NOT NULL DEFAULT FALSE,
  row_key     VARCHAR(254) NOT NULL DEFAULT '',    -- the document (or e-mail) the row matched by
  client_id   BIGINT UNSIGNED NULL,
  client_version INT UNSIGNED NULL,                -- the record's version after this row
  message     VARCHAR(2000) NOT NULL DEFAULT '',
  previous    TEXT NULL,                           -- an update's old values (form fields, urlencoded)
  undo_state  ENUM('','desfeito','mantido') NOT NULL DEFAULT '',
  PRIMARY KEY (import_id, phase, line),
  KEY import_rows_key (import_id, phase, row_key),
  CONSTRAINT import_rows_import FOREIGN KEY (import_id) REFERENCES imports (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
