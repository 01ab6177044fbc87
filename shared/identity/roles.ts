/**
 * The kinds of caller the platform knows (see GLOSSARY.md and the README's roles):
 * - `department` (有关机关和组织): pushes records, checks a subject on every matter;
 * - `agency` (registered credit service agency): uploads credit reports;
 * - `subject` (信用主体): the legal person, organisation or person a record is about; sees and contests its own;
 * - `creditOffice` (信用办): runs the platform;
 * - `institution`: a bank, company or other non-government party (金融机构、企业和其他组织, Lianjiang 001 §四)
 *   that reads a subject's credit information only with the subject's consent (`POST /queries`): the
 *   notices forbid giving a subject's records to a third party without it (001 §六(三), 002 §三(三),
 *   003 §四(四)). Its `orgId` is its unified social credit code, the `grantee` of a consent; outside a
 *   consented query it sees what the public sees.
 */
export const roles = ['department', 'agency', 'subject', 'creditOffice', 'institution'] as const;
export type Role = (typeof roles)[number];
