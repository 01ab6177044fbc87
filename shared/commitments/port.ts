/**
 * What the commitments capability offers the capabilities that build on it (docs/capabilities.md): a check takes
 * a commitment at the point of approval through this port.
 */
export { commitmentRecordInput, takeCommitment, type CommitmentAtCheck } from './take-commitment.ts';
