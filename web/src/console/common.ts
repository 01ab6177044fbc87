import { noticesView } from '../public-pages.ts';
import type { Route } from '../router.ts';
import type { Caller } from '../session.ts';

/** One page of a console: what a role does, one task per page (README, "Website and console"). */
export type ConsolePage = (root: HTMLElement, route: Route, caller: Caller) => Promise<void> | void;

/** A console section: its route (`#/console/<path>`), its label in the console's navigation, its page. */
export interface ConsoleSection {
  path: string;
  label: string;
  page: ConsolePage;
}

/** A role's console: its sections, the first one its landing page. */
export type Console = readonly [ConsoleSection, ...ConsoleSection[]];

/** The caller's own notices, in every console. */
export const noticesSection: ConsoleSection = {
  path: 'notices',
  label: '通知',
  page: (root, route) => noticesView(root, route, { notices: 'mine', testid: 'my-notices', heading: '我的通知' }),
};
