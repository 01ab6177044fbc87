import { call } from '../call.ts';
import { errorBox, h, show } from '../dom.ts';
import { href } from '../router.ts';

/**
 * A check's receipt from the usage log (docs/usage-log.md), for the department that ran it: once the check is in a
 * signed head, a JSON file to keep and verify anywhere (the public page 使用记录日志, or `npm run verify-receipt`);
 * before that, the signed promise it holds.
 */
export function usageLogProof(checkId: string): HTMLElement {
  const status = h('span', { testid: 'check-log-status', 'aria-live': 'polite' });
  const fetchReceipt = async () => {
    show(status, '读取中…');
    try {
      const answer = await call('get-check-receipt', { params: { id: checkId } });
      const { entry } = answer;
      if (entry.status === 'unlogged') return show(status, h('span', { testid: 'check-log-unlogged' }, '该核查记于使用记录日志启用之前，无存证回执。'));
      if (entry.status !== 'included' || !entry.receipt)
        return show(status, h('span', { testid: 'check-log-pending' }, '平台已签发纳入承诺；下一次签发树头后（约 1 至 2 分钟）即可取得存证回执。'));
      const file = URL.createObjectURL(new Blob([JSON.stringify(entry.receipt, null, 2)], { type: 'application/json' }));
      show(
        status,
        h('span', { testid: 'check-log-included', 'data-verified': String(answer.verification.verified) }, `已记入本部门使用记录日志第 ${entry.leafIndex} 条（签名树头规模 ${entry.receipt.head.treeSize}）。`),
        ' ',
        h('a', { href: file, download: `usage-log-receipt-${checkId}.json`, testid: 'check-log-download' }, '保存回执文件'),
        ' · ',
        h('a', { href: href('/usage-log'), testid: 'check-log-verify-page' }, '到公开日志页核验'),
      );
    } catch (error) {
      show(status, errorBox((error as Error).message));
    }
  };
  return h('p', { testid: 'check-log' }, h('button', { type: 'button', testid: 'check-log-receipt', onclick: () => void fetchReceipt() }, '取得使用记录存证回执'), ' ', status);
}
