-- Honorários: what each client pays the office every month (plans), the fees generated
-- from them, and their payments. Money in integer centavos; a competência is the first
-- day of its month; dates without time are the office's calendar days.

-- A client's fee plan (contrato de honorários). A client may have several.
CREATE TABLE IF NOT EXISTS fee_plans (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id    BIGINT UNSIGNED NOT NULL,
  client_id    BIGINT UNSIGNED NOT NULL,
  description  VARCHAR(120) NOT NULL,
  amount       BIGINT NOT NULL,                  -- monthly value, centavos (> 0)
  due_day      TINYINT UNSIGNED NOT NULL,        -- 1..31: a month without it uses its last day
  due_next_month BOOLEAN NOT NULL DEFAULT FALSE,   -- due in the month after the competência
  start_month  DATE NOT NULL,                    -- first competência
  end_month    DATE NULL,                        -- last competência; NULL: no end
  active       BOOLEAN NOT NULL DEFAULT TRUE,
  -- 13º honorário: none, one monthly value, or value × months of the year since the
  -- plan started / 12; in thirteenth_month of each year.
  thirteenth   ENUM('nao','integral','proporcional') NOT NULL DEFAULT 'nao',
  thirteenth_month TINYINT UNSIGNED NOT NULL DEFAULT 12,
  version      INT UNSIGNED NOT NULL DEFAULT 1,
  created_at   DATETIME(6) NOT NULL,
  updated_at   DATETIME(6) NOT NULL,
  KEY fee_plans_office_client (office_id, client_id),
  CONSTRAINT fee_plans_office FOREIGN KEY (office_id) REFERENCES offices (id),
  -- A plan is part of the client's record (a purged record takes its plans); its fees
  -- are not: a client with fees is never purged (fees_client has no cascade).
  CONSTRAINT fee_plans_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A reajuste from a competência on (lib/honorarios/reajuste.c): the plan holds the value
-- after it; the competências before from_month, when generated later, take
-- amount_before (the value in force for a competência is the amount_before of the
-- first change after it, or the plan's own).
CREATE TABLE IF NOT EXISTS fee_plan_changes (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  plan_id       BIGINT UNSIGNED NOT NULL,
  from_month    DATE NOT NULL,
  amount_before BIGINT NOT NULL,
  amount_after  BIGINT NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  KEY fee_plan_changes_plan (plan_id, from_month),
  CONSTRAINT fee_plan_changes_plan FOREIGN KEY (plan_id) REFERENCES fee_plans (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A fee (honorário): one competência of one plan, of one kind. The unique key, not the
-- code, makes each fee exist once: two generations at the same time still create it
-- once (INSERT IGNORE). plan_id 0: a fee typed for a run, for a client without a plan.
-- "Vencido" is never stored: it is an unpaid fee whose due date has passed today.
CREATE TABLE IF NOT EXISTS fees (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id     BIGINT UNSIGNED NOT NULL,
  client_id     BIGINT UNSIGNED NOT NULL,
  plan_id       BIGINT UNSIGNED NOT NULL DEFAULT 0,
  competencia   DATE NOT NULL,
  kind          ENUM('mensal','13') NOT NULL DEFAULT 'mensal',
  description   VARCHAR(120) NOT NULL,
  amount        BIGINT NOT NULL,                 -- centavos (> 0)
  paid          BIGINT NOT NULL DEFAULT 0,       -- the sum of its payments
  due_date      DATE NOT NULL,
  -- aberto: unpaid (or partly paid); negativado and cobranca are unpaid too, in
  -- collection; recebido: paid in full; cancelado: not owed (cancel_reason says why).
  status        ENUM('aberto','recebido','cancelado','negativado','cobranca') NOT NULL DEFAULT 'aberto',
  paid_on       DATE NULL,                       -- the payment that settled it
  cancel_reason VARCHAR(300) NOT NULL DEFAULT '',
  generation_id BIGINT UNSIGNED NULL,
  version       INT UNSIGNED NOT NULL DEFAULT 1,
  created_at    DATETIME(6) NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  -- 1 while the fee is owed (aberto, negativado, cobranca): "a receber" is one range.
  unpaid        TINYINT AS (status IN ('aberto', 'negativado', 'cobranca')) PERSISTENT,
  -- Client first: it also serves the foreign key and every question about one client.
  UNIQUE KEY fees_once (client_id, office_id, plan_id, competencia, kind),
  -- The receivables list within an office, a page read in index order (due date, then
  -- id, as the list shows them): owed, by one status, or by one competência and status.
  -- Narrow on purpose: a generation writes every key of 120,000 fees (the start page's
  -- totals come from fee_open_days, not from these).
  KEY fees_unpaid_due (office_id, unpaid, due_date),
  KEY fees_status_due (office_id, status, due_date),
  KEY fees_competencia (office_id, competencia, status, due_date),
  KEY fees_generation (generation_id),
  CONSTRAINT fees_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT fees_client FOREIGN KEY (client_id) REFERENCES clients (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What is owed per office and due date (unpaid fees: how many, the sum still open): the
-- start page's TOTAL A RECEBER and vencido add up a few hundred of these rows instead
-- of every unpaid fee. Kept by the triggers below for every single change; a
-- generation's INSERT (lib/honorarios/generate.c) sets @portal_bulk_insert and adds its
-- batch's totals itself, once, in the same transaction.
CREATE TABLE IF NOT EXISTS fee_open_days (
  office_id  BIGINT UNSIGNED NOT NULL,
  due_date   DATE NOT NULL,
  fees       INT NOT NULL DEFAULT 0,
  open_sum   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (office_id, due_date)
) ENGINE=InnoDB;

DROP TRIGGER IF EXISTS fees_open_insert;
CREATE TRIGGER fees_open_insert AFTER INSERT ON fees FOR EACH ROW
BEGIN
  IF @portal_bulk_insert IS NULL AND NEW.unpaid THEN
    INSERT INTO fee_open_days (office_id, due_date, fees, open_sum)
    VALUES (NEW.office_id, NEW.due_date, 1, NEW.amount - NEW.paid)
    ON DUPLICATE KEY UPDATE fees = fees + 1, open_sum = open_sum + NEW.amount - NEW.paid;
  END IF;
END;

DROP TRIGGER IF EXISTS fees_open_update;
CREATE TRIGGER fees_open_update AFTER UPDATE ON fees FOR EACH ROW
BEGIN
  IF OLD.unpaid THEN
    UPDATE fee_open_days SET fees = fees - 1, open_sum = open_sum - (OLD.amount - OLD.paid)
    WHERE office_id = OLD.office_id AND due_date = OLD.due_date;
  END IF;
  IF NEW.unpaid THEN
    INSERT INTO fee_open_days (office_id, due_date, fees, open_sum)
    VALUES (NEW.office_id, NEW.due_date, 1, NEW.amount - NEW.paid)
    ON DUPLICATE KEY UPDATE fees = fees + 1, open_sum = open_sum + NEW.amount - NEW.paid;
  END IF;
END;

DROP TRIGGER IF EXISTS fees_open_delete;
CREATE TRIGGER fees_open_delete AFTER DELETE ON fees FOR EACH ROW
BEGIN
  IF OLD.unpaid THEN
    UPDATE fee_open_days SET fees = fees - 1, open_sum = open_sum - (OLD.amount - OLD.paid)
    WHERE office_id = OLD.office_id AND due_date = OLD.due_date;
  END IF;
END;

CREATE TABLE IF NOT EXISTS fee_payments (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  fee_id      BIGINT UNSIGNED NOT NULL,
  paid_on     DATE NOT NULL,
  amount      BIGINT NOT NULL,                   -- centavos (> 0)
  method      ENUM('pix','boleto','transferencia','dinheiro','cartao') NOT NULL,
  user_id     BIGINT UNSIGNED NULL,
  actor       VARCHAR(200) NOT NULL DEFAULT '',
  created_at  DATETIME(6) NOT NULL,
  KEY fee_payments_fee (fee_id, paid_on),
  KEY fee_payments_office (office_id, paid_on),
  CONSTRAINT fee_payments_fee FOREIGN KEY (fee_id) REFERENCES fees (id)
) ENGINE=InnoDB;

-- The office's own holidays (its city's): a date of one year, or every year (year 0).
CREATE TABLE IF NOT EXISTS office_holidays (
  office_id  BIGINT UNSIGNED NOT NULL,
  year       SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  month      TINYINT UNSIGNED NOT NULL,
  day        TINYINT UNSIGNED NOT NULL,
  name       VARCHAR(100) NOT NULL DEFAULT '',
  PRIMARY KEY (office_id, year, month, day),
  CONSTRAINT office_holidays_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The version of an office's fees: it moves in every transaction that changes a fee or
-- a plan (written by the code, once per transaction, not by triggers per row: a
-- generation writes thousands of fees at once). What a worker remembers of the fees
-- (the start page's totals, receivables pages) is kept for one version (lib/base/memo).
ALTER TABLE client_counts ADD COLUMN IF NOT EXISTS fee_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

-- The office's PIX receiving data (the BR Code of every open fee).
ALTER TABLE offices
  ADD COLUMN IF NOT EXISTS pix_key       VARCHAR(77)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS pix_key_type  VARCHAR(20)  NOT NULL DEFAULT '',  -- "Chave aleatória", ...(pix_key_type_name)
  ADD COLUMN IF NOT EXISTS pix_name      VARCHAR(25)  NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS pix_city      VARCHAR(15)  NOT NULL DEFAULT '';

-- A generation run: its parameters, and for a large run the worker's progress. Its
-- clients wait in fee_generation_items until the worker has made their fees.
CREATE TABLE IF NOT EXISTS fee_generations (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id    BIGINT UNSIGNED NOT NULL,
  number       INT UNSIGNED NOT NULL,            -- the office's own count: "geração nº 3"
  user_id      BIGINT UNSIGNED NOT NULL,
  actor        VARCHAR(200) NOT NULL,
  address      VARCHAR(45)  NOT NULL DEFAULT '',
  first_month  DATE NOT NULL,
  months       TINYINT UNSIGNED NOT NULL,        -- 1..60
  amount       BIGINT NULL,                      -- typed for this run; NULL: each plan's
  due_day      TINYINT UNSIGNED NOT NULL DEFAULT 0,  -- the typed run's
  description  VARCHAR(120) NOT NULL DEFAULT '',     -- the typed run's
  status       ENUM('queued','running','done','failed') NOT NULL DEFAULT 'queued',
  total        INT UNSIGNED NOT NULL DEFAULT 0,  -- clients
  done         INT UNSIGNED NOT NULL DEFAULT 0,
  created      INT UNSIGNED NOT NULL DEFAULT 0,  -- fees made
  skipped      INT UNSIGNED NOT NULL DEFAULT 0,  -- fees that existed already
  created_sum  BIGINT NOT NULL DEFAULT 0,        -- centavos of the fees made
  error        VARCHAR(300) NOT NULL DEFAULT '',
  created_at   DATETIME(6) NOT NULL,
  finished_at  DATETIME(6) NULL,
  KEY fee_generations_queue (status, id),
  UNIQUE KEY fee_generations_number (office_id, number),
  CONSTRAINT fee_generations_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fee_generation_items (
  generation_id BIGINT UNSIGNED NOT NULL,
  client_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (generation_id, client_id),
  CONSTRAINT fee_generation_items_run FOREIGN KEY (generation_id) REFERENCES fee_generations (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A registry selection handed to another area (Gerar honorários on the checked rows or
-- on everything a search matches): the ids, kept a day for the page that reads them.
CREATE TABLE IF NOT EXISTS selections (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  total       INT UNSIGNED NOT NULL DEFAULT 0,
  created_at  DATETIME(6) NOT NULL,
  reajuste_at DATETIME(6) NULL,                  -- a reajuste applied to it: once, not again
  KEY selections_age (created_at),
  CONSTRAINT selections_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS selection_items (
  selection_id BIGINT UNSIGNED NOT NULL,
  client_id    BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (selection_id, client_id),
  CONSTRAINT selection_items_selection FOREIGN KEY (selection_id) REFERENCES selections (id) ON DELETE CASCADE
) ENGINE=InnoDB;
