-- The field officer's export files (src/domain/field/export-format.ts): the server's long-term
-- ECDH P-256 key pair that files are encrypted to (one row; the private key is never served), and
-- the ECDSA P-256 public keys of field officers' devices that sign them. A device key is refused once
-- revoked or once its account is disabled (revocation follows the account).
create table field_export_keys (
  id text primary key, -- RFC 7638 thumbprint of the public key
  -- at most one key: a second server starting at the same time finds the first one's row
  singleton boolean not null default true unique check (singleton),
  public_jwk jsonb not null,
  private_jwk jsonb not null,
  created_at timestamptz not null default now()
);

create table field_device_keys (
  key_id text primary key, -- RFC 7638 thumbprint of public_jwk
  account_id uuid not null references accounts (id),
  public_jwk jsonb not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index field_device_keys_account on field_device_keys (account_id);
