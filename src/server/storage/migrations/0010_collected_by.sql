-- The field officer who collected an application (issue 7, field officer point 2): the account of
-- the registered device key whose signature over the record's collection statement the server
-- verified (src/domain/field/collection.ts). Only field applications name a collector.
alter table applications add column collected_by uuid references accounts (id);
alter table applications add constraint applications_collected_by_field check (collected_by is null or channel = 'field');
