-- A partly paid fee whose rest the office writes off ("abater o saldo", issue 26 #12):
-- it is settled (status recebido) with paid + written_off = amount, and the reason is
-- kept beside it. Reopening it undoes the write-off, never the payments. A fee cancelled
-- after a part was paid keeps its payments (paid stays; nothing is owed).
ALTER TABLE fees
  ADD COLUMN IF NOT EXISTS written_off BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS writeoff_reason VARCHAR(300) NOT NULL DEFAULT '';
