// Who is signed in and where they are: GET /me, read once per page view.
import { api } from './api.js';

export const LEVELS = ['viewer', 'member', 'billing', 'admin', 'owner'];
export const ROLES = ['member', 'admin', 'owner'];
// Workspace levels are a partial order (API.md): billing stands beside member, neither at least the other.
const HEIGHTS = new Map([['viewer', 0], ['member', 1], ['billing', 1], ['admin', 2], ['owner', 3]]);

/** True when `level` is at least `minimum`: workspace levels by their partial order, organization roles by their list. */
export function atLeast(level, minimum, order = LEVELS) {
  if (order === LEVELS) {
    return HEIGHTS.has(level) && (level === minimum || HEIGHTS.get(level) > HEIGHTS.get(minimum));
  }
  return order.indexOf(level) >= 0 && order.indexOf(level) >= order.indexOf(minimum);
}

/** The levels someone may hand out: none above their own (API.md). */
export function grantable(level, order = LEVELS) {
  return order.filter((candidate) => atLeast(level, candidate, order));
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
