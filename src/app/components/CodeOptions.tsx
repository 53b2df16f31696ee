// The options of a select over [code, name] pairs (districts, villages, islands, services, offices),
// after a first empty option that means "none chosen" or "all".
import type { LocalizedText } from '../../domain/text.ts';
import type { Language } from '../i18n/index.ts';

export function CodeOptions({ empty, items }: { empty: string; items: ReadonlyArray<readonly [string, string]> }) {
  return (
    <>
      <option value="">{empty}</option>
      {items.map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </>
  );
}

/** Catalogue entries (services, offices) as [id, name] pairs in the reader's language. */
export const namedCodes = (
  entries: ReadonlyArray<{ id: string; name: LocalizedText }>,
  lang: Language,
): Array<readonly [string, string]> => entries.map((e) => [e.id, e.name[lang]] as const);
