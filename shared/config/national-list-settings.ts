import * as z from 'zod';
import type { RuleSource } from './county-config.ts';
import { blackListNames, isBlackListName } from './list-names.ts';

/**
 * The national lists a county takes into its checks (issue 18, docs/exchange.md "Inbound"), as data in the county
 * file (`nationalLists`): which sources, read as which record kind (and black list) the county's measures already
 * name, each with the clause that names the source, and after how many days a list is stale. Pure schema: the
 * files are read by shared/national-lists.
 */

/** The national sources the platform reads, in their published formats (shared/national-lists/source-formats.ts). */
export const nationalListSources = ['spc-dishonest-debtors', 'tax-major-violations', 'procurement-serious-violations', 'market-serious-violations'] as const;
export type NationalListSource = (typeof nationalListSources)[number];

/** Each source as people name it: the list, who keeps it, where it is published. */
export const nationalListSourceLabels: Record<NationalListSource, { name: string; publisher: string; publishedOn: string }> = {
  'spc-dishonest-debtors': { name: '失信被执行人名单', publisher: '最高人民法院', publishedOn: '中国执行信息公开网' },
  'tax-major-violations': { name: '重大税收违法失信主体名单', publisher: '国家税务总局', publishedOn: '重大税收违法失信主体信息公布栏、“信用中国”' },
  'procurement-serious-violations': { name: '政府采购严重违法失信行为记录名单', publisher: '财政部', publishedOn: '中国政府采购网' },
  'market-serious-violations': { name: '严重违法失信名单', publisher: '国家市场监督管理总局', publishedOn: '国家企业信用信息公示系统' },
};

/** The record kinds a national list may be read as: the lists' kinds the measures' conditions name. */
export const nationalListKinds = ['dishonestDebtor', 'blackList'] as const;

export const nationalListSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      sources: z.array(
        z
          .object({
            source: z.enum(nationalListSources, { error: (issue) => `unknown national list "${String(issue.input)}" (known: ${nationalListSources.join(', ')})` }),
            /** The record kind the county's measures see an entry as. */
            kind: z.enum(nationalListKinds),
            /** For `blackList`: which black list (shared/config/list-names.ts), so `listNames` of a measure match it. */
            listName: z.string().optional(),
            /** The clause of the county's notice that names the source (or another instrument, or the platform's default). */
            clause: ruleSource,
          })
          .strict()
          .superRefine((s, ctx) => {
            if (s.kind === 'blackList' && (s.listName === undefined || !isBlackListName(s.listName)))
              ctx.addIssue({ code: 'custom', path: ['listName'], message: `a black list must name its list (known: ${Object.keys(blackListNames).join(', ')})` });
            if (s.kind !== 'blackList' && s.listName !== undefined) ctx.addIssue({ code: 'custom', path: ['listName'], message: 'only a black list names a list' });
          }),
      ),
      /** Days after its list date (数据日期) from which a source is shown stale in checks and reports. */
      staleAfterDays: z.object({ days: z.number().int().min(1).max(366), source: ruleSource }).strict(),
    })
    .strict()
    .superRefine((settings, ctx) => {
      const seen = new Set<string>();
      settings.sources.forEach((s, i) => {
        if (seen.has(s.source)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'source'], message: `"${s.source}" is named twice` });
        seen.add(s.source);
      });
    });

export type NationalListSettings = z.output<ReturnType<typeof nationalListSettingsSchema>>;

const platformReason =
  '县文件未列出所采用的国家名单；平台默认采用四个全国性名单，按各名单的性质对应到本县措施所称的记录种类。/ The county file names no national list: the platform takes the four national lists, each as the record kind its measures name.';

/** What a county file that says nothing about national lists takes: the four sources, with the platform's reasons. */
export const defaultNationalLists = {
  sources: [
    { source: 'spc-dishonest-debtors', kind: 'dishonestDebtor', clause: { platformDefault: platformReason } },
    { source: 'tax-major-violations', kind: 'blackList', listName: 'major-tax-violation', clause: { platformDefault: platformReason } },
    { source: 'procurement-serious-violations', kind: 'blackList', listName: 'procurement-serious-violation', clause: { platformDefault: platformReason } },
    { source: 'market-serious-violations', kind: 'blackList', listName: 'serious-illegal-dishonest-enterprise', clause: { platformDefault: platformReason } },
  ],
  staleAfterDays: {
    days: 30,
    source: {
      platformDefault:
        '通知未规定国家名单的更新频率。平台默认数据日期超过30日的名单标为“未及时更新”：全国名单每日变动，信用办至少每月导入一次，核查和报告据此提示名单的时效。/ No notice says how fresh a national list must be: a list whose date is more than 30 days old is shown stale.',
    },
  },
} as const;
