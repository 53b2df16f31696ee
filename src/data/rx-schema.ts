// Turns a domain zod schema into the JSON schema RxDB stores documents with. RxDB needs a primary
// key with a maxLength, a version, and no $schema keyword; everything else comes from zod, so the
// device's types never drift from the server's.

import type { RxJsonSchema } from 'rxdb';
import { z } from 'zod';

export function toRxSchema<T>(
  schema: z.ZodObject,
  opts: { primaryKey: string; version: number; keyMaxLength?: number },
): RxJsonSchema<T> {
  const json = z.toJSONSchema(schema, { target: 'draft-07', unrepresentable: 'any', io: 'output' }) as Record<
    string,
    unknown
  > & {
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  delete json.$schema;
  const key = json.properties[opts.primaryKey];
  if (!key) throw new Error(`primary key ${opts.primaryKey} is not a property of the schema`);
  json.properties[opts.primaryKey] = { ...key, maxLength: opts.keyMaxLength ?? 100 };
  return {
    ...json,
    title: undefined,
    version: opts.version,
    primaryKey: opts.primaryKey,
    type: 'object',
    properties: json.properties,
    required: json.required ?? [],
    // Documents may gain fields in later app versions; the device keeps what the server sends.
    additionalProperties: true,
  } as unknown as RxJsonSchema<T>;
}
