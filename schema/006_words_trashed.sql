-- A search of one word counts its matches in client_words alone, without reading each
-- matching record for its trash flag: every word row carries its record's, set where
-- the words are written and where a record goes to the trash or comes back
-- (lib/client.c, bin/seed_clients.c). A trigger cannot keep it: the statement that
-- copies the words into clients.search_text reads client_words, and MariaDB refuses a
-- trigger that writes a table its statement reads.
ALTER TABLE client_words ADD COLUMN IF NOT EXISTS trashed BOOL NOT NULL DEFAULT 0;

UPDATE client_words w JOIN clients c ON c.id = w.client_id
   SET w.trashed = c.trashed
 WHERE w.trashed <> c.trashed;
