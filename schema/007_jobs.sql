-- Work longer than a request (DESIGN.md): a bulk action on many records. The request
-- writes the job and the ids of its records in one transaction; the worker (portalctl
-- worker) claims the oldest unfinished job (FOR UPDATE SKIP LOCKED, so several workers
-- may run), changes its next records in one transaction, removes them from job_items
-- and counts them in the job's row, which the job's page shows.
CREATE TABLE IF NOT EXISTS jobs (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id    BIGINT UNSIGNED NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  actor        VARCHAR(200) NOT NULL,            -- the user's name, for the audit rows
  address      VARCHAR(45)  NOT NULL DEFAULT '', -- where the user asked from
  action       VARCHAR(20)  NOT NULL,            -- ativar, desativar, lixeira, etiquetar, desetiquetar
  tag_id       BIGINT UNSIGNED NULL,
  tag_name     VARCHAR(60)  NOT NULL DEFAULT '',
  status       ENUM('queued', 'running', 'done', 'failed') NOT NULL DEFAULT 'queued',
  total        INT UNSIGNED NOT NULL DEFAULT 0,
  done         INT UNSIGNED NOT NULL DEFAULT 0,
  changed      INT UNSIGNED NOT NULL DEFAULT 0,
  created_at   DATETIME(6) NOT NULL,
  started_at   DATETIME(6) NULL,
  finished_at  DATETIME(6) NULL,
  KEY jobs_queue (status, id),
  KEY jobs_office (office_id, id),
  CONSTRAINT jobs_office FOREIGN KEY (office_id) REFERENCES offices (id),
  CONSTRAINT jobs_user FOREIGN KEY (user_id) REFERENCES staff_users (id)
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS job_items (
  job_id     BIGINT UNSIGNED NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (job_id, client_id),
  CONSTRAINT job_items_job FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE
) ENGINE=InnoDB;
