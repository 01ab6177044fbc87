import { s3Errors } from './s3-error.ts';
import type { PostForm } from './post-policy.ts';

export interface ReceivedPostForm extends PostForm {
  fileContent: Buffer | undefined;
}

/**
 * Parses a browser upload (multipart/form-data) with the platform's own parser. Like S3, it keeps
 * the fields up to the first `file` part and ignores whatever follows it.
 */
export async function parsePostForm(body: Buffer, contentType: string): Promise<ReceivedPostForm> {
  let formData: FormData;
  try {
    formData = await new Request('http://front.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  } catch {
    throw s3Errors.malformedPost();
  }
  const fields: Array<[string, string]> = [];
  for (const [name, value] of formData) {
    if (name === 'file') {
      const file = typeof value === 'string' ? new File([value], '') : value;
      const fileContent = Buffer.from(await file.arrayBuffer());
      return { fields, file: { name: file.name, size: fileContent.length }, fileContent };
    }
    fields.push([name, typeof value === 'string' ? value : await value.text()]);
  }
  return { fields, file: undefined, fileContent: undefined };
}
