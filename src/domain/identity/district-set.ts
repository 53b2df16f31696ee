// Membership in the national list of district codes. Devices receive it as runs of districts per
// regency (virtual:district-codes: "1101:1-18;1102:1-11,13;…", ~5 KB instead of ~44 KB: most
// regencies number their districts 01…N) and expand it once into one string of fixed-width 6-digit
// codes in sorted order. Binary search over that string keeps the ~7,300 codes as one allocation on
// low-end phones instead of a Set of thousands of small strings.

const WIDTH = 6;

export function districtSetFromCompact(compact: string): (code6: string) => boolean {
  if (compact.length % WIDTH !== 0)
    throw new RangeError(`district codes: length ${compact.length} is not a multiple of ${WIDTH}`);
  const count = compact.length / WIDTH;
  return (code6) => {
    if (code6.length !== WIDTH || !/^\d{6}$/.test(code6)) return false;
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = compact.slice(mid * WIDTH, mid * WIDTH + WIDTH);
      if (at === code6) return true;
      if (at < code6) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

const REGENCY = /^\d{4}$/;
const RUN = /^(\d{1,2})(?:-(\d{1,2}))?$/;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Sorted fixed-width codes → runs per regency: the inverse of expandDistrictRuns. */
export function districtRuns(compact: string): string {
  if (compact.length % WIDTH !== 0)
    throw new RangeError(`district codes: length ${compact.length} is not a multiple of ${WIDTH}`);
  const byRegency = new Map<string, number[]>();
  for (let i = 0; i < compact.length; i += WIDTH) {
    const regency = compact.slice(i, i + 4);
    const districts = byRegency.get(regency) ?? [];
    districts.push(Number(compact.slice(i + 4, i + WIDTH)));
    byRegency.set(regency, districts);
  }
  return [...byRegency]
    .map(([regency, districts]) => {
      const runs: string[] = [];
      for (let i = 0; i < districts.length; ) {
        let j = i;
        while (j + 1 < districts.length && districts[j + 1] === districts[j]! + 1) j++;
        runs.push(j === i ? `${districts[i]}` : `${districts[i]}-${districts[j]}`);
        i = j + 1;
      }
      return `${regency}:${runs.join(',')}`;
    })
    .join(';');
}

/** Runs per regency → the sorted fixed-width string districtSetFromCompact searches. */
export function expandDistrictRuns(runs: string): string {
  if (runs === '') return '';
  let out = '';
  let last = '';
  for (const entry of runs.split(';')) {
    const [regency, list, extra] = entry.split(':');
    if (!regency || !REGENCY.test(regency) || !list || extra !== undefined)
      throw new RangeError(`district runs: malformed entry "${entry}"`);
    for (const run of list.split(',')) {
      const m = RUN.exec(run);
      const from = Number(m?.[1]);
      const to = m?.[2] === undefined ? from : Number(m[2]);
      if (!m || from < 1 || to < from) throw new RangeError(`district runs: malformed run "${run}" in ${regency}`);
      for (let d = from; d <= to; d++) {
        const code = `${regency}${pad2(d)}`;
        // The binary search needs sorted codes: refuse a list that is not.
        if (code <= last) throw new RangeError(`district runs: ${code} out of order`);
        out += code;
        last = code;
      }
    }
  }
  return out;
}
