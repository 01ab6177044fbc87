/**
 * Ids of the lists a black-list record names (`listName`), with their Chinese labels. Measures that
 * apply only to some lists name them from here, so a misspelt list in a county file is refused at
 * start-up instead of silently matching nothing.
 */
export const blackListNames = {
  'serious-dishonesty': '严重失信主体名单',
  'major-tax-violation': '重大税收违法案件当事人名单',
  'procurement-serious-violation': '政府采购严重违法失信行为记录名单',
  'abnormal-operations': '经营异常名录',
  'serious-illegal-dishonest-enterprise': '严重违法失信企业名单',
  'food-drug-ban': '食品药品生产经营禁入名单',
} as const;

export type BlackListName = keyof typeof blackListNames;

export const isBlackListName = (name: string): name is BlackListName => Object.hasOwn(blackListNames, name);
