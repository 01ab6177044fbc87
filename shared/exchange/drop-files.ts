/**
 * Where a file destination's daily files are kept in the reports bucket: one prefix per destination, a JSON-lines
 * file and its signed manifest per day. Written by the dispatcher, named by the office's view.
 */
export const dropFilePrefix = (destinationId: string) => `exchange/${destinationId}/`;
export const dropFileKey = (destinationId: string, day: string) => `${dropFilePrefix(destinationId)}${day}.jsonl`;
export const dropManifestKey = (destinationId: string, day: string) => `${dropFilePrefix(destinationId)}${day}.manifest.json`;
