-- The payment form's idempotency key (issue 27, F-2): the fee page renders a random token
-- in its payment form; the payment is recorded with the token's SHA-256, in the same
-- transaction, unique in the office. The same form sent again (a double click, or a
-- retry after an error whose payment was in fact committed) finds it and answers as the
-- first did, without paying again. settled: the payment settled the fee (the first
-- answer's notice: "quitado" rather than "pago").
ALTER TABLE fee_payments
  ADD COLUMN IF NOT EXISTS form_key BINARY(32) NULL,
  ADD COLUMN IF NOT EXISTS settled TINYINT(1) NOT NULL DEFAULT 0,
  ADD UNIQUE KEY IF NOT EXISTS fee_payments_form_key (office_id, form_key);

-- The same for a note's form on the client's page: the note sent again (a retry after an
-- error whose note was in fact committed) is not written twice.
ALTER TABLE client_notes
  ADD COLUMN IF NOT EXISTS form_key BINARY(32) NULL,
  ADD UNIQUE KEY IF NOT EXISTS client_notes_form_key (office_id, form_key);
