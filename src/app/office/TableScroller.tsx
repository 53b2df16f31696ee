// The back office's tables are wider than a phone or a narrow window: each scrolls sideways inside
// a region named by its caption.
import type { ComponentChildren } from 'preact';

export function TableScroller({ captionId, children }: { captionId: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus, or keyboard users cannot reach the columns off screen (WCAG 2.1.1, axe scrollable-region-focusable); Safari does not make scrollers focusable by itself
    <section class="office-table-wrap" tabIndex={0} aria-labelledby={captionId}>
      {children}
    </section>
  );
}
