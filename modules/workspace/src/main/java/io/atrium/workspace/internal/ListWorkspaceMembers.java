package io.atrium.workspace.internal;

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

  private final WorkspacePorts context;

  ListWorkspaceMembers(WorkspacePorts context) {
    this.context = context;
  }

  Future<JsonObject> list(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    int limit = input.limit();
    UUID after = input.cursor(parts -> UUID.fromString(parts.get(0)));
    return input.validated()
        .compose(valid -> context.guard().require(userId, workspaceId, AccessLevel.VIEWER))
        .compose(found -> context.members().page(context.reads(), workspaceId, after, limit + 1))
        .compose(rows -> {
          List<Members.Member> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
          return context.users().byIds(shown.stream().map(Members.Member::userId).toList())
              .map(users -> PageCursor.page(rows, limit, m -> MemberView.json(m.userId(), m.access(), users.get(m.userId())),
                  m -> PageCursor.of(m.userId())));
        });
  }
}
