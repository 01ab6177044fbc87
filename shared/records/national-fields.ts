import {
  legalRepresentativeIdTypeLabels,
  legalRepresentativeIdTypes,
  licenceCategories,
  penaltyCategories,
  type LegalRepresentativeIdType,
  type PenaltyCategory,
  type RecordKind,
} from '../config/record-kinds.ts';
import { blackListNames } from '../config/list-names.ts';
import { recordInput, type RecordInput } from './record-input.ts';

/**
 * The national dual-publicity data standard's fields (双公示数据标准) for 行政许可 and 行政处罚, in its column
 * order, and how each maps to a record as the API takes it: one mapping for the import templates (a clerk's
 * spreadsheet row → a record) and, later, for what goes up to the city and provincial platforms.
 *
 * The column lists are those commonly published for the standard (v2.0, as the provincial platforms' templates
 * give them); the standard's own text was not reachable here to check them word for word (docs/imports.md
 * says so). Columns the platform does not keep (the legacy registration numbers that the unified code
 * replaced; a licence's 当前状态, which the platform derives) are read and ignored, each with the reason.
 * Every other column is a field of the record; the legal representative's identity document number, a
 * person's number, is stored masked and sealed like the subject's (shared/records/protected-input.ts).
 *
 * Pure: a row is its cells as text by header; every value is normalised as people type it (full-width digits
 * and letters, spaces inside codes, dates written several ways, amounts in 万元) before the API's own schema
 * validates the record, and every problem is named by its column.
 */

export type NationalKind = 'licence' | 'penalty';

/** How a column's text becomes a field of the record. */
type Reader =
  | { field: string; as: 'text' | 'code' | 'date' | 'wanYuan' | 'subjectCategory' | 'penaltyCategories' | 'licenceCategory' }
  /** One of a closed list, written as its label (or its id): label → id. */
  | { field: string; as: 'choice'; choices: Readonly<Record<string, string>> }
  | { field: 'subject.idType'; as: 'idType' }
  | { field: 'subject.legalRepresentativeIdType'; as: 'legalRepresentativeIdType' }
  | { ignored: string };

export interface NationalColumn {
  header: string;
  /** Must the clerk fill it (for the template's notes; the record schema decides in the end). */
  required: boolean;
  read: Reader;
  /** What to write, shown in the template. */
  hint: string;
}

const legacyCode = { ignored: '统一社会信用代码已取代该登记号，平台不保存 / replaced by the unified social credit code, not kept' } as const;

/** The subject's columns, shared by both standards (行政相对人). */
const subjectColumns: NationalColumn[] = [
  { header: '行政相对人名称', required: true, read: { field: 'subject.name', as: 'text' }, hint: '单位全称或自然人姓名' },
  { header: '行政相对人类别', required: true, read: { field: 'subject.category', as: 'subjectCategory' }, hint: '法人及非法人组织、个体工商户、自然人（或：法人、非法人组织）' },
  { header: '统一社会信用代码', required: false, read: { field: 'subject.uscc', as: 'code' }, hint: '18位；法人、非法人组织必填' },
  { header: '工商注册号', required: false, read: legacyCode, hint: '不填' },
  { header: '组织机构代码', required: false, read: legacyCode, hint: '不填' },
  { header: '税务登记号', required: false, read: legacyCode, hint: '不填' },
  { header: '事业单位证书号', required: false, read: legacyCode, hint: '不填' },
  { header: '社会组织登记证号', required: false, read: legacyCode, hint: '不填' },
  { header: '法定代表人', required: false, read: { field: 'subject.legalRepresentative', as: 'text' }, hint: '法定代表人或负责人姓名' },
  {
    header: '法定代表人证件类型',
    required: false,
    read: { field: 'subject.legalRepresentativeIdType', as: 'legalRepresentativeIdType' },
    hint: `${legalRepresentativeIdTypes.map((t) => legalRepresentativeIdTypeLabels[t]).join('、')}；填写证件号码时必填`,
  },
  {
    header: '法定代表人证件号码',
    required: false,
    read: { field: 'subject.legalRepresentativeIdNumber', as: 'code' },
    hint: '与证件类型对应，身份证填18位公民身份号码；平台只显示遮蔽后的号码，完整号码加密保存',
  },
  { header: '证件类型', required: false, read: { field: 'subject.idType', as: 'idType' }, hint: '自然人、无统一代码的个体工商户填“身份证”' },
  { header: '证件号码', required: false, read: { field: 'subject.residentId', as: 'code' }, hint: '18位公民身份号码' },
];

