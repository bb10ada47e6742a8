/** Timestamps cross the wire as ISO strings (no transformer): convert once, here, so output types tell the truth. */
export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
