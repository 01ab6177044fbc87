import type { NationalListSource } from '../config/national-list-settings.ts';
import type { SubjectIdType } from '../subjects/subject-id.ts';

/**
 * The published formats of the national lists, as the platform reads them: each list's columns by the names its
 * publisher gives them, what each column is in an entry, which columns identify an entry, and which subjects the
 * list holds. Pure data (docs/exchange.md, "Inbound": the field mapping).
 *
 * The publishers issue no machine format of their own: the columns are the fields each list's rules say are
 * published, named as the publisher's pages name them (the SPC's 法释〔2017〕7号 第六条 and 中国执行信息公开网;
 * the tax authority's 重大税收违法失信主体信息公布栏; 中国政府采购网's 严重违法失信行为记录名单; the 国家企业信用信息
 * 公示系统's 严重违法失信名单). A few other spellings are read as the same column (`aliases`); columns a file has
 * beyond these are left aside. How an entry is labelled where it is shown is entry-labels.ts.
 */

/** What a column holds in an entry, whichever list it comes from. */
export const entryFields = [
  'subjectName',
  'subjectCode',
  'legalRepresentative',
  'authority',
  'province',
  'caseNumber',
  'documentNumber',
  'documentIssuer',
  'filedOn',
  'obligation',
  'performance',
  'conduct',
  'caseNature',
  'basis',
  'penalty',
  'decidedOn',
  'listedOn',
  'endsOn',
  'removalReason',
  'removedOn',
] as const;
export type EntryField = (typeof entryFields)[number];

export type ColumnType = 'name' | 'code' | 'text' | 'date';

export interface ColumnFormat {
  field: EntryField;
  /** The column's name as published; the refusal report names the column by it. */
  header: string;
  /** Other spellings of the header read as this column. */
  aliases?: readonly string[];
  type: ColumnType;
  /** Filled on every row that lists an entry (新增 / 纳入, and every row of a full list). */
  required: boolean;
  /** Part of what identifies the entry: required on every row, a removal's and a repair's too. */
  key?: boolean;
}

export interface SourceFormat {
  source: NationalListSource;
  columns: readonly ColumnFormat[];
  /** The codes the list holds: a person's resident ID number, an organisation's USCC. */
  subjectTypes: readonly SubjectIdType[];
}

/** The 状态 column of a changes file (变更文件): what happened to the entry upstream. */
export const statusColumn = { header: '状态', aliases: ['变更类型', '变动类型'] } as const;
/** The values of 状态, and what each does to an entry. */
export const statusValues: Readonly<Record<string, 'list' | 'remove' | 'repair'>> = { 新增: 'list', 纳入: 'list', 移出: 'remove', 信用修复: 'repair', 修复: 'repair' };

