/** The documents a department may file, by content type, with the extension their file name must end in. */
export const filingContentTypes = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type FilingContentType = keyof typeof filingContentTypes;
export const filingContentTypeList = Object.keys(filingContentTypes) as [FilingContentType, ...FilingContentType[]];
