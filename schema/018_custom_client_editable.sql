-- A custom attribute the office lets its clients change themselves, on the form of the
-- "Atualizar cadastro" link (its value applied, or staged for approval like the others:
-- update_changes.field "extra:<id>").
ALTER TABLE custom_fields ADD COLUMN client_editable TINYINT(1) NOT NULL DEFAULT 0 AFTER required;
