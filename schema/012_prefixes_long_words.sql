-- A search word of fewer than four letters is never looked up by its beginning (it walks
-- the order's index: cgi-bin/cadastro/busca.c), so the beginnings of such words ("com",
-- "br", "da": about a third of the rows) were written and never read. They go, and no
-- new ones are written (CLIENT_PREFIX_WORDS in lib/cadastro/client.h).
DELETE FROM client_prefixes WHERE CHAR_LENGTH(prefix) < 4;
DELETE FROM client_prefix_counts WHERE CHAR_LENGTH(prefix) < 4;
