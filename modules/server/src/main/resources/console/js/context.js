// Who is signed in and where they are: GET /me, read once per page view.
import { api } from './api.js';

export const LEVELS = ['viewer', 'member', 'billing', 'admin', 'owner'];
export const ROLES = ['member', 'admin', 'owner'];

// `billing` stands beside `member` (API.md): same rank, and neither includes the other.
const RANK = { viewer: 0, member: 1, billing: 1, admin: 2, owner: 3 };
const rank = (level, order) => (order === LEVELS ? RANK[level] ?? -1 : order.indexOf(level));

/** True when `level` is at least `minimum` in its ordered list (workspace levels or organization roles). */
export function atLeast(level, minimum, order = LEVELS) {
  if (level === minimum) return order.includes(level);
  if (rank(level, order) < 0 || rank(level, order) === rank(minimum, order)) return false;
  return rank(level, order) >= rank(minimum, order);
}

/** The levels someone may hand out: none above their own, and `billing` only by an admin (API.md). */
export function grantable(level, order = LEVELS) {
  return order.filter((l) => atLeast(level, l, order) && (l !== 'billing' || atLeast(level, 'admin', order)));
}

/** Who manages a workspace's billing: its admins and its `billing` members. */
export function managesBilling(level) {
  return level === 'billing' || atLeast(level, 'admin');
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
