// Text every client sends is checked to be storable (issue 13, point 10): PostgreSQL refuses NUL in
// text and jsonb, and a lone UTF-16 surrogate is not Unicode. The form rules say so per field.
import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../src/domain/catalogue/form.ts';
import { draftAnswersSchema, validateField } from '../../src/domain/forms/validate.ts';
import { isStorableText } from '../../src/domain/text.ts';

const NUL = 'Siti\u0000Aminah';
const LONE_SURROGATE = 'Kalianget \ud83d';

describe('storable text', () => {
  it('refuses NUL and unpaired surrogates, and keeps every paired one (emoji) and ordinary text', () => {
    expect(isStorableText('Siti Aminah, Jl. Pelabuhan 1 🚢')).toBe(true);
    expect(isStorableText('')).toBe(true);
    expect(isStorableText(NUL)).toBe(false);
    expect(isStorableText(LONE_SURROGATE)).toBe(false);
    expect(isStorableText('\udc00 low first')).toBe(false);
    expect(isStorableText('\ud83d\ud83d\ude22')).toBe(false);
  });
});

describe('the form rules', () => {
  const ctx = { today: new Date('2026-11-22T10:00:00+07:00'), districtExists: () => true };
  const form = FormDefinition.parse({
    version: 1,
    fields: [
      { key: 'name', kind: 'text', label: { id: 'Nama', en: 'Name' }, required: true },
      { key: 'address', kind: 'address', label: { id: 'Alamat', en: 'Address' }, required: true },
    ],
  });
  const [name, address] = form.fields;

  it('mark text that cannot be stored as text.invalid, as the resident types, on the device', () => {
    expect(validateField(name!, NUL, undefined, ctx)).toEqual({ code: 'text.invalid' });
    expect(validateField(name!, LONE_SURROGATE, undefined, ctx)).toEqual({ code: 'text.invalid' });
    expect(validateField(name!, 'Siti Aminah 🌊', undefined, ctx)).toBeNull();
    const street = { provinceCode: '35', regencyCode: '35.29', districtCode: '35.29.22', villageCode: '35.29.22.2001' };
    expect(validateField(address!, { ...street, street: `Jl. ${NUL}` }, undefined, ctx)).toEqual({
      code: 'text.invalid',
    });
  });

  it('and on the server, whatever the request body holds', () => {
    const parsed = draftAnswersSchema(form, ctx).safeParse({ name: `${'x'.repeat(6000)}\u0000` });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path[0] === 'name')?.message).toBe('text.invalid');
  });
});