const authorityColumns = (label: '处罚' | '许可'): NationalColumn[] => [
  { header: `${label}机关`, required: true, read: { field: 'authority.name', as: 'text' }, hint: `作出${label}决定的机关全称` },
  { header: `${label}机关统一社会信用代码`, required: true, read: { field: 'authority.uscc', as: 'code' }, hint: '18位' },
];

const sourceColumns: NationalColumn[] = [
  { header: '数据来源单位', required: true, read: { field: 'sourceDepartment', as: 'text' }, hint: '报送数据的单位全称' },
  { header: '数据来源单位统一社会信用代码', required: false, read: { field: 'sourceDepartmentUscc', as: 'code' }, hint: '18位' },
];

export const nationalColumns: Record<NationalKind, readonly NationalColumn[]> = {
  penalty: [
    ...subjectColumns,
    { header: '行政处罚决定书文号', required: true, read: { field: 'decisionNumber', as: 'text' }, hint: '同一部门内唯一；再次导入同一文号视为更正' },
    { header: '违法行为类型', required: true, read: { field: 'violationType', as: 'text' }, hint: '' },
    { header: '违法事实', required: true, read: { field: 'facts', as: 'text' }, hint: '' },
    { header: '处罚依据', required: true, read: { field: 'legalBasis', as: 'text' }, hint: '' },
    { header: '处罚类别', required: true, read: { field: 'penaltyCategories', as: 'penaltyCategories' }, hint: '警告、通报批评、罚款、没收违法所得、没收非法财物、暂扣许可证件、吊销许可证件、降低资质等级、责令停产停业、责令关闭、限制从业、行政拘留、其他；多个用分号隔开' },
    { header: '处罚内容', required: true, read: { field: 'penaltyContent', as: 'text' }, hint: '' },
    { header: '罚款金额（万元）', required: false, read: { field: 'fineAmountYuan', as: 'wanYuan' }, hint: '单位万元，最多6位小数（精确到分）' },
    { header: '没收违法所得、没收非法财物的金额（万元）', required: false, read: { field: 'confiscationAmountYuan', as: 'wanYuan' }, hint: '单位万元，最多6位小数（精确到分）' },
    {
      header: '暂扣或吊销证照名称及编号',
      required: false,
      read: { field: 'licenceSuspendedOrRevoked', as: 'text' },
      hint: '处罚类别含暂扣、吊销许可证件时填写，如：食品经营许可证 JY14104250099；最多200字',
    },
    { header: '处罚决定日期', required: true, read: { field: 'decisionDate', as: 'date' }, hint: 'YYYY-MM-DD，或 YYYY/M/D、YYYY年M月D日' },
    { header: '处罚有效期', required: false, read: { field: 'penaltyValidUntil', as: 'date' }, hint: 'YYYY-MM-DD，不早于处罚决定日期' },
    { header: '公示截止期', required: false, read: { field: 'publicityPeriodEnd', as: 'date' }, hint: '决定书载明的公示截止日期；不填按规定计算' },
    ...authorityColumns('处罚'),
    ...sourceColumns,
    { header: '备注', required: false, read: { field: 'remarks', as: 'text' }, hint: '' },
  ],
  licence: [
    ...subjectColumns,
    { header: '行政许可决定文书名称', required: true, read: { field: 'licenceDocumentName', as: 'text' }, hint: '' },
    { header: '行政许可决定文书号', required: true, read: { field: 'decisionNumber', as: 'text' }, hint: '同一部门内唯一；再次导入同一文号视为更正' },
    { header: '许可类别', required: true, read: { field: 'licenceCategory', as: 'licenceCategory' }, hint: licenceCategories.join('、') },
    { header: '许可证书名称', required: false, read: { field: 'certificateName', as: 'text' }, hint: '' },
    { header: '许可编号', required: false, read: { field: 'certificateNumber', as: 'text' }, hint: '' },
    { header: '许可内容', required: true, read: { field: 'licenceContent', as: 'text' }, hint: '' },
    { header: '许可决定日期', required: true, read: { field: 'decisionDate', as: 'date' }, hint: 'YYYY-MM-DD，或 YYYY/M/D、YYYY年M月D日' },
    { header: '有效期自', required: true, read: { field: 'validFrom', as: 'date' }, hint: 'YYYY-MM-DD' },
    { header: '有效期至', required: false, read: { field: 'validTo', as: 'date' }, hint: 'YYYY-MM-DD；长期有效不填' },
    ...authorityColumns('许可'),
    { header: '当前状态', required: false, read: { ignored: '状态由平台按有效期和撤销计算 / the platform derives the status' }, hint: '不填' },
    ...sourceColumns,
    { header: '备注', required: false, read: { field: 'remarks', as: 'text' }, hint: '' },
  ],
};

