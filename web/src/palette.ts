// The dashboard's colours, in one place for the charts (canvas) and checked
// for contrast by test/web/palette.test.ts (WCAG 2.2: text 4.5:1, graphics
// and focus rings 3:1 against what they sit on). styles.css repeats them as
// custom properties; the test checks that the two agree. No imports: the test
// loads this file directly.
export const palette = {
  text: '#1a1d21',
  muted: '#4a5360',
  background: '#ffffff',
  surface: '#f3f5f8',
  border: '#8a94a3',
  link: '#0a51a8',
  focus: '#0a51a8',
  headerText: '#ffffff',
  headerBackground: '#0b3d7a',
  late: '#b45f00',
  breached: '#b3261e',
  met: '#1d6b31',
  pending: '#123f80',
  lateBadgeText: '#6b3a00',
  lateBadgeBackground: '#fff1db',
  breachedBadgeText: '#8c1d18',
  breachedBadgeBackground: '#fde8e6',
  metBadgeText: '#17582a',
  metBadgeBackground: '#e3f4e7',
  pendingBadgeText: '#123f80',
  pendingBadgeBackground: '#e8eef9',
  takenOverBadgeText: '#4b2a85',
  takenOverBadgeBackground: '#efe7fb',
  evidenceText: '#1a1d21',
  evidenceBackground: '#ffe066',
} as const;

export type PaletteName = keyof typeof palette;

/** Foreground, background, minimum ratio: every pair the interface draws. */
export const contrastPairs: readonly [PaletteName, PaletteName, number][] = [
  ['text', 'background', 4.5],
  ['text', 'surface', 4.5],
  ['muted', 'background', 4.5],
  ['muted', 'surface', 4.5],
  ['link', 'background', 4.5],
  ['link', 'surface', 4.5],
  ['headerText', 'headerBackground', 4.5],
  ['focus', 'background', 3],
  ['focus', 'surface', 3],
  ['border', 'background', 3],
  ['late', 'background', 3],
  ['breached', 'background', 3],
  ['met', 'background', 3],
  ['pending', 'background', 3],
  ['breached', 'surface', 4.5],
  ['lateBadgeText', 'lateBadgeBackground', 4.5],
  ['breachedBadgeText', 'breachedBadgeBackground', 4.5],
  ['metBadgeText', 'metBadgeBackground', 4.5],
  ['pendingBadgeText', 'pendingBadgeBackground', 4.5],
  ['takenOverBadgeText', 'takenOverBadgeBackground', 4.5],
  ['evidenceText', 'evidenceBackground', 4.5],
];
