import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCountyConfig, type CountyConfig, type RuleSource } from '../../shared/config/county-config.ts';
import { countiesDir, loadCounties, loadCounty } from '../../shared/config/load-counties.ts';
import { selectMeasures, type RecordForMeasures } from '../../shared/checks/select-measures.ts';

/**
 * Issue 13 §5: the county files say only what their notices say. Every rule of a county file names where
 * it comes from: a clause of the county's own notice (found in the notice's text, with words quoted from
 * that clause), another instrument, or the platform's default with its reason.
 */

/** The notices, copied verbatim from the seeds (docs/notices/README.md says which is which). */
const noticesDir = fileURLToPath(new URL('../../docs/notices/', import.meta.url));
const noticeText = (countyId: string) => readFileSync(join(noticesDir, `${countyId}.txt`), 'utf8');

const halfWidth: Record<string, string> = { '（': '(', '）': ')', '．': '.' };
/** Full-width parentheses, stops and digits as half-width ones: the notices write both. */
const normalise = (s: string) => s.replace(/[（）．]/g, (c) => halfWidth[c]!).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
/** Compared without white space: the notices break lines (and pages) in the middle of sentences. */
const compact = (s: string) => normalise(s).replace(/\s+/g, '');

const numeral = '[一二三四五六七八九十]+';
const isSection = (line: string) => new RegExp(`^${numeral}、`).test(line);
const isSub = (line: string) => new RegExp(`^\\(${numeral}\\)`).test(line);
const isItem = (line: string) => /^\d+[、.]/.test(line);

/** From the line matching `starts` up to (not including) the next line that `ends` the unit. */
function unit(lines: string[], starts: (line: string) => boolean, ends: (line: string) => boolean): string[] | undefined {
  const from = lines.findIndex(starts);
  if (from < 0) return undefined;
  const to = lines.findIndex((line, i) => i > from && ends(line));
  return lines.slice(from, to < 0 ? lines.length : to);
}

/**
 * The text of a clause of a notice, by its label as the county files write it: a section (二、), one or
 * more parts of it ((四), or (七)(八)), an item of a part (2). Full-width parentheses and markdown
 * heading marks are ignored. Undefined when the notice has no such clause.
 */
