export const GLOBAL: string;
export function escapeInline(code: string): string;
export function build(): Promise<{ entryPoints: string[]; sidebars: string[] }>;
