// The users part of the back office's API: sessions, users and the audit log, registered in one place.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { registerAuditRoutes } from './audit-routes';
import { registerSessionRoutes } from './session-routes';
import { registerUserAdminRoutes } from './user-routes';

export function registerOfficeUserRoutes(
  scope: FastifyInstance,
  db: Database,
  options: { tokenSet: boolean },
): void {
  registerSessionRoutes(scope, db, options);
  registerUserAdminRoutes(scope, db);
  registerAuditRoutes(scope, db);
}
