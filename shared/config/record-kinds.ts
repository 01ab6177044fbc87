/** The kinds of credit record a department pushes (see GLOSSARY: dual publicity, further kinds, lists). */
export const recordKinds = [
  'licence',
  'penalty',
  'enforcement',
  'levy',
  'confirmation',
  'reward',
  'judgment',
  'dishonestDebtor',
  'commitment',
  'commitmentBreach',
  'redList',
  'blackList',
] as const;

export type RecordKind = (typeof recordKinds)[number];

/** Chinese labels for user-facing text and exports. */
export const recordKindLabels = {
  licence: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  levy: '行政征收',
  confirmation: '行政确认',
  reward: '行政奖励',
  judgment: '司法判决',
  dishonestDebtor: '失信被执行人',
  commitment: '信用承诺',
  commitmentBreach: '违反信用承诺',
  redList: '红名单',
  blackList: '黑名单（严重失信主体名单）',
} as const satisfies Record<RecordKind, string>;

/** Kinds that count as "bad records" where an incentive requires a clean history. */
export const badRecordKinds = ['penalty', 'dishonestDebtor', 'commitmentBreach', 'blackList'] as const satisfies readonly RecordKind[];

/** The two kinds published under dual publicity (双公示), within N working days of the decision. */
export const dualPublicityKinds = ['licence', 'penalty'] as const satisfies readonly RecordKind[];

export const isBadRecordKind = (kind: RecordKind): boolean => (badRecordKinds as readonly RecordKind[]).includes(kind);
export const isDualPublicityKind = (kind: RecordKind): kind is (typeof dualPublicityKinds)[number] =>
  (dualPublicityKinds as readonly RecordKind[]).includes(kind);

/** Kinds of administrative penalty (Administrative Penalty Law Art. 9); their severity is in publicity-rules. */
export const penaltyCategories = [
  'warning',
  'circulateCriticism',
  'fine',
  'confiscation',
  'suspendLicence',
  'revokeLicence',
  'lowerQualification',
  'orderClosure',
  'restrictEmployment',
  'detention',
  'other',
] as const;

export type PenaltyCategory = (typeof penaltyCategories)[number];

export const penaltyCategoryLabels = {
  warning: '警告',
  circulateCriticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  suspendLicence: '暂扣许可证件',
  revokeLicence: '吊销许可证件',
  lowerQualification: '降低资质等级',
  orderClosure: '限制开展生产经营活动、责令停产停业、责令关闭',
  restrictEmployment: '限制从业',
  detention: '行政拘留',
  other: '法律、行政法规规定的其他行政处罚',
} as const satisfies Record<PenaltyCategory, string>;

export const penaltySeverities = ['minor', 'general', 'serious'] as const;
export type PenaltySeverity = (typeof penaltySeverities)[number];

/**
 * Fields a penalty belongs to where order 58 sets a longer minimum period. The brief named special
 * equipment, work safety and fire; Credit China's reading of order 58 also names food and drugs
 * (食品、药品、特种设备、安全生产、消防领域行政处罚信息最短公示期一年), so they are here too.
 */
export const penaltyAreas = ['specialEquipment', 'workSafety', 'fire', 'food', 'drug', 'other'] as const;
export type PenaltyArea = (typeof penaltyAreas)[number];

export const licenceCategories = ['普通', '特许', '认可', '核准', '登记', '其他'] as const;

export const subjectCategories = ['legalPerson', 'otherOrganisation', 'individualBusiness', 'naturalPerson'] as const;
export type SubjectCategory = (typeof subjectCategories)[number];

/**
 * The legal representative's identity document (法定代表人证件类型) as the national dual-publicity standard
 * lists its values for 行政许可 and 行政处罚 (as the provincial templates publish them): 身份证, 护照号,
 * 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 外国人永久居留身份证. A closed list: another document is not
 * recorded. Only `residentId` numbers are checked by their rules (GB 11643); every number is kept sealed.
 */
export const legalRepresentativeIdTypes = ['residentId', 'passport', 'hkMacaoPermit', 'taiwanPermit', 'foreignPermanentResidentId'] as const;
export type LegalRepresentativeIdType = (typeof legalRepresentativeIdTypes)[number];

export const legalRepresentativeIdTypeLabels = {
  residentId: '身份证',
  passport: '护照',
  hkMacaoPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  foreignPermanentResidentId: '外国人永久居留身份证',
} as const satisfies Record<LegalRepresentativeIdType, string>;
