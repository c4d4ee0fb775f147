-- The outbox (issue 27, F-4): a message keeps one Message-ID across its attempts, so a
-- message sent again after a lost reply (the worker killed between DATA and the server's
-- 250) is recognisably the same message; and a permanent refusal (an SMTP 5xx) ends the
-- retries: failed_at, shown to staff with last_error.
ALTER TABLE outbox
  ADD COLUMN IF NOT EXISTS message_id CHAR(32) NOT NULL DEFAULT '' AFTER office_id,
  ADD COLUMN IF NOT EXISTS failed_at DATETIME(6) NULL AFTER sent_at;

-- The messages still to deliver get theirs now (those already sent keep '').
UPDATE outbox SET message_id = MD5(CONCAT(id, '-', RAND(), '-', UTC_TIMESTAMP(6)))
  WHERE sent_at IS NULL AND message_id = '';
