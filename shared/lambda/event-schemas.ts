import * as z from 'zod';

/** An S3 object-created notification, the fields we use. Keys arrive URL-encoded (a space as `+`). */
export const s3ObjectCreatedEvent = z.object({
  Records: z
    .array(
      z.object({
        eventName: z.string().startsWith('ObjectCreated:'),
        eventTime: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string().min(1) }),
          object: z.object({
            key: z.string().min(1),
            size: z.number().int().nonnegative().optional(),
            eTag: z.string().optional(),
            versionId: z.string().optional(),
            sequencer: z.string().optional(),
          }),
        }),
      }),
    )
    .min(1),
});

/** What EventBridge Scheduler sends our scheduled functions: the scheduled time is `time`. */
export type S3ObjectCreatedEvent = z.output<typeof s3ObjectCreatedEvent>;

export const scheduledEvent = z.object({
  time: z.iso.datetime({ offset: true }),
  'detail-type': z.string().optional(),
});

/** S3 URL-encodes object keys in notifications (form encoding: a space is `+`). */
export const decodeS3Key = (encoded: string): string => decodeURIComponent(encoded.replace(/\+/g, ' '));
