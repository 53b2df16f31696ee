-- The catalogue (services, offices, announcements, region data) as JSON documents with a change
-- sequence. Writers stamp `seq` while holding an advisory lock until commit, so sequence order is
-- commit order: a device that has seen seq N can never miss a later commit with a smaller number.
create sequence catalogue_seq;

create table catalogue_docs (
  collection text not null,
  id text not null,
  doc jsonb not null,
  deleted boolean not null default false,
  seq bigint not null,
  primary key (collection, id)
);
create unique index catalogue_docs_feed on catalogue_docs (collection, seq);
create index catalogue_docs_seq on catalogue_docs (seq);
