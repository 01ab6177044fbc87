/**
 * The state machines of a county stack, by id. The CDK construct that builds each one and the
 * task functions that serve its states (see functions/catalog.ts) share these names.
 */
export const verificationWorkflow = {
  id: 'verification',
  /** Task state names, referenced by task function declarations and by the local runtime's journal. */
  states: {
    open: 'OpenCase',
    await: 'AwaitAnswer',
    elapsed: 'WaitElapsed',
    apply: 'ApplyOutcome',
    stuck: 'MarkStuck',
  },
  /** Terminal states. */
  ends: { closed: 'CaseClosed', stuck: 'CaseStuck' },
  /**
   * Backstop only: longer than any wait the workflow plans (the next reminder, the end of the answer day
   * or the next escalation, each at most ~35 calendar days away across Spring Festival). Step Functions
   * reports a missed heartbeat as States.Timeout too, which only makes the workflow plan its wait again.
   */
  heartbeatSeconds: 40 * 24 * 3600,
  /** A task that fails (a throttled table, a Lambda hiccup) is retried with backoff, then the case is marked stuck. */
  taskRetry: { intervalSeconds: 2, backoffRate: 2, maxAttempts: 3 },
} as const;

export const workflows = [verificationWorkflow] as const;

/** The tag that marks each state machine with its workflow id; the local runtime finds definitions by it. */
export const workflowTagKey = 'credit-platform:workflow';
export type WorkflowId = (typeof workflows)[number]['id'];
