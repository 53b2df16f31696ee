// Build-time only (imported by vite.config.ts, never by the app): the Vite plugin serving
// `virtual:district-codes`, every district code of Indonesia from idn-area-data as runs of district
// numbers per regency (domain/identity/district-set.ts expands them on the device). NIK and KK
// numbers carry the district where a person was first registered, often outside the served regency,
// so devices need the national list — compactly, to work offline.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { districtRuns } from '../../domain/identity/district-set.ts';
import { virtualModule } from './virtual-module.ts';

export const DISTRICT_CODES_MODULE = 'virtual:district-codes';

export const DISTRICTS_CSV = fileURLToPath(
  new URL('../../../node_modules/idn-area-data/data/districts.csv', import.meta.url),
);

/** `code,regency_code,name` rows → "110101110102…": codes without dots, sorted, unique. */
export function compactDistrictCodes(csv: string): string {
  const codes = new Set<string>();
  const lines = csv.split(/\r?\n/);
  if (lines[0]?.split(',')[0] !== 'code') throw new Error(`districts.csv: unexpected header "${lines[0]}"`);
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line.trim() === '') continue;
    const code = line.slice(0, line.indexOf(','));
    // Fail the build on a changed format rather than ship a list the lookup would misread.
    if (!/^\d{2}\.\d{2}\.\d{2}$/.test(code)) throw new Error(`districts.csv line ${i + 1}: malformed code "${code}"`);
    codes.add(code.replaceAll('.', ''));
  }
  return [...codes].sort().join('');
}

export function districtCodesPlugin(csvPath: string = DISTRICTS_CSV): Plugin {
  return virtualModule('nusa-layan:district-codes', DISTRICT_CODES_MODULE, function () {
    this.addWatchFile(csvPath);
    const compact = compactDistrictCodes(readFileSync(csvPath, 'utf8'));
    return `export const DISTRICT_RUNS = ${JSON.stringify(districtRuns(compact))};\n`;
  });
}
