package io.atrium.workspace.internal;

import io.atrium.identity.IdentityUsers;
import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/**
 * Lists a workspace's members: direct members and the organization owners and admins who inherit access,
 * merged, by user id. Per page: the access check (one statement), the merged page (one statement) and
 * ONE request to identity for emails and names.
 */
final class ListWorkspaceMembers {

  private final UnitOfWork<WorkspaceTables> storage;
  private final IdentityUsers users;

  ListWorkspaceMembers(UnitOfWork<WorkspaceTables> storage, IdentityUsers users) {
    this.storage = storage;
    this.users = users;
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    UUID after = input.cursor(parts -> UUID.fromString(parts.get(0)));
    return input.validated()
        .compose(valid -> WorkspaceGuard.require(storage.read(), userId, workspaceId, AccessLevel.VIEWER))
        .compose(found -> storage.read().members().page(workspaceId, after, limit + 1))
        .compose(rows -> {
          List<Members.Member> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
          return users.byIds(shown.stream().map(Members.Member::userId).toList())
              .map(people -> PageCursor.page(rows, limit, m -> MemberView.json(m.userId(), m.access(), people.get(m.userId())),
                  m -> PageCursor.of(m.userId())));
        });
  }
}
