package io.atrium.organization.internal;

import io.atrium.organization.OrganizationRole;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AuditEntry;
import io.atrium.platform.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Founding an organization: on request, or for a user who just signed up. Its creator becomes its owner. */
final class CreateOrganization {

  private static final String OWN_ORGANIZATION_SUFFIX = "'s organization";

  private final UnitOfWork<OrganizationTables> storage;
  private final Announcer announcer;
  private final Clock clock;

  CreateOrganization(UnitOfWork<OrganizationTables> storage, Announcer announcer, Clock clock) {
    this.storage = storage;
    this.announcer = announcer;
    this.clock = clock;
  }

  /** {@code {userId, name, requestId?}} → {@code {id, name, createdAt}}. */
  Future<JsonObject> create(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    String name = input.name("name");
    String requestId = input.requestId();
    return input.validated().compose(valid -> found(userId, name, requestId)).map(Organization::toJson);
  }

  /** {@code {userId, name}} of a new user → {@code {id}} of "&lt;name&gt;'s organization", owned by them. */
  Future<JsonObject> userRegistered(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.userId("userId");
    String name = input.name("name");
    return input.validated()
        .compose(valid -> found(userId, ownOrganizationName(name), null))
        .map(organization -> new JsonObject().put("id", organization.id().toString()));
  }

  private Future<Organization> found(UUID userId, String name, String requestId) {
    Instant now = Times.now(clock);
    Organization organization = new Organization(UUID.randomUUID(), name, now);
    AuditEntry entry = AuditEntry.of(organization.id(), now, userId, "organization.created", requestId)
        .aboutUser(userId).with("name", name).with("role", OrganizationRole.OWNER.text());
    return storage.transaction(tables -> tables.organizations().insert(organization)
            .compose(inserted -> tables.memberships().insert(organization.id(), new Member(userId, OrganizationRole.OWNER, now)))
            .compose(inserted -> tables.auditLog().append(entry)))
        .compose(committed -> announcer.created(organization, new Announcer.Change(organization.id(), userId, OrganizationRole.OWNER, null)))
        .map(announced -> organization);
  }

  /** "&lt;name&gt;'s organization", the name cut so that the whole stays within an organization name's limit. */
  static String ownOrganizationName(String name) {
    int room = Input.MAX_NAME - OWN_ORGANIZATION_SUFFIX.length();
    String fitting = name.codePointCount(0, name.length()) <= room ? name : name.substring(0, name.offsetByCodePoints(0, room));
    return fitting + OWN_ORGANIZATION_SUFFIX;
  }
}
