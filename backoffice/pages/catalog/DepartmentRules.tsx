// GROUNDWORK (issue 14): the chain's sale restrictions by department (hours, quantity), at
// #/catalog/restrictions, filled by the restrictions branch; the catalog branch's page routes to it.
export function DepartmentRules() {
  return <div />;
}
