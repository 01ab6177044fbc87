import { ListItemMatterTypeMismatch, ListItemNotInForce } from '../errors/domain-errors.ts';
import { listItemOf, type MatterListInForce, type MatterListItem } from '../matter-lists/port.ts';
import type { ApplicableMeasure } from './select-measures.ts';
import type { CheckedListItem } from './check-log-entry.ts';

/** What the check answers when its list item requires a third-party report and none valid is shown. */
export const reportMissingMessage = '本事项须查验第三方信用报告，当前无有效报告';

/**
 * The item of the department's matter list in force that a check names (pure): it must be in the list (400
 * LIST_ITEM_NOT_IN_FORCE on `body.matter.listItem`), and the check's matter type must be the item's (400
 * LIST_ITEM_MATTER_TYPE on `body.matter.type`). Answers the item and how the usage log keeps it.
 */
export function checkedListItem(list: MatterListInForce | undefined, matter: { type: string; listItem: string }): { item: MatterListItem; logged: CheckedListItem } {
  const field = 'body.matter.listItem';
  if (!list) throw new ListItemNotInForce(`${field}: the department has no approved matter list (事项清单) in force: file one and have it approved, or leave listItem out`, field);
  const item = listItemOf(list, matter.listItem);
  if (!item) throw new ListItemNotInForce(`${field}: "${matter.listItem}" is not an item of the department's matter list in force (version ${list.version})`, field);
  if (item.matterType !== matter.type)
    throw new ListItemMatterTypeMismatch(`body.matter.type: must be "${item.matterType}", the matter type of list item ${item.itemId} (${item.name})`, 'body.matter.type');
  return { item, logged: { itemId: item.itemId, name: item.name, listVersion: list.version, checkRequired: item.checkRequired, reportRequired: item.reportRequired } };
}

/** The measures a check offers in a matter of the list: those the item names, among those the county's rules select; all of them when it names none (pure). */
export const measuresOfItem = (selected: ApplicableMeasure[], item: MatterListItem | undefined): ApplicableMeasure[] =>
  item && item.measures.length > 0 ? selected.filter((m) => item.measures.includes(m.measureId)) : selected;

/** A check's report requirement as shown: satisfied by a valid report not flagged for re-evaluation. */
export const presentReportRequirement = (r: { required: true; satisfied: boolean }) => ({ ...r, ...(r.satisfied ? {} : { message: reportMissingMessage }) });
