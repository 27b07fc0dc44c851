// Who is signed in and where they are: GET /me, read once per page view.
import { api } from './api.js';

export const LEVELS = ['viewer', 'member', 'admin', 'owner'];
export const ROLES = ['member', 'admin', 'owner'];

/** True when `level` is at least `minimum` in its ordered list (workspace levels or organization roles). */
export function atLeast(level, minimum, order = LEVELS) {
  return order.indexOf(level) >= 0 && order.indexOf(level) >= order.indexOf(minimum);
}

/** The levels someone may hand out: none above their own (API.md). */
export function grantable(level, order = LEVELS) {
  return order.slice(0, order.indexOf(level) + 1);
}

export async function loadContext() {
  const me = await api.get('/me');
  const workspaces = me.workspaces || [];
  // No choice saved yet: show the first workspace; the choice is saved when the user makes one.
  const workspace = workspaces.find((w) => w.id === me.currentWorkspaceId) || workspaces[0] || null;
  const organizations = me.organizations || [];
  const organization = workspace
    ? organizations.find((o) => o.id === workspace.organizationId) || { id: workspace.organizationId, name: 'Organization', role: null }
    : organizations[0] || null;
  return { me, workspace, organization };
}
