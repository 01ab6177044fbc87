/** The four kinds of caller the platform knows (see GLOSSARY.md). */
export const roles = ['department', 'agency', 'subject', 'creditOffice'] as const;
export type Role = (typeof roles)[number];
