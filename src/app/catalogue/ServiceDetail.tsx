// /layanan/<slug>: the full service standard — requirements, steps, time, cost, product, complaints —
// with the offices that serve it (today's hours, open now in WIB) and active announcements. Printed,
// it becomes the one-page standard sheet for the notice board, with a QR code back to this page.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { isFree } from '../../domain/catalogue/glance.ts';
import { announcementsFor } from '../../domain/catalogue/hours.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { formatCompletionTime, formatRupiah } from '../../domain/format.ts';
import { Later } from '../components/Later.tsx';
import { isPrinting } from '../components/print-state.ts';
import { useNow } from '../hooks/useNow.ts';
import { useI18n } from '../i18n/index.ts';
import { AnnouncementList } from './AnnouncementList.tsx';
import { CatalogueGate, CatalogueNotFound } from './CatalogueGate.tsx';
import { ContactList } from './ContactList.tsx';
import { Freshness } from './Freshness.tsx';
import { channelKey, requirementFormKey } from './labels.ts';
import { OfficeSummary } from './OfficeSummary.tsx';
import { PrintQrCode, printPage } from './QrCode.tsx';
import { type Catalogue, useCatalogue } from './useCatalogue.ts';

export default function ServiceDetail() {
  const catalogue = useCatalogue();
  return <CatalogueGate state={catalogue}>{(c) => <Detail catalogue={c} />}</CatalogueGate>;
}

function Detail({ catalogue }: { catalogue: Catalogue }) {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const now = useNow();
  const service = catalogue.services.find((s) => s.id === params.slug);
  if (!service) {
    return <CatalogueNotFound title="service.notFound" />;
  }
  const offices = catalogue.offices.filter((o) => service.officeIds.includes(o.id));
  const notices = announcementsFor(service.officeIds, catalogue.announcements, now);
  const pageUrl = `${location.origin}/layanan/${service.id}`;

  return (
    <article class="standard">
      <h1>{service.name[lang]}</h1>
      <p class="lead">{service.summary[lang]}</p>
      <Freshness hasData />
      {/* Stays in view while the resident reads down a long standard: the next step is always one tap. */}
      <p class="no-print service-cta">
        <a class="btn btn--primary" href={`/permohonan/baru/${service.id}`}>
          {t('service.apply')}
        </a>
      </p>
      <AnnouncementList items={notices} />

      <section aria-labelledby="req-title">
        <h2 id="req-title">{t('service.requirements')}</h2>
        <Requirements service={service} />
      </section>

      {/* The top of the standard first; procedure and facts, the offices, then the rest one frame each. */}
      <Later frames={1}>
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t('service.procedure')}</h2>
          <ol class="steps">
            {service.procedure.map((step) => (
              <li key={step.text[lang]}>
                {step.text[lang]}{' '}
                {step.inPerson && <strong class="badge badge--visit">{t('procedure.inPerson')}</strong>}
              </li>
            ))}
          </ol>
        </section>

        <div class="facts">
          <section aria-labelledby="time-title">
            <h2 id="time-title">{t('service.time')}</h2>
            <p class="fact">{formatCompletionTime(service.completionTime, lang)}</p>
          </section>
          <section aria-labelledby="cost-title">
            <h2 id="cost-title">{t('service.cost')}</h2>
            <p class="fact">{isFree(service) ? t('cost.free') : formatRupiah(service.cost.amount)}</p>
            <p class="fact__basis">{service.cost.legalBasis[lang]}</p>
          </section>
          <section aria-labelledby="product-title">
            <h2 id="product-title">{t('service.product')}</h2>
            <p>{service.product[lang]}</p>
            {/* On screen only: the printed standard (one A4 page, posted at the counter) names the product already. */}
            <p class="service-delivery no-print">
              {t(service.electronicProduct ? 'service.delivery.electronic' : 'service.delivery.inPerson')}
            </p>
          </section>
        </div>

        <section aria-labelledby="channels-title">
          <h2 id="channels-title">{t('service.channels')}</h2>
          <ul class="chips">
            {service.channels.map((c) => (
              <li key={c}>{t(channelKey(c))}</li>
            ))}
          </ul>
        </section>
      </Later>

      <Later frames={2}>
        <section aria-labelledby="offices-title" class="no-print-break">
          <h2 id="offices-title">{t('service.offices')}</h2>
          <ul class="office-list">
            {offices.map((o) => (
              <OfficeSummary key={o.id} office={o} announcements={catalogue.announcements} now={now} />
            ))}
          </ul>
        </section>
      </Later>

      <Later frames={3}>
        <section aria-labelledby="complaint-title">
          <h2 id="complaint-title">{t('service.complaints')}</h2>
          <ContactList
            contacts={service.complaintChannels.map((c) => ({
              kind: c.kind,
              value: c.value,
              label: c.label[lang],
              example: c.example,
            }))}
          />
          <p>
            <a href={`/pengaduan?layanan=${service.id}`}>{t('service.fileComplaint')}</a>
          </p>
        </section>

        <InternalStandard service={service} />

        <section class="print-qr" aria-labelledby="qr-title">
          <h2 id="qr-title">{t('service.qrTitle')}</h2>
          <PrintQrCode text={pageUrl} label={t('service.qrLabel', { url: pageUrl })} />
          <p class="print-qr__url">{pageUrl}</p>
        </section>

        <p class="no-print">
          <button type="button" class="btn" onClick={printPage}>
            {t('service.print')}
          </button>
        </p>
      </Later>
    </article>
  );
}