/**
 * Templates for the other ten kinds, the platform's own in the national style (the national standard defines
 * columns for 行政许可 and 行政处罚 only): the same subject columns first, then the kind's fields in the order of
 * its decision, then the deciding authority, the data source and 备注. Headers are the names the API's schema
 * describes the fields by (shared/records/record-input.ts).
 */
type PlatformKind = Exclude<RecordKind, NationalKind>;

const decisionColumns = (number: string, date: string): NationalColumn[] => [
  { header: number, required: true, read: { field: 'decisionNumber', as: 'text' }, hint: '同一部门内唯一；再次导入同一文号视为更正' },
  { header: date, required: true, read: { field: 'decisionDate', as: 'date' }, hint: 'YYYY-MM-DD，或 YYYY/M/D、YYYY年M月D日' },
];
const platformTail: NationalColumn[] = [
  { header: '决定机关', required: true, read: { field: 'authority.name', as: 'text' }, hint: '作出决定（或列入名单）的机关全称' },
  { header: '决定机关统一社会信用代码', required: true, read: { field: 'authority.uscc', as: 'code' }, hint: '18位' },
  ...sourceColumns,
  { header: '备注', required: false, read: { field: 'remarks', as: 'text' }, hint: '' },
];
const administrative = (label: string): NationalColumn[] => [
  ...subjectColumns,
  ...decisionColumns(`${label}决定文书号`, `${label}决定日期`),
  { header: `${label}内容`, required: true, read: { field: 'content', as: 'text' }, hint: '' },
  { header: `${label}依据`, required: false, read: { field: 'legalBasis', as: 'text' }, hint: '' },
  ...platformTail,
];
const courtColumns: NationalColumn[] = [
  { header: '法院名称', required: true, read: { field: 'court', as: 'text' }, hint: '' },
  { header: '案号', required: true, read: { field: 'caseNumber', as: 'text' }, hint: '如（2026）豫0425执123号' },
];
const listUntil = (required: boolean): NationalColumn => ({ header: '列入期限至', required, read: { field: 'listedUntil', as: 'date' }, hint: 'YYYY-MM-DD' });
const blackListChoices = Object.fromEntries(Object.entries(blackListNames).flatMap(([id, label]) => [[label, id], [id, id]]));

