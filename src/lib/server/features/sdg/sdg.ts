import { z } from 'zod';
import axisData from '../../../../../data/plan-axes.json';
import sdgData from '../../../../../data/sdg.json';

/** The 17 SDGs and the five Plan-vert axes, validated from versioned data files. */
const sdgSchema = z.object({
  source: z.string(),
  version: z.string(),
  goals: z
    .array(
      z.object({
        number: z.number().int().min(1).max(17),
        titleFr: z.string().min(1),
        titleEn: z.string().min(1),
        colour: z.string().regex(/^#[0-9A-F]{6}$/i),
        targets: z.number().int(),
      }),
    )
    .length(17),
});

const axisSchema = z.object({
  source: z.string(),
  version: z.string(),
  axes: z
    .array(
      z.object({
        code: z.string(),
        position: z.number().int(),
        titleFr: z.string(),
        titleEn: z.string(),
      }),
    )
    .length(5),
});

export const SDG_CATALOGUE = sdgSchema.parse(sdgData);
export const AXIS_CATALOGUE = axisSchema.parse(axisData);

export type Sdg = (typeof SDG_CATALOGUE.goals)[number];
export type Axis = (typeof AXIS_CATALOGUE.axes)[number];

export function isSdgNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 17;
}

/** WCAG relative luminance of a #RRGGBB colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with the SDG colour (text on coloured cells stays AA-readable). */
export function textColourOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}
