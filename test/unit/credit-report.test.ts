import { describe, expect, it } from 'vitest';
import { loadCounty } from '../../shared/config/load-counties.ts';
import { buildReportContent } from '../../shared/credit-report/report-content.ts';
import { missingCharacterSign, pdfFonts } from '../../shared/pdf/pdf-fonts.ts';
import { reportSections, sectionOfKind } from '../../shared/credit-report/report-sections.ts';
import { groupedCode, newVerificationCode, parseVerificationCode, verificationPath } from '../../shared/credit-report/verification-code.ts';
import { recordKinds } from '../../shared/config/record-kinds.ts';
import type { StoredRecord } from '../../shared/records/stored-record.ts';

const today = '2026-11-23';
const county = loadCounty('jiaxian');
const stored = (kind: string, input: Record<string, unknown>, extra: Partial<StoredRecord> = {}) =>
  ({
    recordId: `rec_${kind}`,
    kind,
    decisionNumber: `${kind}-1`,
    decisionDate: '2026-11-01',
    lifecycle: 'active',
    publicity: { publicFrom: '2026-11-01', publicUntil: '2027-11-01' },
    input: { kind, authority: { name: '郏县市场监督管理局' }, ...input },
    ...extra,
  }) as unknown as StoredRecord;
const content = (records: StoredRecord[]) =>
  buildReportContent({ subject: { name: '郏县测试有限公司', id: '91410425MA45E8TH52', type: 'uscc' }, records, county, today, generatedAt: '2026-11-23T02:00:00.000Z' });

describe('verification codes', () => {
  it('are 16 Crockford base32 characters, grouped by four, and read back as people type them', () => {
    const codes = new Set(Array.from({ length: 200 }, newVerificationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(groupedCode('7K3MQ9XD2B8FWT4N')).toBe('7K3M-Q9XD-2B8F-WT4N');
    expect(parseVerificationCode('7k3m-q9xd 2b8f-wt4n')).toBe('7K3MQ9XD2B8FWT4N');
    expect(parseVerificationCode('OIL0-0000-0000-0000')).toBe('0110000000000000');
    for (const bad of ['7K3M-Q9XD-2B8F', '7K3M-Q9XD-2B8F-WT4NX', 'UUUU-UUUU-UUUU-UUUU', '../../etc/passwd']) expect(parseVerificationCode(bad)).toBeUndefined();
    expect(verificationPath('7K3MQ9XD2B8FWT4N')).toBe('/public/report-verifications/7K3M-Q9XD-2B8F-WT4N');
  });
});

describe('report content', () => {
  it('places every record kind in one of the seven sections', () => {
    expect(Object.keys(sectionOfKind).sort()).toEqual([...recordKinds].sort());
    expect(reportSections.map((s) => s.heading)).toEqual(['行政许可', '行政处罚', '严重失信主体名单', '信用承诺及履约情况', '守信激励（红名单及荣誉）', '司法判决及执行', '其他']);
  });

  it('counts public records in force per section, newest first; expired and revoked ones are left out', () => {
    const c = content([
      stored('reward', { content: '守合同重信用' }),
      stored('redList', { listName: '纳税信用A级', listingBasis: '年度评价' }, { decisionDate: '2026-11-10', recordId: 'rec_red' } as Partial<StoredRecord>),
      stored('licence', { licenceDocumentName: '许可', licenceContent: '食品', validFrom: '2026-11-01' }, { publicity: { publicFrom: '2025-01-01', publicUntil: '2026-11-01' } } as Partial<StoredRecord>),
      stored('penalty', { violationType: 'x', penaltyCategories: ['fine'], penaltyContent: 'y' }, { lifecycle: 'revoked' }),
    ]);
    expect(c.sections.map((s) => s.count)).toEqual([0, 0, 0, 0, 2, 0, 0]);
    expect(c.sections[4]!.items.map((i) => i.recordId)).toEqual(['rec_red', 'rec_reward']);
    expect(c.sections[4]!.items[1]!.content).toBe('【行政奖励】守合同重信用');
    expect(c.flags).toMatchObject({ incentiveObject: true, punishmentObject: false });
    expect(c.flags.incentiveBasis).toContain('红名单：纳税信用A级');
  });

  it('a black list makes a punishment object; under objection its punishment is suspended, and the record marked', () => {
    const black = (extra: Partial<StoredRecord> = {}) =>
      stored('blackList', { listName: 'major-tax-violation', listingBasis: '偷税', listedUntil: '2029-11-01' }, extra);
    const listed = content([black()]);
    expect(listed.flags).toMatchObject({ punishmentObject: true, punishmentSuspended: false });
    expect(listed.flags.punishmentBasis).toContain('重大税收违法案件当事人名单');
    expect(listed.sections[2]!.items[0]!.content).toContain('名单：重大税收违法案件当事人名单');
    const contested = content([black({ lifecycle: 'underObjection', objectionId: 'obj_1' } as Partial<StoredRecord>)]);
    expect(contested.flags).toMatchObject({ punishmentObject: false, punishmentSuspended: true });
    expect(contested.sections[2]!.items[0]!.underObjection).toBe(true);
  });
});

describe('report fonts', () => {
  it('draw common text in the primary cut, rare hanzi from fallback cuts, and nothing as a box', () => {
    const fonts = pdfFonts();
    expect(fonts.runsOf('郏县诚信建筑工程有限公司 91410425MA45E8TH52')).toEqual([{ font: fonts.primary.name, text: '郏县诚信建筑工程有限公司 91410425MA45E8TH52' }]);
    const runs = fonts.runsOf('当事人赜堉商行');
    expect(runs.map((r) => r.text).join('')).toBe('当事人赜堉商行');
    expect(runs.some((r) => r.font !== fonts.primary.name)).toBe(true);
    // A character outside the family (a private-use code point) becomes the geta mark, in a font that has it.
    expect(fonts.runsOf('甲\u{E000}乙').map((r) => r.text).join('')).toBe(`甲${missingCharacterSign}乙`);
    expect(fonts.missing('甲\u{E000}乙')).toEqual(['\u{E000}']);
    expect(fonts.missing(missingCharacterSign)).toEqual([]);
  });
});
