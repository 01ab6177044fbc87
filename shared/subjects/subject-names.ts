import { keys } from '../storage/keys.ts';

/**
 * Names as the public site searches them. An organisation's name is indexed twice (keys.subjectByName,
 * keys.subjectByShortName): whole, and without the place names it usually begins with (郏县…, 平顶山市郏县…),
 * so that 诚信建筑 finds 郏县诚信建筑工程有限公司. Both forms are normalised the same way as a query.
 */

/** Full-width to half-width, lower case, no spaces, punctuation or symbols: （郏县） 诚信 and (郏县)诚信 are one name. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Administrative divisions a name may start with, longest first so 自治县 wins over 县. */
const placeSuffixes = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '省', '市', '州', '盟', '县', '区', '旗'];
const leadingPlace = new RegExp(`^\\p{Script=Han}{1,7}?(?:${placeSuffixes.join('|')})`, 'u');

/**
 * The normalised name without its leading place names (up to three: province, city, county), or
 * undefined when it has none or too little would be left. A heuristic: a name it cuts wrongly is still
 * found by its whole name.
 */
export function shortName(normalised: string): string | undefined {
  let rest = normalised;
  for (let i = 0; i < 3; i += 1) {
    const place = leadingPlace.exec(rest);
    if (!place || [...rest].length - [...place[0]].length < 2) break;
    rest = rest.slice(place[0].length);
  }
  return rest === normalised ? undefined : rest;
}

/** The index attributes of an organisation's profile (none for a person: not searchable by name). */
export function subjectNameIndex(subject: { subjectId: string; subjectType: 'uscc' | 'residentId'; subjectName: string }): Record<string, string> {
  if (subject.subjectType !== 'uscc') return {};
  const whole = normaliseName(subject.subjectName);
  if (whole.length === 0) return {};
  const short = shortName(whole);
  return { ...keys.subjectByName(whole, subject.subjectId), ...(short ? keys.subjectByShortName(short, subject.subjectId) : {}) };
}
