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
  /**
   * Backstop only: longer than any answer period (20 working days is at most ~35 calendar days across
   * Spring Festival), so the answer deadline (TimeoutSecondsPath) decides when a case is overdue. Step
   * Functions reports a missed heartbeat as States.Timeout too, so a shorter heartbeat would call a
   * provider overdue before its deadline unless every open case were heartbeated.
   */
  heartbeatSeconds: 40 * 24 * 3600,
} as const;

export const workflows = [verificationWorkflow] as const;

/** The tag that marks each state machine with its workflow id; the local runtime finds definitions by it. */
export const workflowTagKey = 'credit-platform:workflow';
export type WorkflowId = (typeof workflows)[number]['id'];
