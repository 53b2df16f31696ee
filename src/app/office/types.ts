// What the office routes answer, as the screens read it: the shapes of src/domain/backoffice/api.ts
// (types only, so no schema code lands in the screens' chunks).
import type { z } from 'zod';
import type {
  ApplicationDetailSchema,
  DashboardResponse,
  HistoryEventSchema,
  MoveConflict,
  OfficeList,
  OfficeSummary,
  QueuePageSchema,
  QueueRowSchema,
  WalkInReceipt,
  WalkInRejection,
} from '../../domain/backoffice/api.ts';

export type QueueRow = z.infer<typeof QueueRowSchema>;
export type QueuePage = z.infer<typeof QueuePageSchema>;
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

export type { ComplaintDetail, ComplaintRow, SkmReport, SkmRow } from '../../domain/feedback/office-api.ts';
export type { ImportResponse } from '../../domain/field/api.ts';
export type { DashboardResponse, MoveConflict, OfficeList, OfficeSummary, WalkInReceipt, WalkInRejection };
