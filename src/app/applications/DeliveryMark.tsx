// Where an application is on its way, as people know it from chat apps: a pencil while it is a draft,
// a clock while it waits for signal, one tick once the server has stored it, two ticks once the office's
// own word about it has reached the device; a warning when it needs the resident. The shape carries the
// meaning with the words beside it (never the colour alone).
import type { OutboxState } from '../../data/outbox/outbox-db.ts';
import { Icon, type IconName } from '../components/Icon.tsx';

export type DeliveryStage = 'draft' | 'waiting' | 'sent' | 'received' | 'attention';

export function deliveryStage(state: OutboxState | undefined, officeHasAnswered: boolean): DeliveryStage {
  if (!state) return 'draft';
  if (state === 'queued') return 'waiting';
  if (state === 'delivered') return officeHasAnswered ? 'received' : 'sent';
  return 'attention';
}

const ICON: Record<DeliveryStage, IconName> = {
  draft: 'pencil',
  waiting: 'clock',
  sent: 'tick',
  received: 'ticks',
  attention: 'warning',
};

export function DeliveryMark({ stage }: { stage: DeliveryStage }) {
  return (
    <span class={`delivery-mark delivery-mark--${stage}`} data-stage={stage}>
      <Icon name={ICON[stage]} size={20} />
    </span>
  );
}
