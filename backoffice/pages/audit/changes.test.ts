import { describe, expect, it } from 'vitest';
import { describeChange } from './changes';

describe('describeChange', () => {
  it('lists only what a change changed, a creation in full, and nothing for a bare event', () => {
    const before = { role: 'store_manager', stores: ['S002'], disabled: false };
    const after = { role: 'store_manager', stores: ['S001', 'S002'], disabled: true };
    expect(describeChange(before, after)).toEqual([
      { field: 'stores', before: 'S002', after: 'S001, S002' },
      { field: 'disabled', before: 'false', after: 'true' },
    ]);
    expect(describeChange(null, { name: 'eve', stores: [] })).toEqual([
      { field: 'name', before: null, after: 'eve' },
      { field: 'stores', before: null, after: '—' },
    ]);
    expect(describeChange(null, null)).toEqual([]);
    expect(describeChange(12900, 13900)).toEqual([{ field: '', before: '12900', after: '13900' }]);
  });
});
