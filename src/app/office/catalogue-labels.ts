// Names of services, offices and form fields for the back office, from the catalogue on the device
// (replicated like on every device); ids stand in while it loads or when one is unknown.
import { useMemo } from 'preact/hooks';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import type { Language } from '../i18n/index.ts';

export type OfficeCatalogue = {
  ready: boolean;
  services: Service[];
  offices: Office[];
  serviceName(id: string): string;
  officeName(id: string | null): string;
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
      service: (id) => byService.get(id),
      office: (id) => byOffice.get(id),
    };
  }, [state, lang]);
}
