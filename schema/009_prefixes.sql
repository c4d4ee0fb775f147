-- A search that has never run before must cost about what a list page costs. A word of
-- four letters or more ("silv", "joao", "silva") is looked up by its first four, here:
-- one row per record and distinct beginning of its search words (words of fewer letters
-- whole), keyed in the list's name order, so that the records of a beginning are one
-- range of this index already sorted by name. A page of a search is the first 50
-- entries of the range (or, for a longer word, the entries whose record's words also
-- match). Written with client_words (lib/client.c, bin/seed_clients.c); the record's
-- trash flag and name are copied here because the walk reads no record it does not show.
CREATE TABLE IF NOT EXISTS client_prefixes (
  office_id  BIGINT UNSIGNED NOT NULL,
  trashed    BOOL NOT NULL,
  prefix     VARCHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name       VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (office_id, trashed, prefix, name, client_id),
  KEY client_prefixes_client (client_id)
) ENGINE=InnoDB;

-- How many records each beginning has: the count of a one-word search of four letters
-- is one row, exact. Kept by the triggers below in the transaction of every change.
CREATE TABLE IF NOT EXISTS client_prefix_counts (
  office_id  BIGINT UNSIGNED NOT NULL,
  trashed    BOOL NOT NULL,
  prefix     VARCHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  n          INT NOT NULL,
  PRIMARY KEY (office_id, trashed, prefix)
) ENGINE=InnoDB;

INSERT IGNORE INTO client_prefixes (office_id, trashed, prefix, name, client_id)
  SELECT c.office_id, c.trashed, LEFT(w.word, 4), c.name, c.id
    FROM client_words w JOIN clients c ON c.id = w.client_id;

INSERT INTO client_prefix_counts (office_id, trashed, prefix, n)
  SELECT office_id, trashed, prefix, COUNT(*) FROM client_prefixes GROUP BY office_id, trashed, prefix
  ON DUPLICATE KEY UPDATE n = VALUES(n);

CREATE TRIGGER IF NOT EXISTS client_prefixes_count_insert AFTER INSERT ON client_prefixes FOR EACH ROW
  INSERT INTO client_prefix_counts (office_id, trashed, prefix, n)
  VALUES (NEW.office_id, NEW.trashed, NEW.prefix, 1) ON DUPLICATE KEY UPDATE n = n + 1;

CREATE TRIGGER IF NOT EXISTS client_prefixes_count_delete AFTER DELETE ON client_prefixes FOR EACH ROW
  UPDATE client_prefix_counts SET n = n - 1
   WHERE office_id = OLD.office_id AND trashed = OLD.trashed AND prefix = OLD.prefix;

CREATE TRIGGER IF NOT EXISTS client_prefixes_count_update AFTER UPDATE ON client_prefixes FOR EACH ROW
BEGIN
  IF OLD.trashed <> NEW.trashed OR OLD.prefix <> NEW.prefix OR OLD.office_id <> NEW.office_id THEN
    UPDATE client_prefix_counts SET n = n - 1
     WHERE office_id = OLD.office_id AND trashed = OLD.trashed AND prefix = OLD.prefix;
    INSERT INTO client_prefix_counts (office_id, trashed, prefix, n)
    VALUES (NEW.office_id, NEW.trashed, NEW.prefix, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END;

-- A record deleted in any way (purged, or by hand) takes its beginnings along, through
-- the triggers above (a foreign key's cascade would not run them).
CREATE TRIGGER IF NOT EXISTS clients_prefixes_delete AFTER DELETE ON clients FOR EACH ROW
  DELETE FROM client_prefixes WHERE client_id = OLD.id;
