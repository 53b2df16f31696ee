-- /lacak answers a kiosk receipt's provisional code once its sealed application is delivered (issue
-- 16): the code is the application id's last 8 hex digits (provisionalCode in
-- src/domain/submissions/tracking-number.ts), and the id came inside the sealed box. Nothing new is
-- stored — the id is already; this index finds a kiosk application by the code without reading them all.
create index applications_kiosk_code on applications ((upper(right(replace(id::text, '-', ''), 8))))
  where channel = 'kiosk';
