// An audit entry's before and after as the fields that changed, for people to read: a creation lists
// what was made, a change only what differs, a removal what was there.

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** A value as short text: lists joined with commas, objects as JSON. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(shown).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeChange(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before == null && after == null) return [];
    return [
      {
        field: '',
        before: before == null ? null : shown(before),
        after: after == null ? null : shown(after),
      },
    ];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const was = field in b ? shown(b[field]) : null;
    const now = field in a ? shown(a[field]) : null;
    // Unchanged fields of a change are left out; a creation or removal shows every field.
    if (isRecord(before) && isRecord(after) && was === now) continue;
    changes.push({ field, before: isRecord(before) ? was : null, after: isRecord(after) ? now : null });
  }
  return changes;
}