export const sourceFormats: Readonly<Record<NationalListSource, SourceFormat>> = {
  // 法释〔2017〕7号 第六条: 名称、统一社会信用代码、法定代表人或者负责人姓名；姓名、身份证号码；生效法律文书确定的义务和履行情况；
  // 失信行为的具体情形；执行依据的制作单位和文号、执行案号、立案时间、执行法院 — as 中国执行信息公开网 names them.
  'spc-dishonest-debtors': {
    source: 'spc-dishonest-debtors',
    subjectTypes: ['uscc', 'residentId'],
    columns: [
      { field: 'subjectName', header: '被执行人姓名/名称', aliases: ['被执行人姓名', '被执行人名称', '姓名/名称'], type: 'name', required: true },
      { field: 'subjectCode', header: '身份证号码/组织机构代码', aliases: ['身份证号码/统一社会信用代码', '证件号码', '统一社会信用代码', '身份证号码'], type: 'code', required: true, key: true },
      { field: 'legalRepresentative', header: '法定代表人或者负责人姓名', type: 'name', required: false },
      { field: 'authority', header: '执行法院', type: 'name', required: true },
      { field: 'province', header: '省份', type: 'name', required: false },
      { field: 'documentNumber', header: '执行依据文号', type: 'text', required: true },
      { field: 'filedOn', header: '立案时间', type: 'date', required: true },
      { field: 'caseNumber', header: '案号', aliases: ['执行案号'], type: 'text', required: true, key: true },
      { field: 'documentIssuer', header: '做出执行依据单位', aliases: ['作出执行依据单位'], type: 'name', required: false },
      { field: 'obligation', header: '生效法律文书确定的义务', type: 'text', required: true },
      { field: 'performance', header: '被执行人的履行情况', type: 'text', required: true },
      { field: 'conduct', header: '失信被执行人行为具体情形', type: 'text', required: true },
      { field: 'listedOn', header: '发布时间', aliases: ['发布日期'], type: 'date', required: true },
    ],
  },
  // 重大税收违法失信主体信息公布管理办法（国家税务总局令第54号）: the subject, its principal facts, the tax decisions and their
  // legal basis, the tax authority that determined it — as the 公布栏 names them.
  'tax-major-violations': {
    source: 'tax-major-violations',
    subjectTypes: ['uscc', 'residentId'],
    columns: [
      { field: 'subjectName', header: '纳税人名称', aliases: ['名称'], type: 'name', required: true },
      { field: 'subjectCode', header: '统一社会信用代码（纳税人识别号）', aliases: ['纳税人识别号', '统一社会信用代码', '纳税人识别号（统一社会信用代码）'], type: 'code', required: true, key: true },
      { field: 'legalRepresentative', header: '法定代表人或者负责人姓名', type: 'name', required: false },
      { field: 'caseNature', header: '案件性质', type: 'text', required: true },
      { field: 'conduct', header: '主要违法事实', type: 'text', required: true },
      { field: 'basis', header: '相关法律依据及税务处理处罚情况', type: 'text', required: true },
      { field: 'documentNumber', header: '税务处理处罚决定书文号', aliases: ['决定书文号'], type: 'text', required: false },
      { field: 'authority', header: '确定失信主体的税务机关', aliases: ['税务机关', '公布机关'], type: 'name', required: true, key: true },
      { field: 'listedOn', header: '公布日期', aliases: ['列入日期'], type: 'date', required: true, key: true },
    ],
  },
  // 中国政府采购网 政府采购严重违法失信行为信息记录 (政府采购法 第七十七条: one to three years barred).
  'procurement-serious-violations': {
    source: 'procurement-serious-violations',
    subjectTypes: ['uscc', 'residentId'],
    columns: [
      { field: 'subjectName', header: '企业名称', aliases: ['供应商名称', '名称'], type: 'name', required: true },
      { field: 'subjectCode', header: '统一社会信用代码', aliases: ['统一社会信用代码（身份证号码）'], type: 'code', required: true, key: true },
      { field: 'conduct', header: '严重违法失信行为的具体情形', type: 'text', required: true },
      { field: 'penalty', header: '处罚结果', type: 'text', required: true },
      { field: 'basis', header: '处罚依据', type: 'text', required: true },
      { field: 'decidedOn', header: '处罚日期', type: 'date', required: true, key: true },
      { field: 'listedOn', header: '公布日期', type: 'date', required: true },
      { field: 'endsOn', header: '公布截止日期', type: 'date', required: true },
      { field: 'authority', header: '执法单位', type: 'name', required: true, key: true },
    ],
  },
  // 国家企业信用信息公示系统 列入严重违法失信名单（黑名单）信息 (市场监督管理严重违法失信名单管理办法, 总局令第44号).
  'market-serious-violations': {
    source: 'market-serious-violations',
    subjectTypes: ['uscc'],
    columns: [
      { field: 'subjectName', header: '企业名称', aliases: ['名称', '市场主体名称'], type: 'name', required: true },
      { field: 'subjectCode', header: '统一社会信用代码', aliases: ['统一社会信用代码/注册号'], type: 'code', required: true, key: true },
      { field: 'conduct', header: '列入严重违法失信名单（黑名单）原因', aliases: ['列入严重违法失信名单原因', '列入原因'], type: 'text', required: true },
      { field: 'listedOn', header: '列入日期', type: 'date', required: true, key: true },
      { field: 'authority', header: '作出决定机关（列入）', aliases: ['作出决定机关'], type: 'name', required: true, key: true },
      { field: 'documentNumber', header: '列入决定书文号', aliases: ['决定书文号'], type: 'text', required: false },
      { field: 'removalReason', header: '移出严重违法失信名单（黑名单）原因', aliases: ['移出原因'], type: 'text', required: false },
      { field: 'removedOn', header: '移出日期', type: 'date', required: false },
    ],
  },
};

/** A header as compared: no white space, full-width brackets and slashes as half-width ones. */
export const headerKey = (header: string): string =>
  header
    .replace(/[\s\u3000]/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[／]/g, '/');

/** The entry's identifying columns of a source (`key`). */
export const keyColumns = (format: SourceFormat): ColumnFormat[] => format.columns.filter((c) => c.key);
