// The language the shopper chose, for their session only. With a basket it is stored on the basket
// (a reload or a restart finds it there); before the first scan it is held here and given to the
// basket the first scan opens. Ending the session (a finished sale, a cancelled basket) forgets it,
// so the next shopper starts in the store's default language.
import type { Language } from '../../core/types';
import { setBasketLanguage } from '../../db/basket-language';
import { currentBasket } from '../../db/baskets';
import type { CheckoutContext } from './context';

/** A choice made on the welcome screen, before there is a basket to keep it. */
const pendingByContext = new WeakMap<CheckoutContext, Language>();

/** The shopper's choice: on the current basket, or pending for the basket to come. */
export function chooseLanguage(ctx: CheckoutContext, language: Language): void {
  const basket = currentBasket(ctx.db);
  if (basket && basket.status !== 'paid' && setBasketLanguage(ctx.db, basket.id, language)) {
    pendingByContext.delete(ctx);
    return;
  }
  // No basket yet, or a finished sale on screen: the choice is for the next basket of this shopper.
  pendingByContext.set(ctx, language);
}

/** The language of the shopper now at the kiosk, or null when they have not chosen one. */
export function shopperLanguage(ctx: CheckoutContext): Language | null {
  const basket = currentBasket(ctx.db);
  const pending = pendingByContext.get(ctx) ?? null;
  if (!basket) return pending;
  // A paid basket's language is the last shopper's; a choice made since is the one on screen.
  if (basket.status === 'paid' && pending) return pending;
  return isLanguage(basket.language) ? basket.language : pending;
}

/** A new basket takes the language chosen before it existed. */
export function adoptPendingLanguage(ctx: CheckoutContext, basketId: string): void {
  const pending = pendingByContext.get(ctx);
  if (pending && setBasketLanguage(ctx.db, basketId, pending)) pendingByContext.delete(ctx);
}

/** The session ended: the next shopper starts in the store's default. */
export function forgetLanguage(ctx: CheckoutContext): void {
  pendingByContext.delete(ctx);
}

/** The languages the screens have text for (core's Language); a stored tag of another is ignored. */
const LANGUAGES: readonly string[] = ['en', 'zh-CN'] satisfies Language[];

function isLanguage(language: string | null): language is Language {
  return language !== null && LANGUAGES.includes(language);
}
