-- The update links' per-address counts (link_rate) move to a MEMORY table: every open of
-- a link counts one hit before anything else, and an InnoDB row written (and its redo log
-- flushed) per page view made the page cost twice what it should. The counts are only a
-- rate limit: losing them when MariaDB restarts is harmless. The address is ASCII (an IP
-- address) so a row is about 70 bytes; 64 MB hold some 900,000 addresses, and the sweep
-- deletes what is older than an hour. When the table is full, every address waits (429).
SET SESSION max_heap_table_size = 64 * 1024 * 1024;
DELETE FROM link_rate;
ALTER TABLE link_rate MODIFY address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ENGINE = MEMORY;
