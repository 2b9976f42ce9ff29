// The dashboard's colours meet WCAG 2.2 contrast (issue 9.3): text 4.5:1,
// graphics, borders and focus rings 3:1, for every pair the interface draws;
// and styles.css uses the same colours as the charts (web/src/palette.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { contrastPairs, palette } from '../../web/src/palette.js';
import { ROOT } from '../helpers/process.js';

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

t.test('the contrast formula gives the known extremes', async (t) => {
  t.equal(Math.round(contrast('#000000', '#ffffff') * 100) / 100, 21);
  t.equal(contrast('#777777', '#777777'), 1);
});

t.test('when the palette draws text, graphics and focus rings, then every pair meets its WCAG minimum', async (t) => {
  for (const [fg, bg, min] of contrastPairs) {
    const ratio = contrast(palette[fg], palette[bg]);
    t.ok(ratio >= min, `${fg} ${palette[fg]} on ${bg} ${palette[bg]}: ${ratio.toFixed(2)}:1 ≥ ${min}:1`);
  }
  t.ok(contrast('#ffffff', palette.link) >= 4.5, `button text on the link colour: ${contrast('#ffffff', palette.link).toFixed(2)}:1`);
});

t.test('when styles.css declares its colours, then they are the palette’s', async (t) => {
  const css = await readFile(path.join(ROOT, 'web/src/styles.css'), 'utf8');
  const declared = new Map([...css.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
  for (const [name, value] of Object.entries(palette)) {
    const cssName = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    t.equal(declared.get(cssName), value, `--color-${cssName}`);
  }
});
