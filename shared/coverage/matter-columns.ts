import type { MatterInput } from './api.ts';

/** The columns of the monthly upload template (办件报送模板), in order: header, field, whether it must be filled, how. */
export const matterColumns: ReadonlyArray<{ header: string; field: keyof MatterInput; required: boolean; hint: string }> = [
  { header: '事项清单编号', field: 'itemId', required: true, hint: '本部门事项清单中的事项编号（见“本部门事项清单”工作表）' },
  { header: '办件编号', field: 'reference', required: true, hint: '本部门的办件（案卷）编号；同一编号再次报送即更新该办件，不会重复计数' },
  { header: '主体代码', field: 'subjectId', required: true, hint: '统一社会信用代码或公民身份号码（18位），请按文本填写' },
  { header: '主体名称', field: 'subjectName', required: true, hint: '单位名称或姓名' },
  { header: '办结日期', field: 'decidedOn', required: true, hint: '作出决定的日期，格式 2026-11-05；须在报送月份内，且不晚于今天' },
  { header: '办理结果', field: 'decision', required: false, hint: '如 准予许可、不予许可（可不填）' },
  { header: '核查编号', field: 'checkId', required: false, hint: '办理时所作信用核查的编号（chk_ 开头，可不填）' },
];

export const columnOfField = (field: string): string => matterColumns.find((c) => c.field === field)?.header ?? field;
