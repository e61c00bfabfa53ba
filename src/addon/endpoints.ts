/**
 * Targets of `google.script.run`. Arguments and results are plain data: strings, numbers, booleans,
 * arrays and objects of those; dates travel as ISO strings.
 */
import { describeCriteria, PRESETS } from '../core/criteria';

export interface PresetSummary {
  id: string;
  name: string;
  source: string;
  description: string;
}

export function apiListPresets(): PresetSummary[] {
  return PRESETS.map((p) => ({ id: p.id, name: p.name, source: p.source, description: describeCriteria(p.criteria) }));
}
