-- The runner prunes sessions that have ended; deleting one that no longer works changes
-- nothing any instance keeps, so only a live session's deletion is notified.
drop trigger sessions_deleted on sessions;
create trigger sessions_deleted after delete on sessions
    for each row when (old.revoked_at is null and old.expires_at > now())
    execute function notify_session_change();

-- Pruning by age.
create index sessions_ended on sessions (coalesce(revoked_at, expires_at));
create index sign_in_codes_by_age on sign_in_codes (created_at);
create index dev_mailbox_by_age on dev_mailbox (sent_at);
