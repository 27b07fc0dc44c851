package io.atrium.workspace.internal;

import io.atrium.platform.UnitOfWork;
import io.atrium.workspace.WorkspaceDirectory;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link WorkspaceDirectory} on this process's pool: stateless, so any event loop may call it. */
final class LocalWorkspaceDirectory implements WorkspaceDirectory {

  private final UnitOfWork<WorkspaceTables> storage;

  LocalWorkspaceDirectory(UnitOfWork<WorkspaceTables> storage) {
    this.storage = storage;
  }

  @Override
  public Future<Optional<VisibleWorkspace>> workspaceFor(UUID userId, UUID workspaceId) {
    return storage.read().workspaces().accessible(userId, workspaceId)
        .map(found -> found.filter(seen -> seen.access().any()).map(LocalWorkspaceDirectory::visible));
  }

  /** A current choice the user can no longer access is cleared and not shown, as {@code CURRENT_OF} does. */
  @Override
  public Future<UserWorkspaces> workspacesOf(UUID userId, int limit) {
    return storage.read().workspaces().accessibleWithCurrent(userId, limit).compose(found -> {
      List<VisibleWorkspace> workspaces = found.workspaces().stream().map(LocalWorkspaceDirectory::visible).toList();
      if (found.current().isEmpty() || found.current().get().accessible()) {
        return Future.succeededFuture(new UserWorkspaces(workspaces, found.current().map(CurrentWorkspaces.Current::workspaceId)));
      }
      return storage.read().currentWorkspaces().clear(userId, found.current().get().workspaceId())
          .map(cleared -> new UserWorkspaces(workspaces, Optional.empty()));
    });
  }

  private static VisibleWorkspace visible(Accessible seen) {
    Workspace workspace = seen.workspace();
    return new VisibleWorkspace(workspace.id(), workspace.organizationId(), workspace.name(), workspace.currency(),
        workspace.createdAt(), seen.access().effective(), seen.access().isInherited());
  }
}
