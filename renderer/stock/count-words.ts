// A count's scope in words: "Department 12", "Location A-03", "List of 4 items".
import type { CountScope } from '../../services/api/contract';
import { useI18n } from '../i18n';

export function useScopeWords(): (scope: CountScope) => string {
  const { t } = useI18n();
  return (scope) => {
    if (scope.kind === 'department') return t.stock.scopeDepartment(scope.department);
    if (scope.kind === 'location') return t.stock.scopeLocation(scope.location);
    return t.stock.scopeList(scope.gtins.length);
  };
}
