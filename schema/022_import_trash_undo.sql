-- Importação, issue 26. The check says which rows' documents are in the trash, and an
-- import may restore those records instead of creating new ones (restore_trashed); the
-- undo sends a restored record back to the trash (import_rows.restored). The undo also
-- says, for a record it left alone, who changed it after the import and when (undo_note:
-- the result page and the result file show it).
-- The undo is done (and audited) as the person who asked for it (undone_user), not as the
-- one who imported.
ALTER TABLE imports
  ADD COLUMN IF NOT EXISTS restore_trashed BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS undone_user BIGINT UNSIGNED NULL,
  ADD COLUMN IF NOT EXISTS n_in_trash INT UNSIGNED NOT NULL DEFAULT 0;

ALTER TABLE import_rows
  ADD COLUMN IF NOT EXISTS restored BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN IF NOT EXISTS undo_note VARCHAR(300) NOT NULL DEFAULT '';
