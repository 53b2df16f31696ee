// Fills a service's application form in the real UI with valid answers, field by field, the way a
// resident would, and sends it: used by end-to-end tests that need a complete application. The
// resident's form asks one step at a time (applicant, answers, documents, check, send); the kiosk's,
// the field officer's and the counter's forms show every field on one screen.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import stepsId from '../../src/app/i18n/messages/steps/id.json';
import type { FormDefinition, FormField } from '../../src/domain/catalogue/form.ts';
import type { AnswerValue, AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { evaluate } from '../../src/domain/forms/rules/evaluate.ts';
import { type FieldStep, fieldSteps, type Step } from '../../src/domain/forms/steps.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

export const VALID = {
  nik: '3529014507900003', // Kota Sumenep, a woman born 5 July 1990
  /** The date of birth and sex that NIK encodes: the forms check dates of birth and sexes against it. */
  dateOfBirth: '1990-07-05',
  sex: 'perempuan',
  kk: '3529010101200001',
  phone: '081234567890',
  email: 'warga@example.id',
};

/** A small JPEG made in the page (a photographed document), as bytes for a file input. */
export async function documentPhoto(page: Page, label: string): Promise<Buffer> {
  const base64 = await page.evaluate(async (text) => {
    const canvas = new OffscreenCanvas(900, 1200);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f4f1e8';
    g.fillRect(0, 0, 900, 1200);
    g.fillStyle = '#111';
    g.font = '40px sans-serif';
    for (let y = 80; y < 1200; y += 70) g.fillText(text, 40, y);
    const bytes = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })).arrayBuffer(),
    );
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, label);
  return Buffer.from(base64, 'base64');
}

/**
 * Opens a step of the resident's form through its progress indicator, as a resident may at any time
 * (unlike "Lanjut", it does not stop at errors); waits until the step is on screen.
 */
export async function openStep(page: Page, step: Step): Promise<void> {
  const nav = page.locator('nav.steps');
  const name = stepsId[`steps.name.${step}`];
  const current = nav.locator('[aria-current="step"]');
  if (((await current.textContent()) ?? '').includes(name)) return;
  await nav.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await expect.poll(() => current.textContent()).toContain(name);
}

/** Whether the page is the resident's form in steps (the kiosk's and the officers' are one screen). */
async function isStepped(page: Page): Promise<boolean> {
  await page.locator('form.application__form, form.office-form').first().waitFor();
  return (await page.locator('nav.steps').count()) > 0;
}

/**
 * Fills the required fields that apply, in form order, as the form's rules show them: a field whose
 * condition does not hold yet (by what was filled so far) is not on screen and is skipped. With
 * `documents`, attaches a photo to each required document and to the first of each requirement group
 * of `form` (pass the whole form for that). On the resident's form in steps it fills each step in
 * turn and ends on the check step.
 */
