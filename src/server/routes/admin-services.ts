// The administrators' form editor's routes (issue 17): a service read fresh, a new service created,
// and a form exchanged as a spreadsheet (XLSForm-like .xlsx): exported from one service, read back
// into the editor for review, saved with PUT /api/admin/services/:id or as a new service here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import { IdParams, ServiceDoc, ServicePut } from '../../domain/backoffice/api.ts';
import {
  MAX_SPREADSHEET_BYTES,
  SpreadsheetContent,
  SpreadsheetRejection,
  XLSX_MEDIA_TYPE,
} from '../../domain/backoffice/forms-api.ts';
import { Service } from '../../domain/catalogue/service.ts';
import { fromWorkbook } from '../../domain/forms/xlsform.ts';
import { audit } from '../audit/log.ts';
import { unknownOffices } from '../auth/accounts.ts';
import { principalOf, requireRole } from '../auth/guard.ts';
import { editDocument, type StoredDoc } from '../catalogue/edit.ts';
import { definitionProblems } from '../catalogue/service-versions.ts';
import { readFormSpreadsheet, SpreadsheetError, writeFormSpreadsheet } from '../catalogue/spreadsheet.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';

const Denied = { 401: ApiError, 403: ApiError };
const SPREADSHEET_TYPES = [XLSX_MEDIA_TYPE, 'application/octet-stream'];

async function storedService(db: Database, id: string): Promise<Service | null> {
  const [row] = await db.query<{ doc: unknown }>(
    `select doc from catalogue_docs where collection = 'services' and id = $1 and not deleted`,
    [id],
  );
  return row ? Service.parse(row.doc) : null;
}

export function adminServiceRoutes(app: FastifyInstance, db: Database): void {
  const admin = requireRole('administrator');

  void app.register(async (scope) => {
    // A scope of its own, so the binary body parser serves the spreadsheet upload only.
    scope.addContentTypeParser(
      SPREADSHEET_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_SPREADSHEET_BYTES },
      (_req, body, done) => done(null, body),
    );
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.get(
      '/api/admin/services/:id',
      {
        onRequest: admin,
        schema: {
          summary: 'A service as stored now, with its open form versions (administrators)',
          tags: ['admin', 'catalogue'],
          params: IdParams,
          response: { 200: ServiceDoc, 404: ApiError, ...Denied },
        },
      },
      async (req, reply) => {
        const service = await storedService(db, req.params.id);
        return service ?? reply.code(404).send(apiError('not_found', 'No such service.'));
      },
    );

    api.post(
      '/api/admin/services',
      {
        onRequest: admin,
        schema: {
          summary: 'Create a service (administrators)',
          description:
            'The whole service, as for PUT. Its form’s rules must hold together (400 invalid_definition); an id in use is 409. ' +
            'A new service has no earlier form versions open.',
          tags: ['admin', 'catalogue'],
          body: ServicePut,
          response: { 201: ServiceDoc, 400: ApiError, 409: ApiError, ...Denied },
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const missing = await unknownOffices(db, req.body.officeIds);
        if (missing.length > 0)
          return reply.code(400).send(
            apiError('invalid_request', 'Unknown office.', {
              'body.officeIds': missing.map((id) => `no office ${id}`),
            }),
          );
        const problems = definitionProblems(req.body);
        if (problems)
          return reply
            .code(400)
            .send(apiError('invalid_definition', 'The form’s rules do not hold together.', problems));
        const { earlierForms: _none, ...content } = req.body;
        let exists = false;
        const { doc } = await editDocument(
          db,
          'services',
          content.id,
          (current) => {
            exists = current !== null;
            return exists ? { none: true } : { put: content as unknown as StoredDoc };
          },
          async (tx, result) => {
            if (result.written)
              await audit(tx, principal, 'service.create', {
                kind: 'service',
                id: content.id,
                detail: { formVersion: content.form.version },
              });
          },
        );
        if (exists)
          return reply.code(409).send(apiError('service_exists', 'A service with this id exists; change it with PUT.'));
        return reply.code(201).send(Service.parse(doc));
      },
    );

    api.get(
      '/api/admin/services/:id/spreadsheet',
      {
        onRequest: admin,
        schema: {
          summary: 'A service’s form as a spreadsheet (.xlsx: survey, choices, requirements, settings)',
          description:
            'In the spirit of XLSForm: a row per field with `type`, `name`, labels in both languages, `required`, `relevant` and `constraint` in the rule syntax; ' +
            'the options of each `select_one` list in `choices`; requirements and their groups (`one_of`, `all_of`, `at_least`) in `requirements`.',
          tags: ['admin', 'catalogue'],
          params: IdParams,
          response: { 200: z.any().describe('The .xlsx file'), 404: ApiError, ...Denied },
        },
      },
      async (req, reply) => {
        const service = await storedService(db, req.params.id);
        if (!service) return reply.code(404).send(apiError('not_found', 'No such service.'));
        const file = await writeFormSpreadsheet({
          id: service.id,
          name: service.name,
          requirements: service.requirements,
          form: service.form,
        });
        return reply
          .header('content-type', XLSX_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="${service.id}-v${service.form.version}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(file);
      },
    );

    api.post(
      '/api/admin/forms/spreadsheet',
      {
        onRequest: admin,
        bodyLimit: MAX_SPREADSHEET_BYTES,
        schema: {
          summary: 'Read a form from a spreadsheet, for review in the editor (nothing is saved)',
          description:
            `The body is the .xlsx file (content type ${SPREADSHEET_TYPES.join(' or ')}, at most ${MAX_SPREADSHEET_BYTES} bytes). ` +
            'Answers the requirements and form it defines, checked as a save would check them; or 422 with each problem’s sheet, row and column.',
          tags: ['admin', 'catalogue'],
          response: {
            200: SpreadsheetContent,
            400: ApiError,
            413: ApiError,
            415: ApiError,
            422: SpreadsheetRejection,
            ...Denied,
          },
        },
      },
      async (req, reply) => {
        const body = req.body;
        if (!Buffer.isBuffer(body))
          return reply.code(400).send(apiError('not_xlsx', 'Send the .xlsx file as the request body.'));
        let book: Awaited<ReturnType<typeof readFormSpreadsheet>>;
        try {
          book = await readFormSpreadsheet(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
        } catch (err) {
          if (!(err instanceof SpreadsheetError)) throw err;
          return err.reason === 'too_large'
            ? reply.code(413).send(apiError('too_large', 'The spreadsheet holds more than a form can.'))
            : reply.code(400).send(apiError('not_xlsx', 'This is not an .xlsx spreadsheet.'));
        }
        const read = fromWorkbook(book);
        if (!read.ok)
          return reply.code(422).send({
            ...apiError('invalid_spreadsheet', 'The spreadsheet is not a correct form.'),
            issues: read.issues,
          });
        return read.content;
      },
    );
  });
}
