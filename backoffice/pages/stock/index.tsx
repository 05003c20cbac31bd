// The stock area: levels (and a product's movements), counts with their reviews, flagged duplicates.
//   #/stock · #/stock/counts · #/stock/flags · #/stock/movements/<store>/<gtin>
import './stock.css';
import { href, useRoute } from '../../app/route';
import { areaTexts } from '../../app/area-texts';
import { useTexts } from '../../i18n';
import { Page } from '../../ui/Page';
import { CountsSection } from './CountsSection';
import { FlagsSection } from './FlagsSection';
import { LevelsSection } from './LevelsSection';
import { MovementsPage } from './MovementsPage';
import { stockTexts } from './texts';

const SECTIONS = ['levels', 'counts', 'flags'] as const;

export default function Stock() {
  const { rest } = useRoute();
  const t = useTexts(stockTexts);
  const title = useTexts(areaTexts).stock;
  if (rest[0] === 'movements' && rest.length >= 3) return <MovementsPage store={rest[1]!} gtin={rest[2]!} />;
  const section = SECTIONS.find((s) => s === rest[0]) ?? 'levels';
  return (
    <Page title={title}>
      <nav className="stock-tabs" aria-label={t.sections}>
        {SECTIONS.map((s) => (
          <a
            key={s}
            href={s === 'levels' ? href('stock') : href('stock', s)}
            aria-current={s === section ? 'true' : undefined}
          >
            {t[s]}
          </a>
        ))}
      </nav>
      {section === 'levels' ? <LevelsSection /> : section === 'counts' ? <CountsSection /> : <FlagsSection />}
    </Page>
  );
}
