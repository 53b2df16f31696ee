// Inline SVG icons for residents who read little: each one beside a word, never alone and never the
// only carrier of a meaning (the word is). Drawn on a 24-unit grid as strokes, so they stay crisp at
// any size and cost a few hundred bytes in the first-paint chunk (no icon font, no network).
const PATHS = {
  home: 'M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10',
  services: 'M4 5h16M4 12h16M4 19h10M18 17l3 3m-1-4.5a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0',
  applications: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h6',
  track: 'M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21zm0-9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5',
  complaint: 'M4 5h16v11H9l-5 4zM12 8v4M12 14.5v.5',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM20 20l-4.8-4.8',
  language:
    'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.5 3.7 5.5 3.7 9s-1.2 6.5-3.7 9c-2.5-2.5-3.7-5.5-3.7-9S9.5 5.5 12 3',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  tick: 'M5 12.5 10 17.5 19 7',
  ticks: 'M2 12.5 7 17.5 16 7M10 16l1.5 1.5L22 7',
  pencil: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  warning: 'M12 3 2 20h20zM12 10v4M12 17v.5',
  staff: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-7 8-7s8 3 8 7',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 24 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