function Requirements({ service }: { service: Service }) {
  const { t, lang } = useI18n();
  const groupNote = (id: string) => {
    const group = service.form.groups?.find((g) => g.requirementIds.includes(id));
    if (!group) return null;
    if (group.rule === 'oneOf') return t('requirement.alternative');
    if (group.rule === 'allOf') return t('requirement.allOf');
    return t('requirement.atLeast', { min: group.min ?? 1 });
  };
  return (
    <ol class="requirements">
      {service.requirements.map((r) => {
        const note = groupNote(r.id);
        return (
          <li key={r.id}>
            <span class="requirement__name">{r.name[lang]}</span>{' '}
            <span class="requirement__form">
              {t('requirement.formCount', { form: t(requirementFormKey(r.form)), n: r.count })}
            </span>
            {note && <span class="requirement__group"> {note}</span>}
            {r.notes && <p class="requirement__notes">{r.notes[lang]}</p>}
          </li>
        );
      })}
    </ol>
  );
}

/** The internal components of the standard: for officers and the printed sheet. */
function InternalStandard({ service }: { service: Service }) {
  const { t, lang } = useI18n();
  const details = useRef<HTMLDetailsElement>(null);
  // The printed standard includes these components; a closed <details> would print empty. Listening
  // from the render itself, and open at once when drawn inside a print (the last stage, Later.tsx).
  useLayoutEffect(() => {
    const open = () => {
      if (details.current) details.current.open = true;
    };
    if (isPrinting()) open();
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
  const i = service.internal;
  return (
    <details class="internal" ref={details}>
      <summary>{t('internal.title')}</summary>
      <dl>
        <dt>{t('internal.legalBasis')}</dt>
        <dd>
          <ul>
            {i.legalBasis.map((b) => (
              <li key={b[lang]}>{b[lang]}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('internal.facilities')}</dt>
        <dd>{i.facilities[lang]}</dd>
        <dt>{t('internal.staffCompetence')}</dt>
        <dd>{i.staffCompetence[lang]}</dd>
        <dt>{t('internal.supervision')}</dt>
        <dd>{i.supervision[lang]}</dd>
        <dt>{t('internal.staffCount')}</dt>
        <dd>{i.staffCount}</dd>
        <dt>{t('internal.guarantee')}</dt>
        <dd>{i.guarantee[lang]}</dd>
        <dt>{t('internal.securityGuarantee')}</dt>
        <dd>{i.securityGuarantee[lang]}</dd>
        <dt>{t('internal.evaluation')}</dt>
        <dd>{i.evaluation[lang]}</dd>
      </dl>
    </details>
  );
}
