// The stock home: six large targets, one per task, in reach of a thumb on a phone-sized handheld.
import { useI18n } from '../i18n';

export const STOCK_TASKS = ['receive', 'count', 'adjust', 'transfer', 'price', 'labels'] as const;
export type StockTask = (typeof STOCK_TASKS)[number];

export function StockHome({ onTask }: { onTask(task: StockTask): void }) {
  const { t } = useI18n();
  return (
    <nav className="stock-home" aria-label={t.stock.title} data-testid="stock-home">
      {STOCK_TASKS.map((task) => (
        <button
          key={task}
          type="button"
          className="stock-tile"
          data-testid={`stock-task-${task}`}
          onClick={() => onTask(task)}
        >
          <span className="stock-tile-title">{t.stock.tasks[task]}</span>
          <span className="stock-tile-hint">{t.stock.taskHints[task]}</span>
        </button>
      ))}
    </nav>
  );
}
