// A QR code drawn as SVG on the device (no image service), for printed standards on notice boards.
import { useLayoutEffect, useState } from 'preact/hooks';
import { encode } from 'uqr';
import { isPrinting } from '../components/print-state.ts';

export function QrCode({ text, label, size = 120 }: { text: string; label: string; size?: number }) {
  const { data, size: cells } = encode(text, { ecc: 'M', border: 2 });
  let path = '';
  for (const [y, row] of data.entries()) {
    for (const [x, dark] of row.entries()) if (dark) path += `M${x} ${y}h1v1h-1z`;
  }
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${cells} ${cells}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
    >
      <rect width={cells} height={cells} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

const wanting = new Set<() => void>();

/**
 * Prints the page with its print-only QR codes drawn: window.print() called from a click runs its
 * `beforeprint` listeners inside the click's script, before any render could show what they asked for.
 */
export function printPage(): void {
  for (const want of wanting) want();
  setTimeout(() => window.print());
}

/**
 * A QR code only paper shows: drawn when the page is about to print (`beforeprint`, which Chromium,
 * Firefox and Safari fire for their print menus and print-to-PDF; the page's own print button through
 * printPage). Encoding it took a 30–60 ms task of a first visit's main thread (×4 on a slow phone),
 * at idle too, for nothing on screen.
 */
export function PrintQrCode(props: { text: string; label: string; size?: number }) {
  // Drawn inside a print (the standard's last stage, shown for one: Later.tsx): drawn at once.
  const [wanted, setWanted] = useState(isPrinting);
  // Listening from the render itself (a layout effect), not after the next paint: a print asked for
  // the moment the page shows (a quick tap, a script) must still find the listener.
  useLayoutEffect(() => {
    if (wanted) return;
    const want = () => setWanted(true);
    wanting.add(want);
    window.addEventListener('beforeprint', want);
    return () => {
      wanting.delete(want);
      window.removeEventListener('beforeprint', want);
    };
  }, [wanted]);
  return wanted ? <QrCode {...props} /> : null;
}
