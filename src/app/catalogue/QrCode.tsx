// A QR code drawn as SVG on the device (no image service), for printed standards on notice boards.
import { useEffect, useState } from 'preact/hooks';
import { encode } from 'uqr';

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
 * A QR code only paper shows: drawn when the page is about to print, or once the page is idle —
 * encoding it took ~30 ms of a first visit's main thread (×4 on a slow phone) for nothing on screen.
 */
export function PrintQrCode(props: { text: string; label: string; size?: number }) {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return;
    const want = () => setWanted(true);
    wanting.add(want);
    window.addEventListener('beforeprint', want);
    const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(want, { timeout: 10_000 }) : undefined;
    const timer = idle === undefined ? setTimeout(want, 2_000) : undefined;
    return () => {
      wanting.delete(want);
      window.removeEventListener('beforeprint', want);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [wanted]);
  return wanted ? <QrCode {...props} /> : null;
}
