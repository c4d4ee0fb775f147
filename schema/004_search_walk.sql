-- A broad search ("silv" matches thousands of clients) reads its page by walking the
-- order's index and keeping the entries whose words match, never touching the rows it
-- skips: each order's index carries the client's search words, folded, between spaces
-- (" joao silva 12345678909 "), so "silv" is search_text LIKE '% silv%' checked inside
-- the index. client_words stays the source of the words and serves narrow searches.
ALTER TABLE clients
  ADD COLUMN search_text VARCHAR(1500) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  DROP KEY clients_by_name,
  DROP KEY clients_by_created,
  DROP KEY clients_by_updated,
  ADD KEY clients_by_name (office_id, trashed, name, id, search_text),
  ADD KEY clients_by_created (office_id, trashed, created_at, id, search_text),
  ADD KEY clients_by_updated (office_id, trashed, updated_at, id, search_text);

UPDATE clients c
  JOIN (SELECT client_id,
               LEFT(CONCAT(' ', GROUP_CONCAT(word ORDER BY word SEPARATOR ' '), ' '), 1500) AS s
          FROM client_words GROUP BY client_id) w ON w.client_id = c.id
   SET c.search_text = w.s;

-- The version of an office's registry: it changes with every change to its clients,
-- their tags, its tags or its staff, in the same transaction (triggers, so no writer can
-- forget it). The cadastro workers keep search counts and the staff and tag choices in
-- memory for as long as it stays the same.
ALTER TABLE client_counts ADD COLUMN version BIGINT UNSIGNED NOT NULL DEFAULT 0;

INSERT IGNORE INTO client_counts (office_id) SELECT id FROM offices;

CREATE TRIGGER offices_counts AFTER INSERT ON offices FOR EACH ROW
  INSERT IGNORE INTO client_counts (office_id) VALUES (NEW.id);

CREATE TRIGGER clients_version_insert AFTER INSERT ON clients FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER clients_version_update AFTER UPDATE ON clients FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER clients_version_delete AFTER DELETE ON clients FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = OLD.office_id;

CREATE TRIGGER client_tags_version_insert AFTER INSERT ON client_tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1
   WHERE office_id = (SELECT office_id FROM tags WHERE id = NEW.tag_id);
CREATE TRIGGER client_tags_version_delete AFTER DELETE ON client_tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1
   WHERE office_id = (SELECT office_id FROM tags WHERE id = OLD.tag_id);

CREATE TRIGGER tags_version_insert AFTER INSERT ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER tags_version_update AFTER UPDATE ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER tags_version_delete AFTER DELETE ON tags FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = OLD.office_id;

CREATE TRIGGER staff_version_insert AFTER INSERT ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER staff_version_update AFTER UPDATE ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER staff_version_delete AFTER DELETE ON staff_users FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = OLD.office_id;
