package io.atrium.workspace.internal;

import io.atrium.platform.PriceCatalogue;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Contracts;
import io.atrium.workspace.WorkspaceAddresses;
import io.atrium.workspace.WorkspaceDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * Wires the workspace context: serves {@link WorkspaceAddresses} (see {@link Bus}) and provides {@link WorkspaceDirectory}
 * (see {@link Contracts}).
 */
public final class WorkspaceEndpoints {

  private WorkspaceEndpoints() {}

  /** Registers every endpoint, then rebuilds the organization role replica; completes once both are done. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    WorkspacePorts context = WorkspacePorts.create(vertx, pool, clock);
    PriceCatalogue catalogue = PriceCatalogue.load();
    BillingRequests admission = new BillingRequests(vertx);
    ReadWorkspaces reading = new ReadWorkspaces(context);
    ListWorkspaceInvitations invitations = new ListWorkspaceInvitations(context);
    AnswerWorkspaceInvitation answering = new AnswerWorkspaceInvitation(context);
    CurrentWorkspace current = new CurrentWorkspace(context);
    ListResources resources = new ListResources(context);
    ChangeResourceState states = new ChangeResourceState(context, admission);
    RoleReplica replica = new RoleReplica(context);
    BillingQuestions billing = new BillingQuestions(context);
    ApplySuspension suspension = new ApplySuspension(context);

    Map<String, Function<JsonObject, Future<JsonObject>>> endpoints = Map.ofEntries(
        Map.entry(WorkspaceAddresses.CREATE, new CreateWorkspace(context, catalogue)::create),
        Map.entry(WorkspaceAddresses.LIST_FOR_USER, reading::listForUser),
        Map.entry(WorkspaceAddresses.LIST_IN_ORGANIZATION, reading::listInOrganization),
        Map.entry(WorkspaceAddresses.GET, reading::get),
        Map.entry(WorkspaceAddresses.ACCESS_OF, reading::accessOf),
        Map.entry(OrganizationAddresses.WORKSPACE_COUNT, reading::count),
        Map.entry(WorkspaceAddresses.RENAME, new RenameWorkspace(context)::rename),
        Map.entry(WorkspaceAddresses.DELETE, new DeleteWorkspace(context, admission)::delete),
        Map.entry(WorkspaceAddresses.LIST_MEMBERS, new ListWorkspaceMembers(context)::list),
        Map.entry(WorkspaceAddresses.CHANGE_MEMBER_ACCESS, new ChangeMemberAccess(context)::change),
        Map.entry(WorkspaceAddresses.REMOVE_MEMBER, new RemoveWorkspaceMember(context)::remove),
        Map.entry(WorkspaceAddresses.INVITE, new InviteToWorkspace(context, config)::invite),
        Map.entry(WorkspaceAddresses.LIST_INVITATIONS, invitations::list),
        Map.entry(WorkspaceAddresses.REVOKE_INVITATION, new RevokeWorkspaceInvitation(context)::revoke),
        Map.entry(WorkspaceAddresses.ACCEPT_INVITATION, answering::accept),
        Map.entry(WorkspaceAddresses.DECLINE_INVITATION, answering::decline),
        Map.entry(WorkspaceAddresses.INSPECT_INVITATION, new InspectWorkspaceInvitation(context)::inspect),
        Map.entry(WorkspaceAddresses.INVITATIONS_FOR_EMAIL, invitations::forEmail),
        Map.entry(WorkspaceAddresses.CURRENT_OF, current::currentOf),
        Map.entry(WorkspaceAddresses.SET_CURRENT, current::setCurrent),
        Map.entry(WorkspaceAddresses.AUDIT_LOG, new ReadWorkspaceAuditLog(context)::read),
        Map.entry(WorkspaceAddresses.PRICING, request -> Future.succeededFuture(catalogue.toJson())),
        Map.entry(WorkspaceAddresses.CREATE_RESOURCE, new CreateResource(context, catalogue, admission)::create),
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
    Contracts.provide(vertx, WorkspaceDirectory.class, new LocalWorkspaceDirectory(context));
    return Bus.serveAll(vertx, endpoints)
        .compose(served -> replica.rebuild(vertx))
        // Self-healing: a role-replica update lost after its commit is corrected within one period.
        .onSuccess(rebuilt -> vertx.setPeriodic(config.integer("workspace.roleReplicaRebuildMillis"), id -> replica.rebuild(vertx)));
  }
}
