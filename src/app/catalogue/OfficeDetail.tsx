// /kantor/<id>: an office with its weekly hours (as changed by announcements), open now in WIB,
// contacts, active announcements and the services it offers.
import { useRoute } from 'preact-iso';
import { announcementsFor, effectiveHours } from '../../domain/catalogue/hours.ts';
import { useNow } from '../hooks/useNow.ts';
import { useI18n } from '../i18n/index.ts';
import { AnnouncementList } from './AnnouncementList.tsx';
import { CatalogueGate, CatalogueNotFound } from './CatalogueGate.tsx';
import { ContactList } from './ContactList.tsx';
import { Freshness } from './Freshness.tsx';
import { dayName, officeTypeKey } from './labels.ts';
import { OpenStatus } from './OpenStatus.tsx';
import { officeContacts } from './office-contacts.ts';
import { type Catalogue, useCatalogue } from './useCatalogue.ts';

export default function OfficeDetail() {
  const catalogue = useCatalogue();
  return <CatalogueGate state={catalogue}>{(c) => <Detail catalogue={c} />}</CatalogueGate>;
}

function Detail({ catalogue }: { catalogue: Catalogue }) {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const now = useNow();
  const office = catalogue.offices.find((o) => o.id === params.id);
  if (!office) {
    return <CatalogueNotFound title="office.notFound" />;
  }
  const hours = effectiveHours(office, catalogue.announcements, now);
  const services = catalogue.services.filter((s) => s.officeIds.includes(office.id));
  return (
    <article>
      <h1>{office.name[lang]}</h1>
      <p class="lead">
        {t(officeTypeKey(office.type))}
        {office.island ? ` · ${office.island.name}` : ''}
      </p>
      <Freshness hasData />
      <OpenStatus office={office} announcements={catalogue.announcements} now={now} />
      <AnnouncementList items={announcementsFor([office.id], catalogue.announcements, now)} />

      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t('office.hours')}</h2>
        <table class="hours">
          <caption class="visually-hidden">{t('office.hoursCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.day')}</th>
              <th scope="col">{t('office.time')}</th>
            </tr>
          </thead>
          <tbody>
            {[1, 2, 3, 4, 5, 6, 7].map((day) => {
              const periods = hours.filter((p) => p.day === day);
              return (
                <tr key={day}>
                  <th scope="row">{dayName(day, lang)}</th>
                  <td>{periods.length ? periods.map((p) => `${p.open}–${p.close}`).join(', ') : t('hours.closed')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="address-title">
        <h2 id="address-title">{t('office.address')}</h2>
        <p>{office.address}</p>
        <ContactList contacts={officeContacts(office, t)} />
      </section>

      <section aria-labelledby="services-title">
        <h2 id="services-title">{t('office.services')}</h2>
        <ul class="link-list">
          {services.map((s) => (
            <li key={s.id}>
              <a href={`/layanan/${s.id}`}>{s.name[lang]}</a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
