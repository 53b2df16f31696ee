// The receipt as a PNG the resident can keep in the phone's gallery: drawn on a canvas from the
// receipt's data (no screenshot library: the layout is five lines of text), loaded only when the
// resident asks for it. The tracking number is drawn in its own colour (NUMBER_COLOUR), as large as
// fits the width on one line, so it can be read off the image at a counter.

export type ReceiptImageText = {
  appName: string;
  title: string;
  service: string;
  numberLabel: string;
  number: string;
  dateLabel: string;
  date: string;
  trackLabel: string;
  url: string;
};

const WIDTH = 1080;
const MARGIN = 72;
const INNER = WIDTH - 2 * MARGIN;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
const MONO = 'ui-monospace, "Roboto Mono", "DejaVu Sans Mono", monospace';
const TEAL = '#0b5d5e';
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';
/** Only the tracking number has this colour in the image (tests find it by it). */
export const NUMBER_COLOUR = '#7a2e00';

/** `text` broken into lines no wider than `max` at the context's current font (long words stay whole). */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The font size, from 120 px down, at which the number fits the width on one line. */
function numberSize(ctx: CanvasRenderingContext2D, number: string): number {
  let size = 120;
  for (; size > 24; size -= 4) {
    ctx.font = `700 ${size}px ${MONO}`;
    if (ctx.measureText(number).width <= INNER) break;
  }
  return size;
}

type Op = { text: string; font: string; colour: string; size: number; gapBefore: number };

export async function receiptImage(text: ReceiptImageText): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  const ops: Op[] = [];
  const block = (value: string, size: number, weight: number, colour: string, gapBefore: number, max = INNER) => {
    ctx.font = `${weight} ${size}px ${FONT}`;
    for (const [i, line] of wrap(ctx, value, max).entries())
      ops.push({ text: line, font: ctx.font, colour, size, gapBefore: i === 0 ? gapBefore : 0 });
  };
  block(text.service, 48, 700, INK, 0);
  block(text.numberLabel, 34, 400, MUTED, 48);
  const size = numberSize(ctx, text.number);
  ops.push({ text: text.number, font: `700 ${size}px ${MONO}`, colour: NUMBER_COLOUR, size, gapBefore: 8 });
  block(text.dateLabel, 34, 400, MUTED, 40);
  block(text.date, 40, 600, INK, 4);
  block(text.trackLabel, 34, 400, MUTED, 40);
  block(text.url, 34, 400, INK, 4);

  const band = 200;
  const lineHeight = (op: Op) => Math.round(op.size * 1.3);
  const height = band + MARGIN + ops.reduce((h, op) => h + op.gapBefore + lineHeight(op), 0) + MARGIN;
  canvas.width = WIDTH;
  canvas.height = height;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = TEAL;
  ctx.fillRect(0, 0, WIDTH, band);
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#fff';
  ctx.font = `700 44px ${FONT}`;
  ctx.fillText(text.appName, MARGIN, 44, INNER);
  ctx.font = `400 40px ${FONT}`;
  ctx.fillText(text.title, MARGIN, 110, INNER);

  let y = band + MARGIN;
  for (const op of ops) {
    y += op.gapBefore;
    ctx.font = op.font;
    ctx.fillStyle = op.colour;
    ctx.fillText(op.text, MARGIN, y + (lineHeight(op) - op.size) / 2);
    y += lineHeight(op);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas gave no PNG'))), 'image/png'),
  );
}

/** Saves `blob` as a download named `name` (the phone keeps it in Downloads / its gallery). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
