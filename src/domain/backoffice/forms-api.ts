// The administrators' form routes (issue 17), beside PUT /api/admin/services/:id (backoffice/api.ts):
//   GET  /api/admin/services/:id              → Service, fresh from the server (with its open versions)
//   POST /api/admin/services                  ServiceContent → 201 Service (a new service)
//   GET  /api/admin/services/:id/spreadsheet  → .xlsx (survey, choices, requirements, settings)
//   POST /api/admin/forms/spreadsheet         .xlsx → SpreadsheetContent, or 422 SpreadsheetRejection
import { z } from 'zod';
import { ApiError } from '../api.ts';
import { FormDefinition } from '../catalogue/form.ts';
import { Requirement } from '../catalogue/service.ts';
import { LocalizedText, Slug } from '../text.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A form's spreadsheet is a few dozen kilobytes; this leaves room for long help texts. */
export const MAX_SPREADSHEET_BYTES = 1024 * 1024;

/** What a spreadsheet defines: the service's id and name (if its settings sheet gives them), requirements and form. */
export const SpreadsheetContent = z.object({
  id: Slug.optional(),
  name: LocalizedText.optional(),
  requirements: z.array(Requirement).min(1),
  form: FormDefinition,
});
export type SpreadsheetContent = z.infer<typeof SpreadsheetContent>;

export const SheetIssue = z.object({
  sheet: z.enum(['survey', 'choices', 'requirements', 'settings']),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type SheetIssue = z.infer<typeof SheetIssue>;

/** 422: the file is a spreadsheet, but not a correct form; each issue says where (sheet, row, column). */
export const SpreadsheetRejection = ApiError.extend({ issues: z.array(SheetIssue) });
export type SpreadsheetRejection = z.infer<typeof SpreadsheetRejection>;
