/**
 * Where a delivery stands. `due`: the head of its record's queue at its destination, sent at `nextAttemptAt`;
 * `waiting`: behind an earlier change of the same record (a record's changes go in order); `failed`: given up
 * (the dead-letter queue), holding its record's later changes until redriven; `file`: queued for the day's file;
 * `delivered`.
 */
export const deliveryStates = ['due', 'waiting', 'failed', 'file', 'delivered'] as const;
export type DeliveryState = (typeof deliveryStates)[number];

