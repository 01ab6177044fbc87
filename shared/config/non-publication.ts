/**
 * Why a record is not published (不予公示): a closed list. The four reasons of Kunming's notice 二(一) (and the
 * national rules it refers to), and minor dishonesty information under NDRC order 2025 No. 36. A record so
 * marked serves departments' checks and is shown to its subject, its provider and the credit office, with the
 * mark and the reason; it never reaches the public site, the public lists, public notices or the public
 * credit information report (shared/records/access-policy.ts: `isPublicRecord`).
 */
export const nonPublicationReasons = ['stateSecret', 'commercialSecret', 'personalPrivacy', 'minor', 'minorDishonesty'] as const;
export type NonPublicationReason = (typeof nonPublicationReasons)[number];

export const nonPublicationReasonLabels: Record<NonPublicationReason, string> = {
  stateSecret: '涉及国家秘密',
  commercialSecret: '涉及商业秘密',
  personalPrivacy: '涉及个人隐私',
  minor: '涉及未成年人',
  minorDishonesty: '轻微失信信息',
};

/** Where each reason comes from, as a reader is shown it. */
export const nonPublicationSources: Record<NonPublicationReason, string> = {
  stateSecret:
    '昆明市信用办《关于在行政管理事项中使用信用记录和信用报告的实施意见》（2020年8月13日）二、（一）“涉及国家秘密、商业秘密、个人隐私或者涉及未成年人等不宜公开的有关信息依照国家的相关规定处理”；《中华人民共和国政府信息公开条例》第十四条',
  commercialSecret:
    '昆明市信用办《关于在行政管理事项中使用信用记录和信用报告的实施意见》（2020年8月13日）二、（一）“涉及国家秘密、商业秘密、个人隐私或者涉及未成年人等不宜公开的有关信息依照国家的相关规定处理”；《中华人民共和国政府信息公开条例》第十五条',
  personalPrivacy:
    '昆明市信用办《关于在行政管理事项中使用信用记录和信用报告的实施意见》（2020年8月13日）二、（一）“涉及国家秘密、商业秘密、个人隐私或者涉及未成年人等不宜公开的有关信息依照国家的相关规定处理”；《中华人民共和国政府信息公开条例》第十五条',
  minor:
    '昆明市信用办《关于在行政管理事项中使用信用记录和信用报告的实施意见》（2020年8月13日）二、（一）“涉及国家秘密、商业秘密、个人隐私或者涉及未成年人等不宜公开的有关信息依照国家的相关规定处理”；《中华人民共和国未成年人保护法》',
  minorDishonesty: '《信用修复管理办法》（国家发展改革委令2025年第36号，自2026年4月1日起施行）“轻微失信信息原则上不予公示；行业主管部门认为确有必要公示的，公示期最长不超过3个月”',
};
