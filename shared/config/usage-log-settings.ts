import * as z from 'zod';
import type { RuleSource } from './county-config.ts';

/**
 * The usage log as a transparency log (docs/usage-log.md): how often its signed heads are published even when nothing
 * was logged, so a reader knows the log is alive and has not grown behind its back. Pure schema.
 */
export const usageLogSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      /** A head is signed at least this often (minutes), and whenever the log grew, at the sequencer's next run. */
      headMinutes: z.number().int().min(1).max(24 * 60),
      /**
       * After this many days in a signed head, whole blocks of 65,536 entries of the tree leave the table for one gzipped
       * object each in the reports bucket: still provable, and the table no longer grows by two items per entry.
       */
      retentionDays: z.number().int().min(1).max(3650),
      source: ruleSource,
    })
    .strict();

export const defaultUsageLog = {
  headMinutes: 10,
  retentionDays: 90,
  source: {
    platformDefault:
      '各通知要求信用记录和报告查询使用留痕、可追溯，未规定签名树头的发布频率和日志保存方式；平台每10分钟至少签发一次树头，查询后1至2分钟内即可取得包含证明；树的节点满90天后整块转存对象存储，仍可证明 / no notice sets how often or how the log is kept: a head every 10 minutes keeps a kept head fresh at little cost; after 90 days the tree’s old blocks move to S3, still provable',
  },
};
