/**
 * The province-level part (first two digits) of administrative division codes (GB/T 2260-2007
 * 《中华人民共和国行政区划代码》, the codes as the Ministry of Civil Affairs publishes them each year): the
 * part both a unified social credit code (characters 3–4, the registering authority's division) and a
 * resident ID number (characters 1–2, the address code) begin with. Only the province part is checked:
 * prefecture and county codes change every year (mergers, new districts), and a code issued under an
 * older list stays valid for life, so a finer check would refuse real codes.
 */
export const provinceCodes: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

/**
 * The division code of a registration by a central (national) authority: GB 32100-2015 takes the
 * registering authority's division, and central bodies register under 100000 (e.g. 浙江大学
 * 12100000470095016Q, 中国社会福利基金会 53100000500019795A). It is the only code starting 10.
 */
export const centralDivisionCode = '100000';

/**
 * Address codes of resident ID numbers that are no GB/T 2260 province: the residence permits of Hong Kong,
 * Macao and Taiwan residents (港澳台居民居住证, 国办发〔2018〕81号《港澳台居民居住证申领发放办法》) carry a
 * 公民身份号码 whose address code is 810000, 820000 or 830000; 83 is Taiwan residents' (71 is the province
 * code of GB/T 2260).
 */
export const residencePermitAddressPrefixes: Readonly<Record<string, string>> = { '83': '台湾居民居住证' };

export const isProvinceCode = (twoDigits: string): boolean => Object.hasOwn(provinceCodes, twoDigits);
