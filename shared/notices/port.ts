/**
 * What the notices capability offers the capabilities that build on it (docs/capabilities.md names who may
 * use it): they import this port, never its stores or use cases directly.
 */
export { publishNotice, publishNotices, type Notice } from './publish-notice.ts';
