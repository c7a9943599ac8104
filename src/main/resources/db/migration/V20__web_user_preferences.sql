-- The interface language each staff user chose in the web app (issue 11), remembered across sessions.
-- user_id is the signed-in staff member's id (the actor), never anything about a person screened.
create table web_user_preference (
    user_id    varchar(200) primary key,
    language   varchar(2)   not null check (language in ('en', 'es')),
    updated_at timestamp    not null
);
