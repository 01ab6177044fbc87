/**
 * The state machines of a county stack, by id. The CDK construct that builds each one and the
 * task functions that serve its states (see functions/catalog.ts) share these names.
 */
export const verificationWorkflow = {
  id: 'verification',
  /** State names, referenced by task function declarations and by the local runtime's journal. */
  states: {
    open: 'OpenVerification',
    await: 'AwaitVerification',
    close: 'CloseVerification',
    overdue: 'ReportVerificationOverdue',
  },
  /** A provider that answers must send a heartbeat at least this often while it works on a case. */
  heartbeatSeconds: 7 * 24 * 3600,
} as const;

export const workflows = [verificationWorkflow] as const;
export type WorkflowId = (typeof workflows)[number]['id'];
