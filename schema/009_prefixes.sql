-- A search that has never run before must cost about what a list page costs. A word of
-- four letters or more ("silv", "joao", "silva") is looked up by its first four, here:
-- one row per record and distinct beginning of its search words (words of fewer letters
-- whole), keyed in the list's name order, so that the records of a beginning are one
-- range of this index already sorted by name. A page of a search is the first 50
-- entries of the range (or, for a longer word, the entries whose record's words also
-- match), and its count is the range counted up to the cap, reading this index alone.
-- Written with client_words (lib/client.c, bin/seed_clients.c); the record's trash flag
-- and name are copied here because the walk reads no record it does not show.
CREATE TABLE IF NOT EXISTS client_prefixes (
  office_id  BIGINT UNSIGNED NOT NULL,
  trashed    BOOL NOT NULL,
  prefix     VARCHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name       VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (office_id, trashed, prefix, name, client_id),
  KEY client_prefixes_client (client_id),
  CONSTRAINT client_prefixes_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT IGNORE INTO client_prefixes (office_id, trashed, prefix, name, client_id)
  SELECT c.office_id, c.trashed, LEFT(w.word, 4), c.name, c.id
    FROM client_words w JOIN clients c ON c.id = w.client_id;
