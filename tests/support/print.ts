// What a screen prints as: the page size its print CSS asks for (from the PDF Chromium makes with
// the CSS page size preferred) and, for a 58 mm thermal slip, whether every element of it fits the
// roll, measured with the print styles applied at the roll's width.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const PX_PER_MM = 96 / 25.4;
const PT_PER_MM = 72 / 25.4;

export type PrintedPages = { widthMm: number; heightMm: number; pages: number };

/** The size (mm) of the first page and the number of pages the screen prints as. */
export async function printedPages(page: Page): Promise<PrintedPages> {
  // The PDF is laid out in the media the page emulates: a test that emulated the screen gets the screen.
  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  await page.emulateMedia({ media: null });
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  if (!box) throw new Error('the PDF names no page size');
  return {
    widthMm: Number(box[1]) / PT_PER_MM,
    heightMm: Number(box[2]) / PT_PER_MM,
    pages: pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0,
  };
}

export type SlipFit = {
  /** The slip's width (mm) with the print styles applied. */
  widthMm: number;
  /** Elements of the slip reaching past `printableMm` from the roll's left edge, or before it. */
  outside: string[];
  /** The document's own width (px) against the roll's: anything wider scrolls off the paper. */
  documentWidth: number;
  rollWidth: number;
  /** The line `lineSelector` takes, in lines (1 = on one line). */
  lines: number;
  /** The printed QR code's side (mm), 0 without one: a phone reads one of 20 mm or more off paper. */
  qrMm: number;
};

/**
 * Lays the page out as printed on a roll `rollMm` wide (print media, that width) and measures the
 * element `selector`: every element of it must lie within the roll, the one at `lineSelector` on
 * one line. The page is put back to screen media and its viewport afterwards.
 */
export async function slipFit(page: Page, selector: string, lineSelector: string, rollMm = 58): Promise<SlipFit> {
  const viewport = page.viewportSize();
  const rollWidth = Math.floor(rollMm * PX_PER_MM);
  await page.setViewportSize({ width: rollWidth, height: 900 });
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate(
      ({ selector, lineSelector, rollWidth, pxPerMm }) => {
        const slip = document.querySelector(selector);
        const line = document.querySelector(lineSelector);
        if (!slip || !line) throw new Error(`no ${selector} / ${lineSelector}`);
        const outside: string[] = [];
        for (const el of [slip, ...slip.querySelectorAll('*')]) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) continue; // not printed
          if (r.left < -0.5 || r.right > rollWidth + 0.5 || el.scrollWidth > el.clientWidth + 1)
            outside.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${r.left}–${r.right}`);
        }
        const style = getComputedStyle(line);
        const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2;
        return {
          widthMm: slip.getBoundingClientRect().width / pxPerMm,
          outside,
          documentWidth: document.documentElement.scrollWidth,
          rollWidth,
          lines: Math.round(line.getBoundingClientRect().height / lineHeight),
          qrMm: (slip.querySelector('svg.qr')?.getBoundingClientRect().width ?? 0) / pxPerMm,
        };
      },
      { selector, lineSelector, rollWidth, pxPerMm: PX_PER_MM },
    );
  } finally {
    await page.emulateMedia({ media: null });
    if (viewport) await page.setViewportSize(viewport);
  }
}

/**
 * Fails unless the receipt at `selector` prints as a 58 mm thermal slip: a 58 mm page of its own, one
 * slip long, every element within the 48 mm the print head reaches, the number at `numberSelector` on
 * one line, and a QR code a phone reads off paper.
 */
export async function expectThermalSlip(page: Page, selector: string, numberSelector: string): Promise<void> {
  const slip = await slipFit(page, selector, numberSelector);
  expect(slip.outside, JSON.stringify(slip)).toEqual([]);
  expect(slip.documentWidth).toBeLessThanOrEqual(slip.rollWidth);
  expect(slip.widthMm).toBeCloseTo(48, 0);
  expect(slip.lines).toBe(1);
  expect(slip.qrMm).toBeGreaterThanOrEqual(25);
  const printed = await printedPages(page);
  expect(printed.widthMm).toBeCloseTo(58, 0);
  expect(printed.pages).toBe(1);
}
