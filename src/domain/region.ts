// The region a deployment serves (a regency), shipped to devices as one compact document: its
// districts, villages and islands from idn-area-data. Used offline by address fields and filters.
import { z } from 'zod';
import { Instant } from './text.ts';

export const RegionDataset = z.object({
  /** Regency code, e.g. "35.29" (Kabupaten Sumenep). */
  id: z.string().regex(/^\d{2}\.\d{2}$/),
  name: z.string().min(1),
  province: z.object({ code: z.string().regex(/^\d{2}$/), name: z.string().min(1) }),
  /** [code, name], e.g. ["35.29.22", "Ra'as"]. */
  districts: z.array(z.tuple([z.string(), z.string()])),
  /** [code, name], e.g. ["35.29.22.2001", "…"]; the district code is the first 8 characters. */
  villages: z.array(z.tuple([z.string(), z.string()])),
  /** [code, name, latitude, longitude, populated (1/0), outermost small island (1/0)]. */
  islands: z.array(z.tuple([z.string(), z.string(), z.number(), z.number(), z.number(), z.number()])),
  updatedAt: Instant,
});
export type RegionDataset = z.infer<typeof RegionDataset>;
