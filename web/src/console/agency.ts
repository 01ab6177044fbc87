import { call, type CallInput } from '../call.ts';
import { errorBox, facts, field, h, show, valueOf } from '../dom.ts';
import { uploadStateLabels } from '../labels.ts';
import { go, type Route } from '../router.ts';
import { postToS3 } from '../upload.ts';
import { noticesSection, type Console } from './common.ts';

/** A credit service agency: a report straight to S3, its notices. */
export const agencyConsole: Console = [{ path: 'upload', label: '上传信用报告', page: uploadPage }, noticesSection];

type UploadRequest = CallInput<'create-report-upload'>['body'];

async function uploadPage(root: HTMLElement, route: Route): Promise<void> {
  const progress = h('progress', { max: 100, value: 0, testid: 'upload-progress' });
  const state = h('div', { 'aria-live': 'polite', testid: 'upload-status' });
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const form = h(
    'form',
    { class: 'panel', testid: 'upload-form' },
    field('报告主体代码', h('input', { type: 'text', required: true, maxlength: 18, autocomplete: 'off', testid: 'upload-subject' })),
    field('报告编号', h('input', { type: 'text', required: true, maxlength: 100, testid: 'upload-report-number' })),
    field('报告类型', h('select', { testid: 'upload-report-type' }, h('option', { value: 'comprehensive' }, '综合信用报告'), h('option', { value: 'special' }, '专项信用报告'))),
    field('出具日期', h('input', { type: 'date', required: true, value: today, max: today, testid: 'upload-issue-date' })),
    field('信用等级', h('input', { type: 'text', required: true, maxlength: 20, testid: 'upload-rating' })),
    field('风险提示（可选）', h('textarea', { rows: 2, maxlength: 1000, testid: 'upload-risk-warning' })),
    field('报告文件（PDF）', h('input', { type: 'file', accept: 'application/pdf,.pdf', required: true, testid: 'upload-file' })),
    h('button', { type: 'submit', testid: 'upload-submit' }, '上传'),
    h('div', { class: 'progress' }, progress),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = (form.querySelector('[data-testid="upload-file"]') as HTMLInputElement).files?.[0];
    if (!file) return show(state, errorBox('请选择报告文件'));
    progress.value = 0;
    const riskWarning = valueOf(form, 'upload-risk-warning');
    try {
      const started = await call('create-report-upload', {
        body: {
          subjectId: valueOf(form, 'upload-subject'),
          reportNumber: valueOf(form, 'upload-report-number'),
          // The select offers only the declared report types.
          reportType: valueOf(form, 'upload-report-type') as UploadRequest['reportType'],
          issueDate: valueOf(form, 'upload-issue-date'),
          rating: valueOf(form, 'upload-rating'),
          ...(riskWarning ? { riskWarning } : {}),
        },
      });
      show(state, h('p', {}, '上传中… 编号 ', h('span', { testid: 'upload-id' }, started.uploadId)));
      await postToS3(started.upload.url, started.upload.fields, file, file.name, (loaded, total) => (progress.value = Math.round((loaded / total) * 100)));
      go('/console/upload', { id: started.uploadId });
    } catch (error) {
      show(state, errorBox((error as Error).message));
    }
  });
  show(root, h('h1', {}, '上传信用报告'), h('p', { class: 'hint' }, '文件直接上传至平台存储，平台检查后接收或拒收。'), form, state);
  const uploadId = route.params.get('id');
  if (uploadId) {
    progress.value = 100;
    await followUpload(state, uploadId);
  }
}

/** The upload's state, asked again a few times while the platform checks the file. */
async function followUpload(root: HTMLElement, uploadId: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const upload = await call('get-report-upload', { params: { id: uploadId } });
    show(
      root,
      facts([
        ['上传编号', upload.uploadId, 'upload-id'],
        ['状态', h('span', { 'data-state': upload.state, testid: 'upload-state' }, uploadStateLabels[upload.state] ?? upload.state), undefined],
        ...(upload.reason ? ([['原因', upload.reason, 'upload-reason']] as [string, string, string][]) : []),
        ...(upload.reportId ? ([['报告编号（平台）', upload.reportId, 'upload-report-id']] as [string, string, string][]) : []),
      ]),
      h('button', { type: 'button', testid: 'upload-refresh', onclick: () => void followUpload(root, uploadId) }, '刷新状态'),
    );
    if (upload.state !== 'pending' || attempt >= 10) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!root.isConnected) return;
  }
}
