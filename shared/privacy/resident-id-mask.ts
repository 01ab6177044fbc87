/**
 * Resident ID numbers (GB 11643-1999: 17 digits and a check digit or X) are personal data:
 * shown, where shown at all, as the first 6 and the last 4 characters.
 */
const residentIdPattern = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;

export const maskResidentId = (id: string): string => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** Masks every resident ID number found in free text (log lines, error messages, notices). */
export const maskResidentIdsIn = (text: string): string =>
  text.replace(residentIdPattern, (_all, head: string, tail: string) => `${head}********${tail}`);
