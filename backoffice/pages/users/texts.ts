// The users area's words, in English and 简体中文.
import { defineTexts } from '../../i18n';

export const userTexts = defineTexts({
  en: {
    newUser: 'New user',
    list: 'Users of the back office',
    name: 'Sign-in name',
    displayName: 'Full name',
    role: 'Role',
    stores: 'Stores',
    storesHint: 'Store codes, separated by commas (e.g. S001, S002).',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    lastActive: 'Last active',
    created: 'Created',
    password: 'Password',
    passwordHint: 'At least 10 characters. Tell it to the user in person.',
    create: 'Create user',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save changes',
    edit: 'Edit {name}',
    disable: 'Disable (ends their sessions)',
    enable: 'Enable',
    newPassword: 'New password',
    reset: 'Reset password',
    created_ok: 'User {name} was created.',
    saved: 'Saved.',
    reset_ok: 'The password was reset; {n} session(s) ended.',
    disabled_ok: '{name} is disabled; their sessions have ended.',
    enabled_ok: '{name} can sign in again.',
    allStores: 'all stores',
    never: '—',
    admin: 'Admin',
    category_manager: 'Category manager',
    store_manager: 'Store manager',
    auditor: 'Auditor',
  },
  'zh-CN': {
    newUser: '新建用户',
    list: '后台用户',
    name: '登录名',
    displayName: '姓名',
    role: '角色',
    stores: '门店',
    storesHint: '门店代码，用逗号分隔（例如 S001, S002）。',
    status: '状态',
    active: '启用',
    disabled: '已停用',
    lastActive: '最近活动',
    created: '创建时间',
    password: '密码',
    passwordHint: '至少 10 个字符。请当面告知用户。',
    create: '创建用户',
    cancel: '取消',
    close: '关闭',
    save: '保存修改',
    edit: '编辑 {name}',
    disable: '停用（结束其会话）',
    enable: '启用',
    newPassword: '新密码',
    reset: '重置密码',
    created_ok: '已创建用户 {name}。',
    saved: '已保存。',
    reset_ok: '密码已重置；结束了 {n} 个会话。',
    disabled_ok: '{name} 已停用，其会话已结束。',
    enabled_ok: '{name} 可以重新登录。',
    allStores: '全部门店',
    never: '—',
    admin: '管理员',
    category_manager: '品类经理',
    store_manager: '店长',
    auditor: '审计员',
  },
});

export type UserTexts = Record<keyof (typeof userTexts)['en'], string>;

/** "S001, s002 ,S003" → ['S001', 's002', 'S003'] (HQ says which are not stores). */
export function parseStores(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
