-- Wrong sign-in codes, by address and by client. They used to be counted on the code, so
-- that anyone could burn another person's code with five wrong guesses; now a client's
-- guesses count against that client (and, in great numbers, against the address).
create table sign_in_failures (
    id     bigint generated always as identity primary key,
    email  text not null,
    client text not null,
    at     timestamptz not null default now()
);
create index sign_in_failures_by_email on sign_in_failures (email, client, at);
create index sign_in_failures_by_client on sign_in_failures (client, at);

alter table sign_in_codes drop column attempts;