export const platformColumns: Record<PlatformKind, readonly NationalColumn[]> = {
  enforcement: administrative('行政强制'),
  levy: administrative('行政征收'),
  confirmation: administrative('行政确认'),
  reward: administrative('行政奖励'),
  judgment: [
    ...subjectColumns,
    ...decisionColumns('裁判文书号', '裁判日期'),
    ...courtColumns,
    { header: '裁判内容', required: true, read: { field: 'content', as: 'text' }, hint: '' },
    ...platformTail,
  ],
  dishonestDebtor: [
    ...subjectColumns,
    ...decisionColumns('失信决定书文号', '列入日期'),
    ...courtColumns,
    { header: '生效法律文书确定的义务', required: true, read: { field: 'obligation', as: 'text' }, hint: '' },
    { header: '履行情况', required: true, read: { field: 'performanceStatus', as: 'choice', choices: { 全部未履行: 'unperformed', 部分未履行: 'partlyPerformed' } }, hint: '全部未履行、部分未履行' },
    listUntil(false),
    ...platformTail,
  ],
  commitment: [
    ...subjectColumns,
    ...decisionColumns('承诺书编号', '承诺日期'),
    { header: '承诺类型', required: true, read: { field: 'commitmentType', as: 'text' }, hint: '如告知承诺、容缺受理承诺、信用修复承诺' },
    { header: '承诺内容', required: true, read: { field: 'content', as: 'text' }, hint: '' },
    { header: '关联事项', required: false, read: { field: 'matterReference', as: 'text' }, hint: '承诺所针对的行政管理事项' },
    ...platformTail,
  ],
  commitmentBreach: [
    ...subjectColumns,
    ...decisionColumns('违诺认定文书号', '认定日期'),
    { header: '所违反承诺的文书号', required: false, read: { field: 'commitmentDecisionNumber', as: 'text' }, hint: '' },
    { header: '违诺事实', required: true, read: { field: 'breachFacts', as: 'text' }, hint: '' },
    { header: '处理内容', required: true, read: { field: 'content', as: 'text' }, hint: '' },
    ...platformTail,
  ],
  redList: [
    ...subjectColumns,
    ...decisionColumns('列入文书号', '列入日期'),
    { header: '名单名称', required: true, read: { field: 'listName', as: 'text' }, hint: '如：纳税信用A级纳税人名单' },
    { header: '列入依据', required: true, read: { field: 'listingBasis', as: 'text' }, hint: '' },
    listUntil(false),
    ...platformTail,
  ],
  blackList: [
    ...subjectColumns,
    ...decisionColumns('列入文书号', '列入日期'),
    { header: '名单名称', required: true, read: { field: 'listName', as: 'choice', choices: blackListChoices }, hint: Object.values(blackListNames).join('、') },
    { header: '列入依据', required: true, read: { field: 'listingBasis', as: 'text' }, hint: '' },
    listUntil(true),
    ...platformTail,
  ],
};

/** Every kind's template columns: the national ones for 行政许可 and 行政处罚, the platform's for the others. */
export const templateColumns: Record<RecordKind, readonly NationalColumn[]> = { ...nationalColumns, ...platformColumns };

/** A problem with one cell (or with the row, `column` naming the column the rule is about). */
export interface RowProblem {
  column: string;
  message: string;
}

export type RowResult = { ok: true; input: RecordInput } | { ok: false; problems: RowProblem[] };

/**
 * Full-width ASCII (an IME's digits, letters and signs, U+FF01–FF5E) to half-width, the ideographic space to
 * a space: for codes, numbers, dates and list values, never for names and text (（） in a name stay).
 */
export const halfWidth = (text: string): string =>
  text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A code as typed: half-width, no spaces or dashes anywhere, upper case. */
const code = (text: string): string => halfWidth(text).replace(/[\s\-–—]/g, '').toUpperCase();

