/**
 * Which modal each person has open. The emulator records every views.open/push/update (and
 * the views a submission is answered with) but never closes anything (closing is the client's
 * job in Slack), so the UI remembers what the person closed or submitted, the errors Vigil
 * answered for a view, and what the person had typed in it, which Slack keeps client-side:
 * a view under a pushed one shows again as it was left.
 */
import type { Workspace } from '../state.js';
import type { UiFieldValues, UiModal } from './render/types.js';

export class ModalTracker {
  private readonly closed = new Set<string>();
  private readonly errors = new Map<string, Record<string, string>>();
  private readonly values = new Map<string, UiFieldValues>();

  reset(): void {
    this.closed.clear();
    this.errors.clear();
    this.values.clear();
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    this.errors.set(viewId, errors);
  }

  clearErrors(viewId: string): void {
    this.errors.delete(viewId);
  }

  /** What the person submitted from the view: it is drawn with these until it closes. */
  setValues(viewId: string, values: UiFieldValues): void {
    this.values.set(viewId, values);
  }

  /** The view goes away and the one under it in its stack, if any, shows again. */
  close(viewId: string): void {
    this.closed.add(viewId);
    this.errors.delete(viewId);
    this.values.delete(viewId);
  }

  /** `response_action: 'clear'` (or `clear_on_close`): the whole stack goes. */
  closeStack(ws: Workspace, viewId: string): void {
    for (const id of this.stackOf(ws, viewId) ?? [viewId]) this.close(id);
  }

  /** The ids of the stack `viewId` belongs to, root first (closed ones included). */
  stackOf(ws: Workspace, viewId: string): string[] | undefined {
    for (const stack of ws.modalStacks.values()) if (stack.includes(viewId)) return stack;
    return undefined;
  }

  /** How many views of `viewId`'s stack are still open. */
  openDepth(ws: Workspace, viewId: string): number {
    return (this.stackOf(ws, viewId) ?? []).filter((id) => !this.closed.has(id)).length;
  }

  /** The top open view of the most recently opened stack belonging to `user`. */
  openFor(ws: Workspace, user: string): UiModal | undefined {
    let found: UiModal | undefined;
    for (const stack of ws.modalStacks.values()) {
      const id = [...stack].reverse().find((v) => !this.closed.has(v));
      const view = id ? ws.currentViews.get(id) : undefined;
      if (!id || !view || view.type !== 'modal') continue;
      const owner = view.userId ?? ws.currentViews.get(stack[0] ?? '')?.userId;
      if (owner === user) found = { id, user, view: view.view, errors: this.errors.get(id) ?? {}, values: this.values.get(id) ?? {} };
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
