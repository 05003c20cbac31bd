// The names of the back office's areas, in the menu and as each area's title.
import { defineTexts } from '../i18n';

export const areaTexts = defineTexts({
  en: {
    overview: 'Overview',
    sales: 'Sales',
    catalog: 'Catalog',
    recalls: 'Recalls',
    stock: 'Stock',
    'purchase-orders': 'Purchase orders',
    stores: 'Stores & devices',
    problems: 'Sync problems',
    users: 'Users',
    audit: 'Audit log',
  },
  'zh-CN': {
    overview: '概览',
    sales: '销售',
    catalog: '商品目录',
    recalls: '召回',
    stock: '库存',
    'purchase-orders': '采购订单',
    stores: '门店与设备',
    problems: '同步问题',
    users: '用户',
    audit: '审计日志',
  },
});