/** A date as people write it: 2026-05-06, 2026/5/6, 2026.5.6, 2026年5月6日, 20260506. */
export function readDate(text: string): string | undefined {
  const t = halfWidth(text).replace(/\s/g, '');
  const m = t.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? t.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** An amount in 万元 (at most 6 decimals: a fen) as yuan, exactly: 1.234567 万元 = 12345.67 元. */
export function wanYuanToYuan(text: string): number | undefined {
  const t = halfWidth(text).replace(/[\s,，]/g, '');
  const m = t.match(/^(\d+)(?:\.(\d{1,6}))?$/);
  if (!m) return undefined;
  const fen = BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'));
  return Number(`${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`);
}

const subjectCategoryByLabel: Record<string, string> = {
  法人及非法人组织: 'legalPerson',
  法人: 'legalPerson',
  非法人组织: 'otherOrganisation',
  个体工商户: 'individualBusiness',
  自然人: 'naturalPerson',
};

/** 证件类型 labels as written in templates (the standard's, and the names people use for them). */
const idTypeByLabel: Record<string, LegalRepresentativeIdType> = {
  身份证: 'residentId',
  居民身份证: 'residentId',
  公民身份号码: 'residentId',
  护照: 'passport',
  护照号: 'passport',
  港澳居民来往内地通行证: 'hkMacaoPermit',
  回乡证: 'hkMacaoPermit',
  台湾居民来往大陆通行证: 'taiwanPermit',
  台胞证: 'taiwanPermit',
  外国人永久居留身份证: 'foreignPermanentResidentId',
  外国人永久居留证: 'foreignPermanentResidentId',
};

/** 处罚类别 labels as written in decisions and templates (several per category). */
const penaltyCategoryByLabel: Record<string, PenaltyCategory> = {
  警告: 'warning',
  通报批评: 'circulateCriticism',
  罚款: 'fine',
  没收违法所得: 'confiscation',
  没收非法财物: 'confiscation',
  '没收违法所得、没收非法财物': 'confiscation',
  暂扣许可证件: 'suspendLicence',
  暂扣执照: 'suspendLicence',
  暂扣许可证: 'suspendLicence',
  吊销许可证件: 'revokeLicence',
  吊销执照: 'revokeLicence',
  吊销许可证: 'revokeLicence',
  降低资质等级: 'lowerQualification',
  限制开展生产经营活动: 'orderClosure',
  责令停产停业: 'orderClosure',
  责令关闭: 'orderClosure',
  限制从业: 'restrictEmployment',
  行政拘留: 'detention',
  其他: 'other',
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/**
 * One row of a national template (cells by header, as text) as a record of `kind`, validated by the API's
 * schema (`recordInput`), or every problem of the row by its column. Empty cells are absent fields.
 */
export function rowToRecord(kind: RecordKind, cells: Readonly<Record<string, string | undefined>>): RowResult {
  const columns = templateColumns[kind];
  const problems: RowProblem[] = [];
  const draft: Record<string, unknown> = { kind };
  let idType: string | undefined;

  for (const column of columns) {
    const raw = cells[column.header]?.trim();
    if (!raw || 'ignored' in column.read) continue;
    const { field, as } = column.read;
    const problem = (message: string) => problems.push({ column: column.header, message });
    switch (as) {
      case 'text':
        setPath(draft, field, raw);
        break;
      case 'code':
        setPath(draft, field, code(raw));
        break;
      case 'date': {
        const date = readDate(raw);
        if (date) setPath(draft, field, date);
        else problem('须为日期，如 2026-05-06 / must be a date such as 2026-05-06');
        break;
      }
      case 'wanYuan': {
        const yuan = wanYuanToYuan(raw);
        if (yuan === undefined) problem('须为以万元计的金额，最多6位小数 / must be an amount in 万元 with at most 6 decimals');
        else setPath(draft, field, yuan);
        break;
      }
      case 'subjectCategory': {
        const category = subjectCategoryByLabel[halfWidth(raw).replace(/\s/g, '')];
        if (category) setPath(draft, field, category);
        else problem(`须为：${Object.keys(subjectCategoryByLabel).join('、')} / must be one of these`);
        break;
      }
      case 'choice': {
        const choice = column.read.choices[halfWidth(raw).replace(/\s/g, '')];
        if (choice) setPath(draft, field, choice);
        else problem(`须为：${[...new Set(Object.keys(column.read.choices).filter((k) => !/^[a-z]/.test(k)))].join('、')} / must be one of these`);
        break;
      }
      case 'licenceCategory': {
        const category = halfWidth(raw).replace(/\s/g, '');
        if ((licenceCategories as readonly string[]).includes(category)) setPath(draft, field, category);
        else problem(`须为：${licenceCategories.join('、')} / must be one of these`);
        break;
      }
      case 'penaltyCategories': {
        const labels = raw.split(/[;；,，\n]/).map((l) => halfWidth(l).replace(/\s/g, '')).filter(Boolean);
        const unknown = labels.filter((l) => !(l in penaltyCategoryByLabel));
        if (unknown.length) problem(`不认识的处罚类别：${unknown.join('、')}（可填：${Object.keys(penaltyCategoryByLabel).join('、')}）`);
        else setPath(draft, field, [...new Set(labels.map((l) => penaltyCategoryByLabel[l]!))].sort((a, b) => penaltyCategories.indexOf(a) - penaltyCategories.indexOf(b)));
        break;
      }
      case 'idType':
        idType = halfWidth(raw).replace(/\s/g, '');
        break;
      case 'legalRepresentativeIdType': {
        const label = halfWidth(raw).replace(/\s/g, '');
        const type = Object.hasOwn(idTypeByLabel, label) ? idTypeByLabel[label] : undefined;
        if (type) setPath(draft, field, type);
        else problem(`须为：${Object.keys(idTypeByLabel).join('、')} / must be one of these`);
        break;
      }
    }
  }
  if (idType !== undefined && !(Object.hasOwn(idTypeByLabel, idType) && idTypeByLabel[idType] === 'residentId'))
    problems.push({ column: '证件类型', message: '目前只支持“身份证” / only resident ID cards are supported yet' });
  if (problems.length) return { ok: false, problems };

  const parsed = recordInput.safeParse(draft);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ column: columnOf(kind, issue.path.map(String)), message: issue.message })) };
}