export async function fillForm(
  page: Page,
  form: FormField[] | FormDefinition,
  options: { documents: boolean },
): Promise<void> {
  const definition: FormDefinition = Array.isArray(form) ? { version: 1, fields: form } : form;
  const firstOfGroup = new Set(
    (definition.groups ?? []).map((g) => g.requirementIds[0]).filter((id): id is string => id !== undefined),
  );
  const answers: Record<string, AnswerValue> = {};
  const files: Record<string, AttachmentRef[]> = {};
  const applies = (key: string) =>
    evaluate({ form: definition, answers, attachments: files, today: new Date() }).relevant(key);
  const stepped = await isStepped(page);
  const stepOf = fieldSteps(definition);
  const order: Array<FieldStep | undefined> = stepped ? ['applicant', 'answers', 'documents'] : [undefined];
  for (const step of order) {
    if (step) await openStep(page, step);
    await fillFields(step ? definition.fields.filter((f) => stepOf.get(f.key) === step) : definition.fields);
  }
  if (stepped) await openStep(page, 'check');

  async function fillFields(fields: FormField[]) {
    for (const f of fields) {
      const inGroup = f.kind === 'document' && firstOfGroup.has(f.requirementId);
      if (!f.required && !inGroup) continue;
      if (!applies(f.key)) continue;
      const input = page.locator(`#f-${f.key}`);
      switch (f.kind) {
        case 'text':
        case 'longText':
          await input.fill('Siti Aminah');
          answers[f.key] = 'Siti Aminah';
          break;
        case 'number':
          await input.fill(String(f.min ?? 1));
          answers[f.key] = String(f.min ?? 1);
          break;
        case 'date':
          await input.fill(VALID.dateOfBirth);
          answers[f.key] = VALID.dateOfBirth;
          break;
        case 'phone':
          await input.fill(VALID.phone);
          answers[f.key] = VALID.phone;
          break;
        case 'email':
          await input.fill(VALID.email);
          answers[f.key] = VALID.email;
          break;
        case 'nik':
          await input.fill(VALID.nik);
          answers[f.key] = VALID.nik;
          break;
        case 'kk':
          await input.fill(VALID.kk);
          answers[f.key] = VALID.kk;
          break;
        case 'yesNo':
          await page.locator(`input[name="${f.key}"]`).first().check();
          answers[f.key] = true;
          break;
        case 'choice': {
          // The sex VALID.nik encodes where a form asks for one; else the first option.
          const option = f.options.find((o) => o.value === VALID.sex) ?? f.options[0]!;
          if (f.options.length <= 5) await page.locator(`input[name="${f.key}"][value="${option.value}"]`).check();
          else await input.selectOption(option.value);
          answers[f.key] = option.value;
          break;
        }
        case 'address':
          await page.locator(`#f-${f.key}-district`).selectOption({ index: 1 });
          await page.locator(`#f-${f.key}-village`).selectOption({ index: 1 });
          await page.locator(`#f-${f.key}-street`).fill('Jl. Pelabuhan 3, RT 01 RW 02');
          break;
        case 'document':
          if (!options.documents) break;
          await input.setInputFiles({
            name: `${f.key}.jpg`,
            mimeType: 'image/jpeg',
            buffer: await documentPhoto(page, `${f.key} 3529010101200001`),
          });
          await page.locator('fieldset', { has: input }).locator('img.thumb').first().waitFor({ timeout: 30_000 });
          files[f.key] = [{ sha256: '0'.repeat(64), type: 'image/jpeg', size: 1, name: `${f.key}.jpg` }];
          break;
      }
    }
  }
}

/** Photos to use for named document fields instead of the standard test photo. */
export type DocumentFiles = Record<string, () => Promise<Buffer>>;

/**
 * Fills an application in the UI and taps "Kirim" (the context is expected to be offline); returns
 * its id once the page shows it queued. `photos` replaces the photo of the named document fields.
 */
export async function queueApplication(
  page: Page,
  url: string,
  slug: string,
  photos: DocumentFiles = {},
): Promise<string> {
  const service = SEED_SERVICES.find((s) => s.id === slug)!;
  await page.goto(`${url}/permohonan/baru/${slug}`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  const custom = new Set(Object.keys(photos));
  await fillForm(
    page,
    { ...service.form, fields: service.form.fields.filter((f) => !custom.has(f.key)) },
    { documents: true },
  );
  if (custom.size) await openStep(page, 'documents');
  for (const [key, make] of Object.entries(photos)) {
    const input = page.locator(`#f-${key}`);
    await input.setInputFiles({ name: `${key}.jpg`, mimeType: 'image/jpeg', buffer: await make() });
    await page.locator('fieldset', { has: input }).locator('img.thumb').first().waitFor({ timeout: 30_000 });
  }
  await openStep(page, 'send');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await expect.poll(() => page.locator('.state').first().textContent()).toMatch(/^Menunggu sinyal/);
  return id;
}
