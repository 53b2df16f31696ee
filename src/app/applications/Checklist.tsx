// The requirements checklist of the service standard: each requirement attached here, to bring in
// person, or still missing; a group of alternatives as met by the one attached. The documents step
// shows it live above the photo pickers, the check step before sending.
import type { Requirement } from '../../domain/catalogue/service.ts';
import type { ChecklistItem } from '../../domain/forms/checklist.ts';
import { groupErrorKey } from '../../domain/forms/validate.ts';
import { requirementFormKey } from '../catalogue/labels.ts';
import { type Language, type Translate, useI18n } from '../i18n/index.ts';

export function Checklist({ items }: { items: ChecklistItem[] }) {
  return (
    <ul class="checklist">
      {items.map((item) => (
        <ChecklistEntry key={item.kind === 'group' ? groupErrorKey(item.group.id) : item.requirement.id} item={item} />
      ))}
    </ul>
  );
}

/** "Bring the original": only for what the resident hands in (not for a copy). */
function BringOriginal({ requirement }: { requirement: Requirement }) {
  const { t } = useI18n();
  if (requirement.form === 'copy') return null;
  return (
    <span class="check__bring"> {t('review.bringOriginal', { form: t(requirementFormKey(requirement.form)) })}</span>
  );
}

const names = (list: readonly Requirement[], lang: Language, t: Translate) =>
  list.map((r) => r.name[lang]).join(t('review.or'));

function ChecklistEntry({ item }: { item: ChecklistItem }) {
  const { t, lang } = useI18n();
  if (item.kind === 'requirement') {
    const r = item.requirement;
    return (
      <li class={item.files ? 'check check--done' : 'check'}>
        <strong>{r.name[lang]}</strong>{' '}
        <span>
          {item.files
            ? t('review.attached', { n: item.files })
            : item.upload === 'required'
              ? t('review.notAttached')
              : t('review.bringIt')}
        </span>
        <BringOriginal requirement={r} />
      </li>
    );
  }
  if (!item.checked)
    return (
      <li class="check">
        <span>{t('review.groupBring', { names: names(item.options, lang, t) })}</span>
      </li>
    );
  if (item.satisfied) {
    // Met: only what met it is listed; the alternatives not used are not asked for.
    return (
      <li class="check check--done">
        <strong>{item.used.map((u) => u.requirement.name[lang]).join(', ')}</strong>{' '}
        <span>{t('review.attached', { n: item.used.reduce((n, u) => n + u.files, 0) })}</span>
        {item.used.map((u) => (
          <BringOriginal key={u.requirement.id} requirement={u.requirement} />
        ))}
      </li>
    );
  }
  const options = names(item.options, lang, t);
  return (
    <li class="check">
      <span>
        {item.group.rule === 'oneOf'
          ? t('review.groupOneOf', { names: options })
          : item.group.rule === 'allOf'
            ? t('review.groupAllOf', { names: options })
            : t('review.groupAtLeast', { names: options, min: item.needed })}
      </span>
    </li>
  );
}
