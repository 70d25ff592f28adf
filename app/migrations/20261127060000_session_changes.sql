-- Every server instance keeps the sessions it looked up lately (app/src/ssr/auth/
-- session_cache.rs). Any change to a session or an account (revoked, disabled, a new role
-- or password) tells them all to forget what they keep.
create function notify_session_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('crema_sessions', '');
    return null;
end
$$;

create trigger sessions_changed after update on sessions
    for each row when (old.* is distinct from new.*)
    execute function notify_session_change();
create trigger sessions_deleted after delete on sessions
    for each row execute function notify_session_change();
create trigger users_changed after update on users
    for each row when (old.* is distinct from new.*)
    execute function notify_session_change();
create trigger users_deleted after delete on users
    for each row execute function notify_session_change();
