// The shopper's chosen language, kept on their basket (migration 0014): a reloaded kiosk shows the
// basket in it again, a receipt prints in it, and the next shopper's new basket has none.
import type Database from 'better-sqlite3';

/** Records the language on a basket that is not closed; false when there is no such basket. */
export function setBasketLanguage(db: Database.Database, basketId: string, language: string): boolean {
  return (
    db.prepare("UPDATE baskets SET language = ? WHERE id = ? AND status <> 'closed'").run(language, basketId)
      .changes === 1
  );
}