function clauseText(notice: string, label: string): string | undefined {
  const parsed = new RegExp(`^(${numeral})、?((?:\\(${numeral}\\))*)(\\d+)?$`).exec(compact(label));
  if (!parsed) return undefined;
  const [, section, subsPart, item] = parsed;
  const lines = notice.split('\n').map((line) => normalise(line).replace(/^[#\s]+/, '').trim()).filter((line) => line.length > 0);
  const sectionLines = unit(lines, (line) => line.startsWith(`${section}、`), (line) => isSection(line));
  if (!sectionLines) return undefined;
  const subs = [...subsPart!.matchAll(new RegExp(`\\((${numeral})\\)`, 'g'))].map((m) => m[1]!);
  if (subs.length === 0) return item ? undefined : sectionLines.join('\n');
  if (item && subs.length > 1) return undefined;
  const parts: string[] = [];
  for (const sub of subs) {
    const subLines = unit(sectionLines, (line) => line.startsWith(`(${sub})`), (line) => isSub(line) || isSection(line));
    if (!subLines) return undefined;
    if (!item) {
      parts.push(subLines.join('\n'));
      continue;
    }
    const itemLines = unit(subLines, (line) => new RegExp(`^${item}[、.]`).test(line), (line) => isItem(line));
    if (!itemLines) return undefined;
    parts.push(itemLines.join('\n'));
  }
  return parts.join('\n');
}

/** Every place a county file says where a rule comes from, with the path of the field. */
function citations(county: CountyConfig): { path: string; source: RuleSource }[] {
  return [
    ...county.matterTypes.map((m) => ({ path: `matterTypes.${m.id}`, source: m.clause })),
    ...county.measures.flatMap((m) => [
      { path: `measures.${m.id}.clause`, source: m.clause },
      ...(m.whenClause ? [{ path: `measures.${m.id}.whenClause`, source: m.whenClause }] : []),
    ]),
    ...Object.entries(county.deadlineClauses).map(([setting, source]) => ({ path: `deadlineClauses.${setting}`, source: source as RuleSource })),
    ...county.cases.keepPunishmentsDuringObjection.map((rule, i) => ({ path: `cases.keepPunishmentsDuringObjection.${i}`, source: rule.clause })),
    ...county.cases.repairableLists.flatMap((rule, i) => [
      { path: `cases.repairableLists.${i}.clause`, source: rule.clause },
      { path: `cases.repairableLists.${i}.minMonthsClause`, source: rule.minMonthsClause },
    ]),
    ...county.cases.notRepairable.map((rule, i) => ({ path: `cases.notRepairable.${i}`, source: rule.clause })),
    ...county.commitments.offered.map((o, i) => ({ path: `commitments.offered.${i}`, source: o.clause })),
    { path: 'commitments.reminderWorkingDays', source: county.commitments.reminderWorkingDays.source },
    { path: 'filings.source', source: county.filings.source },
    ...county.filings.kinds.flatMap((k) => [
      { path: `filings.kinds.${k.id}.source`, source: k.source },
      ...(k.dueSource ? [{ path: `filings.kinds.${k.id}.dueSource`, source: k.dueSource }] : []),
    ]),
    ...county.nationalLists.sources.map((n) => ({ path: `nationalLists.${n.source}`, source: n.clause })),
    { path: 'nationalLists.staleAfterDays', source: county.nationalLists.staleAfterDays.source },
  ];
}

const counties = loadCounties();
const cases = counties.map((c) => [c.id, c] as const);

describe('the clause finder reads the notices as they are written', () => {
  it('finds a part of a section, an item of a part, and two parts at once, with full-width or half-width parentheses', () => {
    expect(clauseText(noticeText('jiaxian'), '三、(五)8')).toMatch(/^8、落实税收优惠政策/);
    expect(compact(clauseText(noticeText('jiaxian'), '三、(五)8')!)).toContain('优先支持信用状况良好的企业发展'); // across a page break
    expect(clauseText(noticeText('kunming'), '三（三）')).toMatch(/^\(三\)政府投资工程建设/);
    expect(clauseText(noticeText('kunming'), '三、(七)(八)')).toMatch(/^\(七\)企业评优[\s\S]*\n\(八\)社会法人/);
    expect(clauseText(noticeText('zanhuang'), '一、(三)')).toMatch(/^\(三\)健全守信激励/); // under a markdown heading
    expect(clauseText(noticeText('lianjiang'), '五')).toMatch(/^五、落实信用承诺制度\n信用承诺，是指/);
  });

  it('does not find what the notice does not have, nor a part in the wrong section', () => {
    expect(clauseText(noticeText('jiaxian'), '三、(十七)')).toBeUndefined();
    expect(clauseText(noticeText('jiaxian'), '三、(十一)')).toBeUndefined(); // (十一) is in section 五
    expect(clauseText(noticeText('jiaxian'), '三、(五)17')).toBeUndefined();
    expect(clauseText(noticeText('lianjiang'), '三、(一)')).toBeUndefined();
    expect(clauseText(noticeText('wuchang'), '第十二条')).toBeUndefined();
  });
});

describe.each(cases)('%s: every rule of the county file names its source', (id, county) => {
  const notice = noticeText(id);
  const ownNotices = county.sources.map((s) => s.document);

  it('every measure has a clause, and every matter type, deadline and objection rule has one', () => {
    for (const m of county.measures) expect(m.clause, m.id).toBeTypeOf('object');
    for (const m of county.matterTypes) expect(m.clause, m.id).toBeTypeOf('object');
    expect(Object.keys(county.deadlineClauses).sort()).toEqual(
      [
        'deadlines.objectionAnswerWorkingDays',
        'deadlines.publicationWorkingDays',
        'deadlines.reportExpiryWarningDays',
        'deadlines.reportValidityMonths',
        'usageList.dueDay',
        'usageList.period',
        ...(county.usageList.summaries.length > 0 ? ['usageList.summaries'] : []),
      ].sort(),
    );
    for (const { path, source } of citations(county)) {
      const forms = ['notice', 'source', 'platformDefault'].filter((k) => k in source);
      expect(forms, path).toHaveLength(1);
    }
  });

  it("each clause cited from the county's notice is in that notice, and its quote is in that clause", () => {
    for (const { path, source } of citations(county)) {
      if (!('notice' in source)) continue;
      expect(ownNotices, `${path}: cites "${source.notice}"`).toContain(source.notice);
      const text = clauseText(notice, source.clause);
      expect(text, `${path}: ${source.notice} ${source.clause} is not a clause of the notice`).toBeDefined();
      expect(compact(text!), `${path}: the quote is not in ${source.clause}`).toContain(compact(source.quote));
    }
  });

  it("a rule from outside the notice names its instrument and clause; a platform default says why", () => {
    for (const { path, source } of citations(county)) {
      if ('source' in source) {
        expect(ownNotices, path).not.toContain(source.source);
        expect(source.clause, path).not.toBe('');
      }
      if ('platformDefault' in source) expect(source.platformDefault.length, path).toBeGreaterThan(10);
    }
  });

  it('a measure granted on clean years says where the years come from', () => {
    for (const m of county.measures) {
      const conditions = 'anyOf' in m.when ? m.when.anyOf : [m.when];
      const clean = conditions.find((c) => 'cleanYears' in c);
      if (!clean || !('cleanYears' in clean)) continue;
      const words = `连续${'一二三四五六七八九十'[clean.cleanYears - 1]}年无不良`;
      const stated = 'notice' in m.clause && compact(m.clause.quote).includes(words);
      expect(stated || m.whenClause !== undefined, `${m.id}: "${words}" is neither in its clause's quote nor labelled in whenClause`).toBe(true);
      if (m.whenClause && 'notice' in m.whenClause) expect(compact(m.whenClause.quote), m.id).toContain(words);
    }
  });

  it('each matter type named from the notice carries the name the notice gives it', () => {
    for (const m of county.matterTypes) if ('notice' in m.clause) expect(compact(m.clause.quote), m.id).toContain(compact(m.name));
    const defaults = county.matterTypes.filter((m) => 'platformDefault' in m.clause).map((m) => m.id);
    expect(defaults.filter((m) => m !== 'other'), 'matter types the notice does not name').toEqual([]);
  });

  it('each deadline taken from the notice is the number the notice states', () => {
    const stated = (setting: string): string | undefined => {
      const source = (county.deadlineClauses as Record<string, RuleSource>)[setting];
      return source && 'notice' in source ? compact(source.quote) : undefined;
    };
    const { deadlines, usageList } = county;
    const expectIn = (setting: string, words: string[]) => {
      const quote = stated(setting);
      if (quote !== undefined) expect(words.some((w) => quote.includes(w)), `${setting}: "${quote}" states none of ${words.join(', ')}`).toBe(true);
    };
    expectIn('deadlines.publicationWorkingDays', [`${deadlines.publicationWorkingDays}个工作日`]);
    expectIn('deadlines.objectionAnswerWorkingDays', [`${deadlines.objectionAnswerWorkingDays}个工作日`]);
    expectIn('deadlines.reportValidityMonths', [`${deadlines.reportValidityMonths}个月`, ...(deadlines.reportValidityMonths % 12 === 0 ? [`${deadlines.reportValidityMonths / 12}年`] : [])]);
    expectIn('usageList.period', [usageList.period === 'monthly' ? '每月' : '每季度']);
    expectIn('usageList.dueDay', [`${usageList.dueDay}日`, `${usageList.dueDay}号`]);
    for (const s of usageList.summaries) expectIn('usageList.summaries', [`${Number(s.dueMonthDay.slice(0, 2))}月${Number(s.dueMonthDay.slice(3))}日`]);
  });
});

describe('what the notices do not say is not in the county files, or is labelled', () => {
  it("Lianjiang's notice grants and refuses nothing on a record in the matters of 三: no reference measures", () => {
    const ids = loadCounty('lianjiang').measures.map((m) => m.id);
    expect(ids).not.toContain('good-record-reference');
    expect(ids).not.toContain('bad-record-reference');
    expect(ids).toEqual(['commitment-breach-constraint']);
  });

  it("the Supreme People's Court's rule on its own list is labelled with that rule, in every county", () => {
    for (const county of counties)
      expect(county.cases.keepPunishmentsDuringObjection.map((r) => r.clause)).toEqual([
        { source: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（法释〔2017〕7号）', clause: '第十二条' },
      ]);
  });

  it('three clean years as "good credit" is a platform default outside Wuchang, whose notice states it', () => {
    for (const county of counties) {
      const clean = county.measures.filter((m) => JSON.stringify(m.when).includes('cleanYears'));
      for (const m of clean) {
        if (county.id === 'wuchang') expect(m.whenClause === undefined || 'notice' in m.whenClause, m.id).toBe(true);
        else expect(m.whenClause && 'platformDefault' in m.whenClause, `${county.id} ${m.id}`).toBe(true);
      }
    }
  });

  it("a matter type no notice names is gone (Jia County's 项目申报), and Lianjiang's matters are those of its 三", () => {
    expect(loadCounty('jiaxian').matterTypes.map((m) => m.id)).not.toContain('project-declaration');
    expect(loadCounty('lianjiang').matterTypes.map((m) => m.name)).toEqual(['政府采购', '招标投标', '行政审批', '市场准入', '资质审核', '评先评优', '债券发行', '资金扶持', '其他']);
  });

  it('deadlines a notice does not state are platform defaults (Lianjiang and Wuchang state no publicity days; only Kunming states the answer days)', () => {
    const form = (id: string, setting: string) => Object.keys((loadCounty(id).deadlineClauses as Record<string, RuleSource>)[setting]!)[0];
    expect(counties.map((c) => [c.id, form(c.id, 'deadlines.publicationWorkingDays'), form(c.id, 'deadlines.objectionAnswerWorkingDays')])).toEqual([
      ['jiaxian', 'notice', 'platformDefault'],
      ['kunming', 'notice', 'notice'],
      ['lianjiang', 'platformDefault', 'platformDefault'],
      ['wuchang', 'platformDefault', 'platformDefault'],
      ['zanhuang', 'notice', 'platformDefault'],
    ]);
    expect(form('wuchang', 'usageList.period')).toBe('notice');
    expect(form('wuchang', 'usageList.dueDay')).toBe('platformDefault');
  });
});

describe('what the notices say and the files missed', () => {
  const today = '2026-06-15';
  let n = 0;
  const record = (kind: RecordForMeasures['kind'], fields: Partial<RecordForMeasures> = {}): RecordForMeasures => ({
    recordId: `rec_${++n}`,
    kind,
    decisionDate: '2026-03-01',
    status: 'active',
    ...fields,
  });
  const offered = (countyId: string, matterType: string, records: RecordForMeasures[]) =>
    selectMeasures({ measures: loadCounty(countyId).measures, matterType, records, today }).map((m) => m.measureId);
  const measureOf = (countyId: string, id: string) => loadCounty(countyId).measures.find((m) => m.id === id);

  it('Kunming 三(三): credit-grade access and credit bonus points in government investment works', () => {
    expect(measureOf('kunming', 'construction-credit-bonus')).toMatchObject({ kind: 'incentive', clause: { clause: '三、(三)', quote: expect.stringContaining('信用加分') }, matters: ['government-investment-projects'] });
    expect(measureOf('kunming', 'construction-credit-access')).toMatchObject({ kind: 'punishment', clause: { clause: '三、(三)', quote: expect.stringContaining('信用等级准入') }, matters: ['government-investment-projects'] });
    expect(offered('kunming', 'government-investment-projects', [record('redList')])).toContain('construction-credit-bonus');
    expect(offered('kunming', 'government-investment-projects', [record('blackList', { listName: 'serious-dishonesty' })])).toContain('construction-credit-access');
    expect(offered('kunming', 'procurement', [record('blackList', { listName: 'serious-dishonesty' })])).not.toContain('construction-credit-access');
  });

  it('Kunming 三(十一): more inspections of food and drug producers with a bad record, and no licence for a banned person', () => {
    expect(measureOf('kunming', 'food-drug-more-inspections')).toMatchObject({ kind: 'punishment', clause: { clause: '三、(十一)', quote: expect.stringContaining('增加监督检查频次') } });
    expect(offered('kunming', 'food-drug-supervision', [record('penalty')])).toEqual(['food-drug-more-inspections', 'key-supervision']);
    expect(offered('kunming', 'food-drug-supervision', [record('blackList', { listName: 'food-drug-ban' })])).toContain('food-drug-licence-refusal');
    expect(offered('kunming', 'procurement', [record('penalty')])).not.toContain('food-drug-more-inspections');
  });

  it("Wuchang 二(五)2: no founding of financial institutions, no internet information services, no high consumption for a debtor who will not pay", () => {
    for (const [id, words] of [
      ['financial-institution-restriction', '限制发起设立或参股金融机构'],
      ['internet-information-service-restriction', '限制从事互联网信息服务'],
      ['high-consumption-restriction', '限制出境和限制购买不动产'],
    ] as const)
      expect(measureOf('wuchang', id), id).toMatchObject({ kind: 'punishment', clause: { notice: '武昌信用办〔2018〕3号', clause: '二、(五)2', quote: expect.stringContaining(words) } });
    const debtor = [record('dishonestDebtor')];
    expect(offered('wuchang', 'market-access', debtor)).toEqual(expect.arrayContaining(['financial-institution-restriction', 'internet-information-service-restriction']));
    expect(offered('wuchang', 'public-services', debtor)).toContain('high-consumption-restriction');
    expect(offered('wuchang', 'public-services', [record('blackList', { listName: 'serious-dishonesty' })])).not.toContain('high-consumption-restriction');
  });

  it('Zanhuang 一(三): market access restricted for a dishonest subject', () => {
    expect(measureOf('zanhuang', 'market-access-restriction')).toMatchObject({ kind: 'punishment', clause: { clause: '一、(三)', quote: expect.stringContaining('限制市场准入') }, matters: ['market-access'] });
    expect(offered('zanhuang', 'market-access', [record('dishonestDebtor')])).toContain('market-access-restriction');
    expect(offered('zanhuang', 'procurement', [record('dishonestDebtor')])).not.toContain('market-access-restriction');
  });
});

describe('clause validation', () => {
  const raw = () => JSON.parse(readFileSync(join(countiesDir, 'zanhuang.json'), 'utf8'));
  const withClause = (clause: unknown) => () => {
    const county = raw();
    county.measures[0].clause = clause;
    return parseCountyConfig(county, 'test.json');
  };

  it("refuses a clause of a notice that is not the county's, a notice clause without its quote, and a form that is not one of the three", () => {
    expect(withClause({ notice: '武昌信用办〔2018〕3号', clause: '二、(五)2', quote: '限制' })).toThrow(/measures\.0\.clause\.notice: must be the county's own notice \(赞皇县信用办通知\)/);
    expect(withClause({ notice: '赞皇县信用办通知', clause: '二、(一)' })).toThrow(/measures\.0\.clause\.quote: must quote the words of the clause/);
    expect(withClause({ platformDefault: '因为', clause: '二、(一)' })).toThrow(/measures\.0\.clause: a platform default cites no clause/);
    expect(withClause({ notice: '赞皇县信用办通知', source: 'x', clause: '二、(一)', quote: 'q' })).toThrow(/must state exactly one of notice, source, platformDefault/);
    expect(withClause('赞皇县信用办通知 二、(一)')).toThrow(/measures\.0\.clause/);
  });

  it('refuses a county file that does not say where a deadline comes from', () => {
    const county = raw();
    delete county.deadlineClauses['deadlines.objectionAnswerWorkingDays'];
    expect(() => parseCountyConfig(county, 'test.json')).toThrow(/deadlineClauses\.deadlines\.objectionAnswerWorkingDays/);
  });
});
