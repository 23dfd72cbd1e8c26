/**
 * Which modal each person has open. The emulator records every views.open/push/update but
 * never closes anything (closing is the client's job in Slack), so the UI remembers what the
 * person closed or submitted, and the errors Vigil answered for a view.
 */
import type { Workspace } from '../state.js';
import type { UiModal } from './render/types.js';

export class ModalTracker {
  private readonly closed = new Set<string>();
  private readonly errors = new Map<string, Record<string, string>>();

  reset(): void {
    this.closed.clear();
    this.errors.clear();
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    this.errors.set(viewId, errors);
  }

  /** The view goes away and the one under it in its stack, if any, shows again. */
  close(viewId: string): void {
    this.closed.add(viewId);
    this.errors.delete(viewId);
  }

  /** `response_action: 'clear'`: the whole stack goes. */
  closeStack(ws: Workspace, viewId: string): void {
    for (const stack of ws.modalStacks.values()) {
      if (stack.includes(viewId)) for (const id of stack) this.close(id);
    }
  }

  /** The top open view of the most recently opened stack belonging to `user`. */
  openFor(ws: Workspace, user: string): UiModal | undefined {
    let found: UiModal | undefined;
    for (const stack of ws.modalStacks.values()) {
      const id = [...stack].reverse().find((v) => !this.closed.has(v));
      const view = id ? ws.currentViews.get(id) : undefined;
      if (!id || !view || view.type !== 'modal') continue;
      const owner = view.userId ?? ws.currentViews.get(stack[0] ?? '')?.userId;
      if (owner === user) found = { id, user, view: view.view, errors: this.errors.get(id) ?? {} };
    }
    return found;
  }

  /** Every person with an open modal. */
  openModals(ws: Workspace): Record<string, UiModal> {
    const owners = new Set<string>();
    for (const view of ws.currentViews.values()) if (view.type === 'modal' && view.userId) owners.add(view.userId);
    const out: Record<string, UiModal> = {};
    for (const user of owners) {
      const modal = this.openFor(ws, user);
      if (modal) out[user] = modal;
    }
    return out;
  }

  isOpen(ws: Workspace, viewId: string, user: string): boolean {
    return this.openFor(ws, user)?.id === viewId;
  }
}
