/**
 * The state machines of a county stack, by id. The CDK construct that builds each one and the
 * task functions that serve its states (shared/cases/functions.ts) share these names.
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
   * The Choice after OpenCase and WaitElapsed: each returns its `next` step in `$.wait.next`, so that a new
   * execution of a case taken up from its stored state goes where the case stands (an answered case straight
   * to ApplyOutcome, a closed or stuck one to its end) instead of waiting for an answer that is already there.
   */
  route: { state: 'NextStep', field: '$.wait.next' },
  /**
   * The execution's own limit (TimeoutSeconds), a little under Step Functions' one year for Standard workflows,
   * so that a case unanswered that long ends TIMED_OUT on our terms: the daily reconciliation (reconcile-cases)
   * then finds the case open without a running execution and takes it up again in a new one.
   */
  executionTimeoutSeconds: 360 * 24 * 3600,
  /**
   * Backstop only: longer than any wait the workflow plans (the next reminder, the end of the answer day
   * or the next escalation, each at most ~35 calendar days away across Spring Festival). Step Functions
   * reports a missed heartbeat as States.Timeout too, which only makes the workflow plan its wait again.
   */
  heartbeatSeconds: 40 * 24 * 3600,
  /** A task that fails (a throttled table, a Lambda hiccup) is retried with backoff, then the case is marked stuck. */
  taskRetry: { intervalSeconds: 2, backoffRate: 2, maxAttempts: 3 },
} as const;

/** Where a case goes after OpenCase or WaitElapsed (the value in `verificationWorkflow.route.field`). */
export const caseSteps = ['await', 'apply', 'closed', 'stuck'] as const;
export type CaseStep = (typeof caseSteps)[number];

export const workflows = [verificationWorkflow] as const;

/** The tag that marks each state machine with its workflow id; the local runtime finds definitions by it. */
export const workflowTagKey = 'credit-platform:workflow';
export type WorkflowId = (typeof workflows)[number]['id'];
