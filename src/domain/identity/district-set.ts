// Membership in the national list of district codes, shipped as one string of fixed-width 6-digit
// codes in sorted order (virtual:district-codes). Binary search over the string itself keeps the
// ~7,300 codes as one allocation on low-end phones instead of a Set of thousands of small strings.

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
