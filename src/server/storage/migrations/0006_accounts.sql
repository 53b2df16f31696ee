-- Accounts and roles (administrator, officer, field-officer, kiosk), back-office sessions, bearer
-- tokens for devices, login attempts for rate limits and lockout (in the database, so they hold
-- across instances), settings, and the audit log. Only hashes of secrets are stored.
create table accounts (
  id uuid primary key,
  -- null for kiosk devices, which sign in with a token only
  username text unique,
  name text not null,
  role text not null check (role in ('administrator', 'officer', 'field-officer', 'kiosk')),
  -- scrypt$<log2 N>$<r>$<p>$<salt>$<hash>; null for kiosks
  password_hash text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table account_offices (
  account_id uuid not null references accounts (id),
  office_id text not null,
  primary key (account_id, office_id)
);
create index account_offices_office on account_offices (office_id);

-- Back-office sessions: the cookie holds a random token, the table its SHA-256.
create table sessions (
  id uuid primary key,
  token_hash text not null unique,
  account_id uuid not null references accounts (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_account on sessions (account_id);
create index sessions_expiry on sessions (expires_at);

-- Bearer tokens: kiosk devices (kind 'device', until revoked) and field officers (kind 'field').
create table access_tokens (
  id uuid primary key,
  token_hash text not null unique,
  account_id uuid not null references accounts (id),
  kind text not null check (kind in ('device', 'field')),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
create index access_tokens_account on access_tokens (account_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  username text not null,
  ip text not null,
  success boolean not null
);
create index login_attempts_username on login_attempts (username, at);
create index login_attempts_ip on login_attempts (ip, at) where not success;
create index login_attempts_at on login_attempts (at);

create table settings (
  key text primary key,
  value jsonb not null
);

-- Who did what, when (the server's clock). `detail` never holds personal data or secrets.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  account_id uuid,
  role text,
  action text not null,
  target_kind text,
  target_id text,
  office_id text,
  detail jsonb not null default '{}'::jsonb
);
create index audit_log_account on audit_log (account_id, id);
create index audit_log_office on audit_log (office_id, id) where office_id is not null;
