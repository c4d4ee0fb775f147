-- An import writes 500 new records at once (lib/cadastro/client.c, client_insert_many)
-- and keeps what triggers keep for a single record by hand, once per batch: the
-- beginnings' counts added up, the registry's version moved once. A trigger run for
-- each of the ~5,000 beginnings tripled the cost of their INSERT. These triggers stand
-- aside while the session variable @portal_bulk_insert is set — only inside
-- client_insert_many, between two statements of its transaction, and set back to NULL
-- right after.
DROP TRIGGER IF EXISTS client_prefixes_count_insert;
CREATE TRIGGER client_prefixes_count_insert AFTER INSERT ON client_prefixes FOR EACH ROW
BEGIN
  IF @portal_bulk_insert IS NULL THEN
    INSERT INTO client_prefix_counts (office_id, trashed, prefix, n)
    VALUES (NEW.office_id, NEW.trashed, NEW.prefix, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END;

DROP TRIGGER IF EXISTS clients_version_insert;
CREATE TRIGGER clients_version_insert AFTER INSERT ON clients FOR EACH ROW
BEGIN
  IF @portal_bulk_insert IS NULL THEN
    UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
  END IF;
END;
