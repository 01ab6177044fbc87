import { call } from './call.ts';
import { errorBox, field, h, loading, show } from './dom.ts';
import { entryText, verifyInBrowser, type SignedHead, type WebReceipt } from './receipt-verifier.ts';

/**
 * The usage logs' public page (docs/usage-log.md): each organisation's latest signed head, to keep, and a verifier
 * that checks a receipt in this browser with the published key alone (and, with a head kept earlier, that the log
 * only grew since). Nothing of the entries is shown here: a receipt is brought by the one who holds it.
 */
export async function usageLogPage(root: HTMLElement): Promise<void> {
  const heads = h('section', { testid: 'usage-log-heads', 'aria-live': 'polite' }, loading());
  const result = h('section', { testid: 'usage-log-result', 'aria-live': 'polite' });
  const receiptInput = h('textarea', { class: 'mono', rows: 6, required: true, testid: 'usage-log-receipt', spellcheck: false });
  const keptInput = h('textarea', { class: 'mono', rows: 3, testid: 'usage-log-kept', spellcheck: false });
  show(
    root,
    h('h1', {}, '信用查询使用记录公开日志'),
    h(
      'p',
      { class: 'hint' },
      '各部门每次信用核查及其使用情况均记入本部门的只增日志（Merkle 树，RFC 9162），平台定时签发树头并在此公布。持有核查回执的部门、主体或审计人员可在本页离线核验：回执中的条目确实记在签名树头之内；与此前留存的树头比对，可证明日志只增未改。回执不能证明部门记录了其办理的每一次核查，也不证明条目内容属实。',
    ),
    h('h2', {}, '各单位最新签名树头'),
    heads,
    h('h2', {}, '核验回执'),
    h(
      'form',
      {
        testid: 'usage-log-verify-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void verify(receiptInput.value, keptInput.value, result);
        },
      },
      field('回执（GET /checks/{id}/receipt 返回的 entry.receipt，JSON）', receiptInput),
      field('留存的树头（可选，JSON）', keptInput, '填写后将取得一致性证明，核验日志自该树头以来只增未改。'),
      h('button', { type: 'submit', testid: 'usage-log-verify' }, '核验'),
    ),
    result,
  );
  try {
    const logs = await call('list-usage-logs');
    show(
      heads,
      h('p', { class: 'hint' }, `日志 ${logs.logId}；树头至少每 ${logs.headMinutes} 分钟签发一次。签名公钥 ${logs.keys.map((k) => k.kid).join('、')}。`),
      logs.logs.length === 0
        ? h('p', { class: 'empty', testid: 'usage-log-empty' }, '尚无签名树头。')
        : h(
            'table',
            {},
            h('caption', {}, '可复制保存各树头，日后核验日志是否只增未改'),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '单位'), h('th', { scope: 'col' }, '条目数'), h('th', { scope: 'col' }, '签发时间'), h('th', { scope: 'col' }, '根哈希'), h('th', { scope: 'col' }, '树头'))),
            h(
              'tbody',
              {},
              logs.logs.map(({ org, head }) =>
                h(
                  'tr',
                  { testid: 'usage-log-head', 'data-org': org },
                  h('td', {}, org),
                  h('td', { testid: 'usage-log-size' }, head ? String(head.treeSize) : '—'),
                  h('td', {}, head?.timestamp ?? '—'),
                  h('td', { class: 'mono', title: head?.rootHash ?? '' }, head ? `${head.rootHash.slice(0, 16)}…` : '—'),
                  h('td', {}, head ? h('details', {}, h('summary', {}, '查看 JSON'), h('pre', { testid: 'usage-log-head-json' }, JSON.stringify(head))) : '—'),
                ),
              ),
            ),
          ),
    );
  } catch (error) {
    show(heads, errorBox((error as Error).message));
  }
}

async function verify(receiptText: string, keptText: string, result: HTMLElement): Promise<void> {
  let receipt: WebReceipt;
  let kept: SignedHead | undefined;
  try {
    receipt = JSON.parse(receiptText) as WebReceipt;
    if (!receipt?.head || typeof receipt.entry !== 'string' || !Array.isArray(receipt.inclusionProof)) throw new Error('shape');
    kept = keptText.trim() ? (JSON.parse(keptText) as SignedHead) : undefined;
  } catch {
    return show(result, h('p', { class: 'warn', role: 'alert', testid: 'usage-log-invalid' }, '回执或树头不是有效的 JSON：应含 entry、leafIndex、inclusionProof、head。'));
  }
  show(result, loading());
  try {
    const { keys } = await call('list-usage-logs');
    const consistencyProof =
      kept && kept.treeSize < receipt.head.treeSize
        ? (await call('get-usage-log-consistency', { params: { org: receipt.head.org }, query: { first: kept.treeSize, second: receipt.head.treeSize } })).consistencyProof
        : [];
    const problems = await verifyInBrowser({ receipt, keys, ...(kept ? { kept: { head: kept, consistencyProof } } : {}) });
    show(
      result,
      problems.length === 0
        ? h('p', { class: 'ok', role: 'status', testid: 'usage-log-status', 'data-status': 'verified' }, `核验通过：该条目位于 ${receipt.head.org} 日志规模 ${receipt.head.treeSize} 的签名树头第 ${receipt.leafIndex} 位${kept ? '，且日志自留存树头以来只增未改' : ''}。`)
        : [h('p', { class: 'warn', role: 'alert', testid: 'usage-log-status', 'data-status': 'failed' }, '核验未通过：'), h('ul', {}, problems.map((p) => h('li', { testid: 'usage-log-problem' }, p)))],
      h('details', {}, h('summary', {}, '条目内容'), h('pre', { testid: 'usage-log-entry' }, entryText(receipt))),
    );
  } catch (error) {
    show(result, errorBox((error as Error).message));
  }
}
