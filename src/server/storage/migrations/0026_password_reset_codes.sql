-- Password reset by a one-time code (issue 16, point 5): an administrator resets an account's
-- password (the old one stops working, every session ends) and reads out a code, shown once; the
-- account's owner signs in with it and must choose a new password before anything else. One code per
-- account at most (a new reset replaces it); only its scrypt hash is kept; it expires and is used once.
create table password_reset_codes (
  account_id uuid primary key references accounts (id),
  code_hash text not null,
  created_by uuid references accounts (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
