/**
 * Every item key of the credit table, built here and nowhere else.
 * Access patterns are listed in docs/access-patterns.md.
 */
export const keys = {
  /** An organisation known to the platform: a department, agency or the credit office. */
  organisation: (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  organisationsByRole: (role: string, orgId: string) => ({ gsi1pk: `ORGS#${role}`, gsi1sk: orgId }),

  /** An object that arrived in the reports bucket; one item per object version (S3 events come at least once). */
  upload: (bucket: string, objectKey: string, version: string) => ({
    pk: `UPLOAD#${bucket}/${objectKey}`,
    sk: `VERSION#${version}`,
  }),
  uploadsByDay: (date: string, objectKey: string) => ({ gsi1pk: `UPLOADS#${date}`, gsi1sk: objectKey }),

  /** A verification case run by the verification workflow. */
  verificationCase: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  casesByProvider: (providerOrgId: string, answerBy: string, caseId: string) => ({
    gsi1pk: `PROVIDER#${providerOrgId}#CASES`,
    gsi1sk: `${answerBy}#${caseId}`,
  }),

  /** A notice (通报) is unique per kind and subject of the notice: publishing twice stores nothing new. */
  notice: (kind: string, about: string) => ({ pk: `NOTICE#${kind}#${about}`, sk: 'NOTICE' }),
  noticesByDay: (date: string, kind: string, about: string) => ({ gsi1pk: `NOTICES#${date}`, gsi1sk: `${kind}#${about}` }),
} as const;
