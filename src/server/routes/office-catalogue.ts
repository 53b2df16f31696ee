// Catalogue editing from the back office (issue #6 point 5): officers of an office change its hours
// and contacts and publish announcements; administrators replace a service's standard and form. Each
// change is one catalogue document written with the next change number (so devices pull exactly
// that document, or its tombstone) in one transaction with its audit entry.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Principal } from '../../domain/accounts/account.ts';
import { ApiError } from '../../domain/api.ts';
import {
  AnnouncementCreate,
  AnnouncementDoc,
  AnnouncementEdit,
  Deleted,
  IdParams,
  OfficeDoc,
  OfficeEdit,
  ServiceDoc,
  ServicePut,
} from '../../domain/backoffice/api.ts';
import { Announcement } from '../../domain/catalogue/announcement.ts';
import { Office } from '../../domain/catalogue/office.ts';
import { Service } from '../../domain/catalogue/service.ts';
import { audit } from '../audit/log.ts';
import { inOfficeScope, principalOf, requireRole } from '../auth/guard.ts';
import { editDocument, type StoredDoc } from '../catalogue/edit.ts';
import { definitionProblems, nextVersions } from '../catalogue/service-versions.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';

const Denied = { 401: ApiError, 403: ApiError };

/** A 4xx decided inside the edit's transaction (rolls it back). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error.code);
  }
}

const notFound = (what: string) => new Refusal(404, apiError('not_found', `No such ${what}.`));
const forbidden = () => new Refusal(403, apiError('forbidden', 'Not one of your offices.'));

/** The stored result must still be a valid document (checked before it is written). */
function valid<T extends z.ZodObject>(schema: T, content: Record<string, unknown>): StoredDoc {
  const parsed = schema.omit({ updatedAt: true } as never).safeParse(content);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = `body.${issue.path.join('.')}`;
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
    throw new Refusal(400, apiError('invalid_request', 'The result would not be a valid document.', fields));
  }
  return parsed.data as unknown as StoredDoc;
}

const allInScope = (p: Principal, officeIds: readonly string[]) => officeIds.every((id) => inOfficeScope(p, id));

