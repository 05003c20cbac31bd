// The users area (admins only): every user with their role, stores and status; making a user; and,
// for the one picked, changing their name, role and stores, disabling them, or resetting their password.
import { useState } from 'react';
import { api } from '../../api/client';
import { areaTexts } from '../../app/area-texts';
import { fill, useFormat, useTexts } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { Page, Panel } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { EditUser } from './EditUser';
import { NewUser } from './NewUser';
import { userTexts } from './texts';
import type { UserView } from './types';
import './users.css';

export default function UsersPage() {
  const t = useTexts(userTexts);
  const area = useTexts(areaTexts);
  const format = useFormat();
  const users = useLoad(() => api.get<{ users: UserView[] }>('/admin/v1/users'), []);
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = users.data?.users ?? [];
  const current = rows.find((u) => u.id === picked) ?? null;
  const columns: Column<UserView>[] = [
    { label: t.name, cell: (u) => u.name },
    { label: t.displayName, cell: (u) => u.displayName },
    { label: t.role, cell: (u) => t[u.role], csv: (u) => u.role },
    {
      label: t.stores,
      cell: (u) => (u.role === 'store_manager' ? u.stores.join(', ') : t.allStores),
      csv: (u) => (u.role === 'store_manager' ? u.stores.join(' ') : 'all'),
    },
    {
      label: t.status,
      cell: (u) => (
        <span className={`tag ${u.disabled ? 'tag-bad' : 'tag-ok'}`}>
          {u.disabled ? t.disabled : t.active}
        </span>
      ),
      csv: (u) => (u.disabled ? 'disabled' : 'active'),
    },
    {
      label: t.lastActive,
      cell: (u) => (u.lastActiveAt ? format.dateTime(u.lastActiveAt) : t.never),
      csv: (u) => u.lastActiveAt ?? '',
    },
    { label: t.created, cell: (u) => format.date(u.createdAt), csv: (u) => u.createdAt },
  ];
  const changed = (message: string) => {
    setDone(message);
    users.reload();
  };
  return (
    <Page
      title={area.users}
      actions={
        <button
          type="button"
          className="button-primary"
          data-testid="user-new"
          onClick={() => (setCreating(true), setPicked(null), setDone(null))}
        >
          {t.newUser}
        </button>
      }
    >
      {done ? <Notice tone="ok">{done}</Notice> : null}
      {creating ? (
        <NewUser
          onCancel={() => setCreating(false)}
          onCreated={(name) => (setCreating(false), changed(fill(t.created_ok, { name })))}
        />
      ) : null}
      {current ? (
        <EditUser
          key={current.id + current.updatedAt}
          user={current}
          onClose={() => setPicked(null)}
          onChanged={changed}
        />
      ) : null}
      <Panel>
        {users.error ? <ErrorNotice error={users.error} /> : null}
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(u) => u.id}
          caption={t.list}
          csvName="users"
          testId="users-table"
          onRowClick={(u) => (setPicked(u.id), setCreating(false), setDone(null))}
        />
      </Panel>
    </Page>
  );
}
