import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A local notices topic: the SNS Query API's Publish action, enough for `@aws-sdk/client-sns` to
 * publish unchanged. Each message is appended to an outbox file (JSON lines) that stands for the
 * topic's subscribers. Signatures are not checked (a comment, not a secret: this is loopback only).
 */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  attributes: Record<string, string>;
  publishedAt: string;
}

export function createSnsEndpoint(outboxFile: string, onPublish?: (message: PublishedMessage) => void): Server {
  mkdirSync(dirname(outboxFile), { recursive: true });
  return createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const requestId = randomUUID();
    const reply = (status: number, xml: string) => {
      response.writeHead(status, { 'content-type': 'text/xml' });
      response.end(xml);
    };
    if (form.get('Action') !== 'Publish')
      return reply(400, errorXml('InvalidAction', `local SNS supports Publish only, not ${form.get('Action')}`, requestId));
    const topicArn = form.get('TopicArn');
    const message = form.get('Message');
    if (!topicArn || !message) return reply(400, errorXml('InvalidParameter', 'TopicArn and Message are required', requestId));
    const attributes: Record<string, string> = {};
    for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i += 1)
      attributes[form.get(`MessageAttributes.entry.${i}.Name`)!] = form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
    const published: PublishedMessage = {
      messageId: randomUUID(),
      topicArn,
      subject: form.get('Subject') ?? undefined,
      message,
      attributes,
      publishedAt: new Date().toISOString(),
    };
    appendFileSync(outboxFile, JSON.stringify(published) + '\n');
    onPublish?.(published);
    reply(
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${published.messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  });
}

const errorXml = (code: string, message: string, requestId: string) =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
