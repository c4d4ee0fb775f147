-- Custom attributes an office defines for its clients (admin), and their values.

CREATE TABLE IF NOT EXISTS custom_fields (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  office_id   BIGINT UNSIGNED NOT NULL,
  name        VARCHAR(60) NOT NULL,
  kind        ENUM('texto','texto_longo','numero','data','dinheiro','cpf','cnpj','email',
                   'telefone','sim_nao','lista') NOT NULL,
  help        VARCHAR(200) NOT NULL DEFAULT '',
  required    BOOLEAN NOT NULL DEFAULT FALSE,
  options     VARCHAR(2000) NOT NULL DEFAULT '',   -- 'lista': one option per line
  position    INT NOT NULL DEFAULT 0,
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  created_at  DATETIME(6) NOT NULL,
  UNIQUE KEY custom_fields_name (office_id, name),
  CONSTRAINT custom_fields_office FOREIGN KEY (office_id) REFERENCES offices (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Values in stored form (dates ISO, money in centavos, documents bare, yes/no 1/0).
CREATE TABLE IF NOT EXISTS client_custom_values (
  client_id  BIGINT UNSIGNED NOT NULL,
  field_id   BIGINT UNSIGNED NOT NULL,
  value      VARCHAR(2000) NOT NULL,
  PRIMARY KEY (client_id, field_id),
  KEY client_custom_values_field (field_id, value(40)),
  CONSTRAINT ccv_client FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE,
  CONSTRAINT ccv_field FOREIGN KEY (field_id) REFERENCES custom_fields (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