export function officeCatalogueRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireRole('officer', 'administrator');

  const unknownOffices = async (ids: readonly string[]) => {
    const rows = await db.query<{ id: string }>(
      `select id from catalogue_docs where collection = 'offices' and not deleted and id = any($1::text[])`,
      [[...ids]],
    );
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  };

  /** The offices an announcement names must all be the account's, and must exist. */
  const checkOffices = async (principal: Principal, ids: readonly string[]) => {
    if (!allInScope(principal, ids)) throw forbidden();
    const missing = await unknownOffices(ids);
    if (missing.length)
      throw new Refusal(
        400,
        apiError('invalid_request', 'Unknown office.', { 'body.officeIds': missing.map((id) => `no office ${id}`) }),
      );
  };

  const run = async <T>(reply: { code(n: number): { send(b: unknown): unknown } }, work: () => Promise<T>) => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof Refusal) return reply.code(err.status).send(err.body) as never;
      throw err;
    }
  };

  api.patch(
    '/api/office/offices/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Change an office’s opening hours and contacts (officers of that office, administrators)',
        description: 'Replaces the keys given. Devices pull the changed office through the catalogue replication.',
        tags: ['office', 'catalogue'],
        params: IdParams,
        body: OfficeEdit,
        response: { 200: OfficeDoc, 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) =>
      run(reply, async () => {
        const principal = principalOf(req);
        if (!inOfficeScope(principal, req.params.id)) throw forbidden();
        const { doc } = await editDocument(
          db,
          'offices',
          req.params.id,
          (current) => {
            if (!current) throw notFound('office');
            const next: Record<string, unknown> = { ...current };
            if (req.body.hours !== undefined) next.hours = req.body.hours;
            if (req.body.contacts !== undefined) next.contacts = req.body.contacts;
            return { put: valid(Office, next) };
          },
          (tx, result) =>
            audit(tx, principal, 'office.edit', {
              kind: 'office',
              id: req.params.id,
              officeId: req.params.id,
              detail: { changed: Object.keys(req.body).sort(), written: result.written },
            }),
        );
        return doc as z.infer<typeof OfficeDoc>;
      }),
  );

  api.post(
    '/api/office/announcements',
    {
      onRequest: staff,
      schema: {
        summary: 'Publish an announcement (closure, changed hours, restriction) for offices of the account',
        tags: ['office', 'catalogue'],
        body: AnnouncementCreate,
        response: { 201: AnnouncementDoc, 400: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) =>
      run(reply, async () => {
        const principal = principalOf(req);
        await checkOffices(principal, req.body.officeIds);
        const { doc } = await editDocument(
          db,
          'announcements',
          req.body.id,
          (current) => {
            if (current)
              throw new Refusal(
                409,
                apiError('announcement_exists', 'An announcement with this id exists; change it with PATCH.'),
              );
            return { put: valid(Announcement, req.body) };
          },
          (tx) =>
            audit(tx, principal, 'announcement.create', {
              kind: 'announcement',
              id: req.body.id,
              detail: { officeIds: req.body.officeIds, kind: req.body.kind },
            }),
        );
        return reply.code(201).send(doc as z.infer<typeof AnnouncementDoc>);
      }),
  );

  api.patch(
    '/api/office/announcements/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Change an announcement (all its offices, before and after, must be the account’s)',
        description: '`validUntil: null` makes it open-ended; `hours: null` removes changed hours.',
        tags: ['office', 'catalogue'],
        params: IdParams,
        body: AnnouncementEdit,
        response: { 200: AnnouncementDoc, 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) =>
      run(reply, async () => {
        const principal = principalOf(req);
        if (req.body.officeIds) await checkOffices(principal, req.body.officeIds);
        const { doc } = await editDocument(
          db,
          'announcements',
          req.params.id,
          (current) => {
            if (!current) throw notFound('announcement');
            if (!allInScope(principal, current.officeIds as string[])) throw forbidden();
            const next: Record<string, unknown> = { ...current };
            for (const [key, value] of Object.entries(req.body)) {
              if (value === null) delete next[key];
              else if (value !== undefined) next[key] = value;
            }
            return { put: valid(Announcement, next) };
          },
          (tx) =>
            audit(tx, principal, 'announcement.edit', {
              kind: 'announcement',
              id: req.params.id,
              detail: { changed: Object.keys(req.body).sort() },
            }),
        );
        return doc as z.infer<typeof AnnouncementDoc>;
      }),
  );

  api.delete(
    '/api/office/announcements/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'Withdraw an announcement: devices drop it on their next pull',
        tags: ['office', 'catalogue'],
        params: IdParams,
        response: { 200: Deleted, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) =>
      run(reply, async () => {
        const principal = principalOf(req);
        await editDocument(
          db,
          'announcements',
          req.params.id,
          (current) => {
            if (!current) throw notFound('announcement');
            if (!allInScope(principal, current.officeIds as string[])) throw forbidden();
            return { delete: true };
          },
          (tx) => audit(tx, principal, 'announcement.delete', { kind: 'announcement', id: req.params.id }),
        );
        return { id: req.params.id, deleted: true as const };
      }),
  );

  api.put(
    '/api/admin/services/:id',
    {
      onRequest: requireRole('administrator'),
      schema: {
        summary: 'Replace a service: its standard, channels, offices and form (administrators)',
        description:
          'The body’s id must be the path’s. The form’s rules must hold together (unknown fields, wrong options, circular relevance… are 400 invalid_definition). ' +
          'When the form’s fields or groups change, its version becomes one more than the stored one, and the version it replaces stays open in earlierForms: ' +
          'drafts begun with it are accepted against it. `earlierForms` in the body can only close versions (those it leaves out); absent, it changes none.',
        tags: ['admin', 'catalogue'],
        params: IdParams,
        body: ServicePut,
        response: { 200: ServiceDoc, 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) =>
      run(reply, async () => {
        const principal = principalOf(req);
        if (req.body.id !== req.params.id) {
          throw new Refusal(
            400,
            apiError('invalid_request', 'The body’s id must be the path’s.', {
              'body.id': ['must equal the id in the path'],
            }),
          );
        }
        const missing = await unknownOffices(req.body.officeIds);
        if (missing.length)
          throw new Refusal(
            400,
            apiError('invalid_request', 'Unknown office.', {
              'body.officeIds': missing.map((id) => `no office ${id}`),
            }),
          );
        const problems = definitionProblems(req.body);
        if (problems)
          throw new Refusal(400, apiError('invalid_definition', 'The form’s rules do not hold together.', problems));
        let versions = { formVersion: req.body.form.version, closed: [] as number[] };
        const { doc } = await editDocument(
          db,
          'services',
          req.params.id,
          (current) => {
            if (!current) throw notFound('service');
            const next = nextVersions(Service.parse(current), req.body);
            versions = next;
            return { put: valid(Service, next.content) };
          },
          (tx, result) =>
            audit(tx, principal, 'service.edit', {
              kind: 'service',
              id: req.params.id,
              detail: {
                formVersion: versions.formVersion,
                closedVersions: versions.closed.map(String),
                written: result.written,
              },
            }),
        );
        return doc as z.infer<typeof ServiceDoc>;
      }),
  );
}
