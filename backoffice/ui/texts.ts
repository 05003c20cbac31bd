// Words the shared pieces of the screen use (tables, errors, buttons).
import { defineTexts } from '../i18n';

export const uiTexts = defineTexts({
  en: {
    exportCsv: 'Export CSV',
    empty: 'Nothing to show.',
    loading: 'Loading…',
    retry: 'Try again',
    lineError: 'Line {line}: {message}',
    moreErrors: '…and {n} more',
    rows: '{n} rows',
    oneRow: '1 row',
  },
  'zh-CN': {
    exportCsv: '导出 CSV',
    empty: '暂无内容。',
    loading: '加载中…',
    retry: '重试',
    lineError: '第 {line} 行：{message}',
    moreErrors: '……还有 {n} 处',
    rows: '{n} 行',
    oneRow: '1 行',
  },
});
