// What a count covers, as a key (one open session per key) and as the test whether an item belongs.
import type { Product } from '../../../core/types';
import type { CountScope } from '../../api/stock-contract';

/** The same scope always gives the same key: a list in any order, with repeats, is one list. */
export function scopeKey(scope: CountScope): string {
  switch (scope.kind) {
    case 'department':
      return `department:${scope.department}`;
    case 'location':
      return `location:${scope.location}`;
    case 'list':
      return `list:${[...new Set(scope.gtins)].sort().join(',')}`;
  }
}

/** Why `product` counted at `location` is outside the session's scope, or null when it is inside. */
export function outOfScope(scope: CountScope, product: Product, location: string): string | null {
  switch (scope.kind) {
    case 'department':
      return product.department === scope.department
        ? null
        : `${product.name} is in ${product.department ?? 'no department'}, not in ${scope.department}, which this count covers`;
    case 'location':
      return location === scope.location
        ? null
        : `this count covers location ${scope.location}, not ${location}`;
    case 'list':
      return scope.gtins.includes(product.gtin) ? null : `${product.name} is not on this count's list`;
  }
}
