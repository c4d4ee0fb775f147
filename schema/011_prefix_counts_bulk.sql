-- An import writes the beginnings of 500 new records at once (lib/cadastro/client.c,
-- client_insert_many) and adds their counts up in one statement: a trigger run for each
-- of the ~5,000 rows tripled the cost of that INSERT. The count trigger stands aside
-- while the session variable @portal_prefix_counts_by_hand is set — only there, between
-- two statements of the same transaction, and set back to NULL right after.
DROP TRIGGER IF EXISTS client_prefixes_count_insert;
CREATE TRIGGER client_prefixes_count_insert AFTER INSERT ON client_prefixes FOR EACH ROW
BEGIN
  IF @portal_prefix_counts_by_hand IS NULL THEN
    INSERT INTO client_prefix_counts (office_id, trashed, prefix, n)
    VALUES (NEW.office_id, NEW.trashed, NEW.prefix, 1) ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;
END;
