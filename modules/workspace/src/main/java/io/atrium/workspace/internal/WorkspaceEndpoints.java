package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.PriceCatalogue;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Contracts;
import io.atrium.platform.Invalidations;
import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Wires the workspace context: serves {@link WorkspaceAddresses} (see {@link Bus}) and provides {@link WorkspaceDirectory}
 * (see {@link Contracts}).
 */
public final class WorkspaceEndpoints {

  /** What changes a user's cached workspaces, access or current workspace ({@link CachedWorkspaceDirectory}). */
  private static final Set<String> CHANGE_LISTS = Set.of(WorkspaceAddresses.CREATE, WorkspaceAddresses.RENAME,
      WorkspaceAddresses.DELETE, WorkspaceAddresses.CHANGE_MEMBER_ACCESS, WorkspaceAddresses.REMOVE_MEMBER,
      WorkspaceAddresses.ACCEPT_INVITATION, WorkspaceAddresses.CURRENT_OF, WorkspaceAddresses.SET_CURRENT,
      OrganizationAddresses.ROLE_REPLICA);

  private WorkspaceEndpoints() {}

  /** Registers every endpoint, then rebuilds the organization role replica; completes once both are done. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    UnitOfWork<WorkspaceTables> storage = WorkspaceTables.postgres(pool);
    IdentityUsers users = new IdentityUsers(vertx);
    Events events = new Events(vertx);
    PriceCatalogue catalogue = PriceCatalogue.load();
    BillingRequests admission = new BillingRequests(vertx);
    ReadWorkspaces reading = new ReadWorkspaces(storage);
    ListWorkspaceInvitations invitations = new ListWorkspaceInvitations(storage, clock);
    AnswerWorkspaceInvitation answering = new AnswerWorkspaceInvitation(storage, users, events, clock);
    CurrentWorkspace current = new CurrentWorkspace(storage);
    ListResources resources = new ListResources(storage);
    ChangeResourceState states = new ChangeResourceState(storage, admission, events, clock);
    RoleReplica replica = new RoleReplica(storage);
    BillingQuestions billing = new BillingQuestions(storage, users);
    ApplySuspension suspension = new ApplySuspension(storage, events, clock);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(WorkspaceAddresses.CREATE, new CreateWorkspace(storage, catalogue, events, clock)::create),
        Map.entry(WorkspaceAddresses.LIST_FOR_USER, reading::listForUser),
        Map.entry(WorkspaceAddresses.LIST_IN_ORGANIZATION, reading::listInOrganization),
        Map.entry(WorkspaceAddresses.GET, reading::get),
        Map.entry(WorkspaceAddresses.ACCESS_OF, reading::accessOf),
        Map.entry(OrganizationAddresses.WORKSPACE_COUNT, reading::count),
        Map.entry(WorkspaceAddresses.RENAME, new RenameWorkspace(storage, clock)::rename),
        Map.entry(WorkspaceAddresses.DELETE, new DeleteWorkspace(storage, admission, events, clock)::delete),
        Map.entry(WorkspaceAddresses.LIST_MEMBERS, new ListWorkspaceMembers(storage, users)::list),
        Map.entry(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, new ChangeMemberAccess(storage, users, events, clock)::change),
        Map.entry(WorkspaceAddresses.REMOVE_MEMBER, new RemoveWorkspaceMember(storage, events, clock)::remove),
        Map.entry(WorkspaceAddresses.INVITE, new InviteToWorkspace(storage, users, config.string("publicUrl"), clock)::invite),
        Map.entry(WorkspaceAddresses.LIST_INVITATIONS, invitations::list),
        Map.entry(WorkspaceAddresses.REVOKE_INVITATION, new RevokeWorkspaceInvitation(storage, clock)::revoke),
        Map.entry(WorkspaceAddresses.ACCEPT_INVITATION, answering::accept),
        Map.entry(WorkspaceAddresses.DECLINE_INVITATION, answering::decline),
        Map.entry(WorkspaceAddresses.INSPECT_INVITATION, new InspectWorkspaceInvitation(storage, users, clock)::inspect),
        Map.entry(WorkspaceAddresses.INVITATIONS_FOR_EMAIL, invitations::forEmail),
        Map.entry(WorkspaceAddresses.CURRENT_OF, current::currentOf),
        Map.entry(WorkspaceAddresses.SET_CURRENT, current::setCurrent),
        Map.entry(WorkspaceAddresses.AUDIT_LOG, new ReadWorkspaceAuditLog(storage)::read),
        Map.entry(WorkspaceAddresses.PRICING, request -> Future.succeededFuture(catalogue.toJson())),
        Map.entry(WorkspaceAddresses.CREATE_RESOURCE, new CreateResource(storage, catalogue, admission, events, clock)::create),
        Map.entry(WorkspaceAddresses.LIST_RESOURCES, resources::list),
        Map.entry(WorkspaceAddresses.GET_RESOURCE, resources::get),
        Map.entry(WorkspaceAddresses.STOP_RESOURCE, states::stop),
        Map.entry(WorkspaceAddresses.START_RESOURCE, states::start),
        Map.entry(WorkspaceAddresses.DELETE_RESOURCE, states::delete),
        Map.entry(WorkspaceAddresses.SUSPEND_RESOURCES, suspension::suspend),
        Map.entry(WorkspaceAddresses.RESUME_RESOURCES, suspension::resume),
        Map.entry(WorkspaceAddresses.RESOURCES_RUN_IN, billing::resourcesRunIn),
        Map.entry(WorkspaceAddresses.ADMINS_OF, billing::adminsOf),
        Map.entry(WorkspaceAddresses.DESCRIBE, billing::describe),
        Map.entry(OrganizationAddresses.ROLE_REPLICA, replica::apply));
    Map<String, Function<JsonObject, Future<JsonObject>>> settling = new HashMap<>(endpoints);
    // The asker's next GET /me sees its change: these answer once this process has heard its notifications.
    CHANGE_LISTS.forEach(address -> settling.computeIfPresent(address, (a, endpoint) -> invalidations.settling(endpoint)));
    Contracts.provide(vertx, WorkspaceDirectory.class,
        new CachedWorkspaceDirectory(new LocalWorkspaceDirectory(storage), clock, invalidations));
    return Bus.serveAll(vertx, settling)
        .compose(served -> replica.rebuild(vertx))
        // Self-healing: a role-replica update lost after its commit is corrected within one period.
        .onSuccess(rebuilt -> vertx.setPeriodic(config.integer("workspace.roleReplicaRebuildMillis"), id -> replica.rebuild(vertx)));
  }
}
