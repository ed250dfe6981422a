import { toCsv } from '@/lib/csv/csv';
import { formatDateTime } from '@/lib/dates';
import { regionPath } from '@/lib/regions/region-path';
import type { ImportBatchDetail } from './history-queries';
import { itemOutcomeLabels } from './outcome-labels';
import { reasonLabel } from './reasons';

export const historyCsvHeader = [
  '序号',
  '文件',
  '结果',
  '原因代码',
  '原因',
  '说明',
  '标题',
  '文章ID',
  '推荐条数',
  '建议地区',
  '提醒',
  '覆盖编辑的修改',
  '导入时间',
  '导入人',
];

export function importBatchCsv(batch: ImportBatchDetail): string {
  const when = formatDateTime(batch.createdAt);
  const who = batch.user?.name ?? (batch.source === 'cli' ? '命令行' : '');
  return toCsv([
    historyCsvHeader,
    ...batch.items.map((item) => [
      item.position + 1,
      item.fileName,
      itemOutcomeLabels[item.outcome],
      item.reason ?? '',
      reasonLabel(item.reason),
      item.error ?? '',
      item.title ?? '',
      item.articleId ?? '',
      item.itemCount ?? '',
      item.regionCodes.map((code) => regionPath(code).join('/') || code).join('；'),
      item.warnings.join('；'),
      item.forced ? '是' : '',
      when,
      who,
    ]),
  ]);
}
