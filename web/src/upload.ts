/**
 * A browser upload straight to S3 through a presigned POST: multipart/form-data with the policy's fields
 * first and the file last (S3 ignores fields after the file). XMLHttpRequest, not fetch, because only it
 * reports upload progress (`upload.onprogress`). Resolves with the status (S3 answers 204), rejects with
 * S3's error text otherwise.
 */
export function postToS3(url: string, fields: Record<string, string>, file: Blob, fileName: string, onProgress: (loaded: number, total: number) => void): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, fileName);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve(xhr.status);
      } else reject(new Error(`上传被拒绝（${xhr.status}）：${/<Message>(.*?)<\/Message>/s.exec(xhr.responseText)?.[1] ?? xhr.statusText}`));
    };
    xhr.onerror = () => reject(new Error('上传失败：网络错误'));
    xhr.send(form);
  });
}
