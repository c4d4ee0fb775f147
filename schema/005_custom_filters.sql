-- The list filters by custom attributes of the kinds "lista" and "sim_nao": their
-- definitions and values move the registry version too (see 004), so that the workers'
-- remembered choices and counts follow them.
CREATE TRIGGER custom_fields_version_insert AFTER INSERT ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER custom_fields_version_update AFTER UPDATE ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = NEW.office_id;
CREATE TRIGGER custom_fields_version_delete AFTER DELETE ON custom_fields FOR EACH ROW
  UPDATE client_counts SET version = version + 1 WHERE office_id = OLD.office_id;

CREATE TRIGGER custom_values_version_insert AFTER INSERT ON client_custom_values FOR EACH ROW
  UPDATE client_counts SET version = version + 1
   WHERE office_id = (SELECT office_id FROM clients WHERE id = NEW.client_id);
CREATE TRIGGER custom_values_version_update AFTER UPDATE ON client_custom_values FOR EACH ROW
  UPDATE client_counts SET version = version + 1
   WHERE office_id = (SELECT office_id FROM clients WHERE id = NEW.client_id);
CREATE TRIGGER custom_values_version_delete AFTER DELETE ON client_custom_values FOR EACH ROW
  UPDATE client_counts SET version = version + 1
   WHERE office_id = (SELECT office_id FROM clients WHERE id = OLD.client_id);
