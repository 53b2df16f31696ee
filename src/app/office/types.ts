// What the office routes answer, as the screens read it: the shapes of src/domain/backoffice/api.ts
// (types only, so no schema code lands in the screens' chunks).
export type {
  ApplicationDetail,
  DashboardResponse,
  MoveConflict,
  OfficeList,
  OfficeSummary,
  QueuePage,
  QueueRow,
  WalkInReceipt,
  WalkInRejection,
} from '../../domain/backoffice/api.ts';
export type { ComplaintDetail, ComplaintRow, SkmReport, SkmRow } from '../../domain/feedback/office-api.ts';
export type { ImportResponse } from '../../domain/field/api.ts';
