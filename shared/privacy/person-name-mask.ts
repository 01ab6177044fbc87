/**
 * A natural person's name in public text (a notice anyone can read): the family name and one mark per
 * further character (张示范 → 张**). Legal persons and organisations are named in full.
 */
export const maskPersonName = (name: string): string => {
  const characters = [...name.trim()];
  return characters.length <= 1 ? '*' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
};
