// What a key of a form's errors or "still missing" list is called on screen: a field's label, or
// for a requirement group (groupErrorKey) the names of its requirements, "A / B".
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import type { Requirement } from '../../domain/catalogue/service.ts';
import type { Language } from '../i18n/index.ts';

export function keyLabel(requirements: readonly Requirement[], form: FormDefinition, key: string, lang: Language) {
  const field = form.fields.find((f) => f.key === key);
  if (field) return field.label[lang];
  const group = form.groups?.find((g) => `requirements.${g.id}` === key);
  if (!group) return key;
  return group.requirementIds.map((id) => requirements.find((r) => r.id === id)?.name[lang] ?? id).join(' / ');
}
