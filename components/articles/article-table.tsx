'use client';

import Link from 'next/link';
import { useState } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import type { ArticleListQuery } from '@/lib/articles/list-query';
import { listSummary } from '@/lib/articles/list-summary';
import type { ArticleList, ArticleListRow } from '@/lib/articles/queries';
import { formatDateTime } from '@/lib/dates';
import { scheduledActionLabels } from '@/lib/schedule/schedule-state';
import { statusLabels } from '@/lib/workflow/transitions';
import { articleListHref } from '@/lib/articles/list-query';
import { BulkToolbar, type BulkPermissions } from './bulk-toolbar';

const column = createColumnHelper<ArticleListRow>();

// Shown to those who may edit: the page's rows can be selected for the bulk toolbar.
const selectColumn = column.display({
  id: 'select',
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="选择本页全部文章"
      checked={table.getIsAllPageRowsSelected()}
      ref={(el) => {
        if (el) el.indeterminate = table.getIsSomePageRowsSelected();
      }}
      onChange={table.getToggleAllPageRowsSelectedHandler()}
    />
  ),
  cell: ({ row }) => (
    <input type="checkbox" aria-label={`选择：${row.original.title}`} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
  ),
});

const dataColumns = [
  column.accessor('title', {
    header: '标题',
    cell: (info) => <Link href={`/admin/articles/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  column.accessor('status', {
    header: '状态',
    cell: (info) => (
      <>
        <span className={`badge ${info.getValue()}`}>{statusLabels[info.getValue()]}</span>
        {info.row.original.isLive && info.getValue() !== 'PUBLISHED' && (
          <span className="badge PUBLISHED" style={{ marginLeft: 4 }}>
            线上有版本
          </span>
        )}
      </>
    ),
  }),
  column.accessor('schedule', {
    header: '定时',
    enableSorting: false,
    cell: (info) => {
      const schedule = info.getValue();
      if (!schedule) return <span className="muted">—</span>;
      return (
        <span className={`badge ${schedule.problem ? 'SCHEDULE_STALE' : 'SCHEDULED'}`} title={schedule.problem ?? undefined} data-testid="row-schedule">
          {scheduledActionLabels[schedule.action]} {formatDateTime(new Date(schedule.at))}
          {schedule.problem && '（已失效）'}
        </span>
      );
    },
  }),
  column.accessor('regions', { header: '地区', enableSorting: false, cell: (info) => info.getValue().join('、') || <span className="muted">—</span> }),
  column.accessor('contentDate', { header: '内容日期', cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
  column.accessor('updatedAt', {
    header: '更新时间',
    cell: (info) => new Date(info.getValue()).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
  }),
];

const columnsWithSelection = [selectColumn, ...dataColumns];

// Sorting and pagination happen in SQL: the table is told the state by the URL and renders links;
// the list says which page it is and how many there are (an estimated list stops early).
// Row selection is client state, limited to the rows on the page.
export function ArticleTable({ list, query, bulk = null }: { list: ArticleList; query: ArticleListQuery; bulk?: BulkPermissions | null }) {
  const canBulkEdit = bulk !== null && Object.values(bulk).some(Boolean);
  const { rows, page, pageCount } = list;
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === 'desc' }];
  const summary = listSummary(list, query.size);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const columns = canBulkEdit ? columnsWithSelection : dataColumns;
  // oxlint-disable-next-line react/incompatible-library -- TanStack Table's hook cannot be memoized; this project does not run the React Compiler
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, pagination: { pageIndex: page - 1, pageSize: query.size }, rowSelection },
    enableRowSelection: canBulkEdit,
    onRowSelectionChange: setRowSelection,
    manualSorting: true,
    manualPagination: true,
    pageCount,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  // Only rows still on the page count (a refresh may have filtered some out).
  const selected = table.getSelectedRowModel().rows.map((row) => ({ id: row.original.id, title: row.original.title, version: row.original.version }));

  return (
    <div>
      {bulk && canBulkEdit && <BulkToolbar selected={selected} permissions={bulk} onClear={() => setRowSelection({})} />}
      <table className="data" aria-label="文章列表">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id as ArticleListQuery['sort'];
                const sortable = header.column.getCanSort();
                const active = query.sort === id;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    style={header.column.id === 'select' ? { width: 32 } : undefined}
                  >
                    {sortable ? (
                      <Link href={articleListHref(query, { sort: id, dir: active && query.dir === 'desc' ? 'asc' : 'desc', page: 1 })}>
                        {label}
                        {active ? (query.dir === 'asc' ? ' ↑' : ' ↓') : ''}
                      </Link>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                没有符合条件的文章
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <nav aria-label="分页" style={{ display: 'flex', gap: 12, alignItems: 'center', marginTop: 12 }}>
        <span className="muted" data-testid="article-count">
          {summary.counts}
        </span>
        {page > 1 && (
          <Link className="button" href={articleListHref(query, { page: page - 1 })}>
            上一页
          </Link>
        )}
        {page < pageCount && (
          <Link className="button" href={articleListHref(query, { page: page + 1 })}>
            下一页
          </Link>
        )}
      </nav>
      {summary.note && (
        <p className="muted" data-testid="article-count-note">
          {summary.note}
        </p>
      )}
    </div>
  );
}
