// Names of services, offices and form fields for the back office, from the catalogue on the device
// (replicated like on every device); ids stand in while it loads or when one is unknown.
import { useMemo } from 'preact/hooks';
import type { Principal } from '../../domain/accounts/account.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import { shortOfficeName } from '../../domain/catalogue/office-short-name.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import type { Language } from '../i18n/index.ts';

export type OfficeCatalogue = {
  ready: boolean;
  services: Service[];
  offices: Office[];
  serviceName(id: string): string;
  officeName(id: string | null): string;
  /** The office's name abbreviated for a table column (see shortOfficeName). */
  officeShortName(id: string | null): string;
  service(id: string): Service | undefined;
  office(id: string): Office | undefined;
};

export function useOfficeCatalogue(lang: Language): OfficeCatalogue {
  const state = useCatalogue();
  return useMemo(() => {
    const services = state.status === 'ready' ? state.value.services : [];
    const offices = state.status === 'ready' ? state.value.offices : [];
    const byService = new Map(services.map((s) => [s.id, s]));
    const byOffice = new Map(offices.map((o) => [o.id, o]));
    return {
      ready: state.status === 'ready' && services.length > 0,
      services: [...services].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang)),
      offices: [...offices].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang)),
      serviceName: (id) => byService.get(id)?.name[lang] ?? id,
      officeName: (id) => (id ? (byOffice.get(id)?.name[lang] ?? id) : ''),
      officeShortName: (id) => {
        const office = id ? byOffice.get(id) : undefined;
        return office ? shortOfficeName(office.name[lang], lang) : (id ?? '');
      },
      service: (id) => byService.get(id),
      office: (id) => byOffice.get(id),
    };
  }, [state, lang]);
}

/**
 * The offices an account works for (every office for an administrator), and the office filter's
 * choices made of them: names once the catalogue is on the device, the account's office ids before.
 */
export function accountOffices(
  principal: Pick<Principal, 'role' | 'officeIds'>,
  catalogue: OfficeCatalogue,
  lang: Language,
) {
  const offices =
    principal.role === 'administrator'
      ? catalogue.offices
      : catalogue.offices.filter((o) => principal.officeIds.includes(o.id));
  const options =
    offices.length > 0
      ? offices.map((o) => [o.id, o.name[lang]] as const)
      : principal.officeIds.map((id) => [id, id] as const);
  return { offices, options };
}
