// What GET /admin/v1/users answers with (server/office/users.ts UserView).
export type { UserView } from '../../../server/office/users';
