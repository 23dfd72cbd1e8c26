/** What the page shows about the connected app beyond its messages. */
export interface AppProfile {
  /** The app's message shortcuts (its manifest's `features.shortcuts` of type message), offered on every message. */
  shortcuts?: Array<{ callbackId: string; name: string }>;
  /** Whether the app has a Home tab: the sidebar shows it, and opening it sends `app_home_opened`. */
  homeTab?: boolean;
  /**
   * Lines of the page's "try it" banner: how to give the app something to do, with the tokens it
   * is actually configured with (e.g. the curl that fires an alert). Shown as given.
   */
  hints?: string[];
}