/** The column a schema path was read from (the nearest mapped field), or the path itself when none maps to it. */
export function columnOf(kind: RecordKind, path: readonly string[]): string {
  for (let length = path.length; length > 0; length -= 1) {
    const field = path.slice(0, length).join('.');
    const column = templateColumns[kind].find((c) => 'field' in c.read && c.read.field === field);
    if (column) return column.header;
  }
  return path.join('.') || '（整行）';
}

/** The first label written for each id of a label → id table: how the platform writes an id back as its label. */
function labelsOf<T extends string>(byLabel: Readonly<Record<string, T>>): Partial<Record<T, string>> {
  const labels: Partial<Record<T, string>> = {};
  for (const [label, id] of Object.entries(byLabel) as [string, T][]) if (!/^[a-z]/.test(label)) labels[id] ??= label;
  return labels;
}
const subjectCategoryLabels = labelsOf(subjectCategoryByLabel);
const idTypeLabels = labelsOf(idTypeByLabel);
const penaltyCategoryLabels = labelsOf(penaltyCategoryByLabel);

function getPath(source: Readonly<Record<string, unknown>>, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** Yuan as 万元, exactly (12345.67 元 = 1.234567 万元), without trailing zeros. */
export function yuanToWanYuan(yuan: number): string {
  const fen = BigInt(Math.round(yuan * 100));
  const whole = fen / 1_000_000n;
  const fraction = (fen % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/**
 * A record as a row of its kind's template, the reverse of `rowToRecord`: each column's text by header, in the
 * standard's column order, absent fields left out (ignored columns too). What goes up to the city and provincial
 * platforms (docs/exchange.md): the same mapping both ways. Pure: the input as given (masked or whole numbers).
 */
export function recordToRow(input: RecordInput): [header: string, text: string][] {
  const row: [string, string][] = [];
  const fields = input as unknown as Record<string, unknown>;
  for (const column of templateColumns[input.kind]) {
    if ('ignored' in column.read) continue;
    const { field, as } = column.read;
    if (as === 'idType') {
      if (getPath(fields, 'subject.residentId')) row.push([column.header, idTypeLabels.residentId!]);
      continue;
    }
    const value = getPath(fields, field);
    if (value === undefined || value === null || value === '') continue;
    const text = (() => {
      switch (as) {
        case 'wanYuan':
          return yuanToWanYuan(value as number);
        case 'subjectCategory':
          return subjectCategoryLabels[value as string] ?? String(value);
        case 'choice':
          return Object.entries(column.read.choices).find(([label, id]) => id === value && !/^[a-z]/.test(label))?.[0] ?? String(value);
        case 'penaltyCategories':
          return (value as PenaltyCategory[]).map((c) => penaltyCategoryLabels[c] ?? c).join('；');
        case 'legalRepresentativeIdType':
          return idTypeLabels[value as LegalRepresentativeIdType] ?? legalRepresentativeIdTypeLabels[value as LegalRepresentativeIdType] ?? String(value);
        default:
          return String(value);
      }
    })();
    row.push([column.header, text]);
  }
  return row;
}
