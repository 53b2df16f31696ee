// The kiosk's review: the answers, consent, and "Kirim" — which seals the application into the
// outbox with channel 'kiosk' (the same exactly-once delivery as residents' phones).
import { submitDraft } from '../../data/outbox/submit.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { SealedReview } from '../applications/SealedReview.tsx';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useKioskDevice } from './useKioskDevice.ts';

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined; onEdit(): void; onSent(): void };

export function KioskReview({ draft, service, region, onEdit, onSent }: Props) {
  const device = useKioskDevice();
  const heading = useHeadingFocus(draft.id);
  // The kiosk's village office asks to handle it (the server decides whether that office serves the service).
  const officeId = device.status === 'ready' ? device.value?.officeId : undefined;
  return (
    <SealedReview
      area="kiosk"
      draft={draft}
      service={service}
      region={region}
      headingRef={heading}
      onEdit={onEdit}
      send={(d) => submitDraft(d, 'kiosk', { officeId })}
      onSent={onSent}
    />
  );
}
