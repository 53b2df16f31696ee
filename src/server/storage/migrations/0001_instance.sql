-- The identity of this installation: created once, it proves a restart found the same data.
create table instance (
  id uuid primary key,
  created_at timestamptz not null default now()
);
insert into instance (id) values (gen_random_uuid());
