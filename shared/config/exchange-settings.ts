import * as z from 'zod';
import type { RuleSource } from './county-config.ts';
import { recordKinds } from './record-kinds.ts';

/**
 * Where a county's records go upstream (docs/exchange.md): the city and provincial sharing platforms and 信用中国
 * take every record, correction, revocation, repair and objection result (Jiaxian 000 二(一) "按规定向市公共信用
 * 信息平台推送", Lianjiang 001, Zanhuang 002 一(一), 003 二(一)). Each destination is data: an HTTPS endpoint that
 * receives signed deliveries one by one, or a daily file the upstream pulls. Pure schema: the deliveries are
 * shared/exchange.
 */
export const destinationTransports = ['https', 'file'] as const;

export const exchangeSettingsSchema = (ruleSource: z.ZodType<RuleSource>) =>
  z
    .object({
      destinations: z
        .array(
          z
            .object({
              /** Stable: it names the destination's queue and files (lower-case kebab-case). */
              id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be lower-case kebab-case, 2 to 31 characters'),
              name: z.string().min(1),
              transport: z.enum(destinationTransports),
              /** `https`: where deliveries are POSTed (https, or http on this machine only). */
              url: z.string().optional(),
              /** The kinds of record it takes (all when absent). */
              kinds: z.array(z.enum(recordKinds)).min(1).optional(),
              /**
               * Persons' ID numbers as the upstream receives them: masked unless the destination is a government
               * platform entitled to the whole number (the standard's 证件号码), said here with its clause.
               */
              personIdNumbers: z.enum(['masked', 'whole']).default('masked'),
              /** The clause that asks for this push (or the platform's default with its reason). */
              source: ruleSource,
            })
            .strict()
            .superRefine((d, ctx) => {
              if (d.transport === 'https') {
                if (!d.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'an https destination needs its url' });
                else if (!isAllowedUrl(d.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be an https:// URL (http:// only to localhost or 127.0.0.1)' });
              } else if (d.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a file destination has no url: the upstream pulls its daily files' });
            }),
        )
        .default([]),
      /** How deliveries are retried: backoff from `firstSeconds`, doubling up to `maxSeconds`; dead-lettered after `deadLetterAfterHours` of failures. */
      retry: z
        .object({
          firstSeconds: z.number().int().min(1).max(3600).default(60),
          maxSeconds: z.number().int().min(1).max(86_400).default(3600),
          deadLetterAfterHours: z.number().min(1).max(24 * 30).default(72),
        })
        .strict()
        .default({ firstSeconds: 60, maxSeconds: 3600, deadLetterAfterHours: 72 }),
      /** Why there are (or are not) destinations: the clause that asks for the push, or the platform's default. */
      source: ruleSource,
    })
    .strict()
    .superRefine((e, ctx) => {
      const ids = new Set<string>();
      e.destinations.forEach((d, i) => {
        if (ids.has(d.id)) ctx.addIssue({ code: 'custom', path: ['destinations', i, 'id'], message: `"${d.id}" is listed twice` });
        ids.add(d.id);
      });
      if (e.retry.maxSeconds < e.retry.firstSeconds) ctx.addIssue({ code: 'custom', path: ['retry', 'maxSeconds'], message: 'must not be less than firstSeconds' });
    });

function isAllowedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1'));
  } catch {
    return false;
  }
}

export const defaultExchange = {
  destinations: [],
  retry: { firstSeconds: 60, maxSeconds: 3600, deadLetterAfterHours: 72 },
  source: {
    platformDefault:
      '上级平台的接收地址和对接方式由县信用办与市、省平台商定后写入本文件；未写入前不向外推送，记录照常保存，写入后从写入时起推送 / no destination until the county agrees the address with the upstream',
  },
};
