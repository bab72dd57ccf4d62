import type { WriteProblem } from '../api/types';
import { hasMessage, t, type MessageKey } from '../i18n';

// The server's reasons for refusing a geometry or a feature, in the user's language where the code is known.

/** The problem's name in the UI's language (the server's sentence when the code is not one we know). */
export function problemTitle(p: WriteProblem): string {
  const key = `problem.${p.code.replace(/-/g, '_')}`;
  return hasMessage(key) ? t(key as MessageKey) : p.reason;
}

/** Whether "make valid" can help: the geometry itself is broken (not its place, size or neighbours). */
export function isRepairable(p: WriteProblem): boolean {
  return /self_intersection|ring_self_intersection|hole_outside_shell|nested_holes|disconnected_interior|nested_shells|duplicate_rings|too_few_points|ring_not_closed|invalid_geometry/
    .test(p.code.replace(/-/g, '_'));
}
