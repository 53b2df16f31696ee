// Whether the browser is printing the page: from `beforeprint` to `afterprint`. A part first drawn
// inside a print (Later.tsx draws everything for one) reads this rather than wait for an event that
// has already passed. Imported before any screen renders, so it hears `beforeprint` first.
let printing = false;
if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => {
    printing = true;
  });
  window.addEventListener('afterprint', () => {
    printing = false;
  });
}

export const isPrinting = (): boolean => printing;
