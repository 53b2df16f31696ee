// Target size (WCAG 2.5.8, held to 44 × 44 CSS px as the project's standard): every interactive
// element of the screen now shown, measured in the page.
import type { Page } from 'playwright-core';

export const INTERACTIVE =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex="0"]';

export type Target = { target: string; width: number; height: number };
export type TargetSizes = { measured: number; small: Target[]; exempt: string[] };

/**
 * Measures every visible interactive element at least `min` px on both sides. What is measured:
 * - a checkbox or radio button by the label that holds it (else its first label): a tap on the label
 *   is a tap on the control, and the label is what the project draws as the control's row;
 * - a visually hidden input inside a label drawn as a button (the photo fields) by that label;
 * - everything else by its own box.
 * - the skip link with focus, as a keyboard user meets it (off-screen otherwise).
 * Exempt (reported in `exempt`): links inside a paragraph of running text that says more than the link
 * — WCAG 2.5.8's inline exception, since their height is the sentence's line height.
 */
export async function targetSizes(page: Page, min = 44): Promise<TargetSizes> {
  return page.evaluate(
    ({ selector, min }) => {
      const name = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const cls = el.getAttribute('class') ? `.${el.getAttribute('class')!.trim().split(/\s+/).join('.')}` : '';
        const text = (el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || '';
        return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
      };
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
      };
      const inRunningText = (el: Element) => {
        if (el.tagName !== 'A') return false;
        const paragraph = el.parentElement?.closest('p');
        if (!paragraph) return false;
        const own = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
        const all = (paragraph.textContent ?? '').replace(/\s+/g, ' ').trim();
        return all.length > own.length && getComputedStyle(el).display === 'inline';
      };
      const result = {
        measured: 0,
        small: [] as Array<{ target: string; width: number; height: number }>,
        exempt: [] as string[],
      };
      for (const el of document.querySelectorAll(selector)) {
        // The skip link is off-screen until focused: it is measured as a keyboard user meets it.
        const skip = el.classList.contains('skip') ? { before: document.activeElement } : null;
        if (skip) (el as HTMLElement).focus();
        let box: Element = el;
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
          box = el.closest('label') ?? el.labels?.[0] ?? el;
        }
        // A visually hidden input inside a label drawn as the control ("Ambil foto") is measured by that label.
        if (el instanceof HTMLInputElement && getComputedStyle(el).clip !== 'auto') box = el.closest('label') ?? box;
        if (!visible(box)) continue;
        if (inRunningText(el)) {
          result.exempt.push(`${name(el)}: link in running text (WCAG 2.5.8 inline)`);
          continue;
        }
        result.measured++;
        const r = box.getBoundingClientRect();
        if (skip) {
          (el as HTMLElement).blur();
          if (skip.before instanceof HTMLElement && skip.before !== document.body) skip.before.focus();
        }
        if (r.width < min - 0.01 || r.height < min - 0.01)
          result.small.push({
            target: name(el),
            width: Math.round(r.width * 10) / 10,
            height: Math.round(r.height * 10) / 10,
          });
      }
      return result;
    },
    { selector: INTERACTIVE, min },
  );
}
