-- A sending of "Atualizar cadastro" to many clients is a job (jobs, BULK_UPDATE_LINK); its
-- requests name it, so the job's page can show the sending: how many links were opened or
-- completed, whom to chase, and resend to those who did not complete.
ALTER TABLE update_requests ADD COLUMN job_id BIGINT UNSIGNED NULL AFTER client_id,
  ADD KEY update_requests_job (job_id, id);
