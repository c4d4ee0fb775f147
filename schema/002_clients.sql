-- Cadastro: the client registry of each office. Money in centavos, instants in UTC.

CREATE TABLE IF NOT EXISTS clients (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id        BIGINT UNSIGNED NOT NULL,
  kind             ENUM('PF','PJ','EX') NOT NULL,      -- pessoa física, jurídica, estrangeiro
  name             VARCHAR(200) NOT NULL,              -- nome / razão social
  trade_name       VARCHAR(200) NOT NULL DEFAULT '',   -- nome fantasia
  document         VARCHAR(40)  NOT NULL DEFAULT '',   -- bare CPF (11) / CNPJ (14), or foreign, free-form
  country          VARCHAR(60)  NOT NULL DEFAULT '',
  state_reg        VARCHAR(30)  NOT NULL DEFAULT '',   -- inscrição estadual
  city_reg         VARCHAR(30)  NOT NULL DEFAULT '',   -- inscrição municipal
  tax_regime       ENUM('','mei','simples','presumido','real','imune','na') NOT NULL DEFAULT '',
  birth_date       DATE NULL,                          -- nascimento / abertura
  email            VARCHAR(254) NOT NULL DEFAULT '',
  other_emails     VARCHAR(1000) NOT NULL DEFAULT '',  -- one per line
  phone_work       VARCHAR(13)  NOT NULL DEFAULT '',   -- digits
  phone_home       VARCHAR(13)  NOT NULL DEFAULT '',
  phone_mobile     VARCHAR(13)  NOT NULL DEFAULT '',
  cep              CHAR(8)      NOT NULL DEFAULT '',
  street           VARCHAR(200) NOT NULL DEFAULT '',
  number           VARCHAR(20)  NOT NULL DEFAULT '',
  complement       VARCHAR(100) NOT NULL DEFAULT '',
  district         VARCHAR(100) NOT NULL DEFAULT '',
  city             VARCHAR(100) NOT NULL DEFAULT '',
  uf               CHAR(2)      NOT NULL DEFAULT '',
  contact_name     VARCHAR(200) NOT NULL DEFAULT '',
  is_client        BOOLEAN NOT NULL DEFAULT TRUE,
  is_supplier      BOOLEAN NOT NULL DEFAULT FALSE,
  is_provider      BOOLEAN NOT NULL DEFAULT FALSE,
  is_prospect      BOOLEAN NOT NULL DEFAULT FALSE,
  active           BOOLEAN NOT NULL DEFAULT TRUE,
  responsible_id   BIGINT UNSIGNED NULL,
  observation      VARCHAR(2000) NOT NULL DEFAULT '',  -- the fixed note at the top of the profile
  version          INT UNSIGNED NOT NULL DEFAULT 1,    -- optimistic locking
  trashed          BOOLEAN NOT NULL DEFAULT FALSE,
  deleted_at       DATETIME(6) NULL,
  created_at       DATETIME(6) NOT NULL,
  updated_at       DATETIME(6) NOT NULL,
  -- Lists read pages in one of three orders, always within an office and outside or
  -- inside the trash: each order has its index, so a page is an index range scan.
  KEY clients_by_name (office_id, trashed, name, id),
  KEY clients_by_created (office_id, trashed, created_at, id),
  KEY clients_by_updated (office_id, trashed, updated_at, id),
  KEY clients_document (office_id, document),
  KEY clients_email (office_id, email),
  CONSTRAINT clients_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT clients_responsible FOREIGN KEY (responsible_id) REFERENCES staff_users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The words of a client's name, trade name, e-mails and document, folded (lowercase,
-- no accents, no punctuation): a search for "joao silv" is two index range scans
-- (word LIKE 'joao%', word LIKE 'silv%'), not a scan of every client.
CREATE TABLE IF NOT EXISTS client_words (
  office_id  BIGINT UNSIGNED NOT NULL,
  word       VARCHAR(60) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,  -- ASCII in fact
  client_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (office_id, word, client_id),
  KEY client_words_client (client_id),
  CONSTRAINT client_words_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- Exact counts of an office's clients without counting rows on every list page.
CREATE TABLE IF NOT EXISTS client_counts (
  office_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  active     INT NOT NULL DEFAULT 0,
  inactive   INT NOT NULL DEFAULT 0,
  trashed    INT NOT NULL DEFAULT 0,
  CONSTRAINT client_counts_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS tags (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id  BIGINT UNSIGNED NOT NULL,
  name       VARCHAR(60) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY tags_name (office_id, name),
  CONSTRAINT tags_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS client_tags (
  tag_id     BIGINT UNSIGNED NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (tag_id, client_id),
  KEY client_tags_client (client_id),
  CONSTRAINT client_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE,
  CONSTRAINT client_tags_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- The profile's timeline: notes written by staff and automatic ones (activated,
-- moved to the trash, restored, ...).
CREATE TABLE IF NOT EXISTS client_notes (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id  BIGINT UNSIGNED NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  at         DATETIME(6) NOT NULL,
  user_id    BIGINT UNSIGNED NULL,
  author     VARCHAR(200) NOT NULL DEFAULT '',
  automatic  BOOLEAN NOT NULL DEFAULT FALSE,
  body       TEXT NOT NULL,
  KEY client_notes_client (client_id, at),
  CONSTRAINT client_notes_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-user choices that outlive a session (the list or card view of /clientes).
CREATE TABLE IF NOT EXISTS user_prefs (
  user_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  client_view ENUM('lista','cartoes') NOT NULL DEFAULT 'lista',
  CONSTRAINT user_prefs_user FOREIGN KEY (user_id) REFERENCES staff_users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
