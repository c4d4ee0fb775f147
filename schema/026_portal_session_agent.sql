-- The clients' sessions keep the browser that opened them, as the staff's do (008): both
-- realms' sessions are started by one mechanism (lib/web/session_realm.c).
ALTER TABLE portal_sessions
  ADD COLUMN IF NOT EXISTS user_agent VARCHAR(300) NOT NULL DEFAULT '';
