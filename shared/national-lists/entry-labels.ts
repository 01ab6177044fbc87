import type { NationalListSource } from '../config/national-list-settings.ts';
import type { EntryField } from './source-formats.ts';

/**
 * How an entry's columns are named where it is shown (checks, the credit report, the office), per source: its
 * basis (执行依据 / 处罚依据 / 文号), its conduct and its authority. Apart from the published formats
 * (source-formats.ts), which only the file reader needs, so that a check's bundle carries these few words alone.
 */
export interface EntryLabels {
  basisLabel: string;
  basisOf(fields: Partial<Record<EntryField, string>>): string;
  conductLabel: string;
  authorityLabel: string;
}

const join = (...parts: (string | undefined)[]) => parts.filter((p): p is string => p !== undefined && p !== '').join('；');

export const entryLabels: Readonly<Record<NationalListSource, EntryLabels>> = {
  'spc-dishonest-debtors': { basisLabel: '执行依据', basisOf: (f) => join(f.documentIssuer, f.documentNumber), conductLabel: '失信行为具体情形', authorityLabel: '执行法院' },
  'tax-major-violations': { basisLabel: '税务处理处罚', basisOf: (f) => join(f.caseNature, f.basis, f.documentNumber), conductLabel: '主要违法事实', authorityLabel: '税务机关' },
  'procurement-serious-violations': { basisLabel: '处罚依据', basisOf: (f) => join(f.basis, f.penalty), conductLabel: '严重违法失信行为的具体情形', authorityLabel: '执法单位' },
  'market-serious-violations': { basisLabel: '列入决定', basisOf: (f) => join(f.documentNumber, f.conduct), conductLabel: '列入原因', authorityLabel: '作出决定机关' },
};
