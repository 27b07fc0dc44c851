package io.atrium.organization.internal;

import io.atrium.identity.IdentityAddresses;
import io.atrium.organization.OrganizationAddresses;
import io.atrium.organization.MfaRequirements;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.Invalidations;
import io.atrium.organization.OrganizationDirectory;
import io.atrium.platform.SecretCipher;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Bus;
import io.atrium.platform.Contracts;
import io.atrium.platform.Dns;
import io.atrium.platform.PublicAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Wires the organization context: serves {@link OrganizationAddresses} (see {@link Bus}) and provides
 * {@link OrganizationDirectory} (see {@link Contracts}).
 */
public final class OrganizationEndpoints {

  /**
   * What changes a user's cached list of organizations ({@link CachedOrganizationDirectory}; the database notifies every
   * process, and the role replica these update notifies the workspace context's cache).
   */
  private static final Set<String> CHANGE_MEMBERSHIPS = Set.of(OrganizationAddresses.CREATE, IdentityAddresses.USER_REGISTERED,
      OrganizationAddresses.RENAME, OrganizationAddresses.DELETE, OrganizationAddresses.CHANGE_MEMBER_ROLE,
      OrganizationAddresses.REMOVE_MEMBER, OrganizationAddresses.ACCEPT_INVITATION, OrganizationAddresses.SSO_FINISH);

  private OrganizationEndpoints() {}

  /** The two-factor requirements of organizations, with their per-process cache. */
  public static MfaRequirements mfaRequirements(Pool pool, Clock clock, Invalidations invalidations) {
    return new CachedMfaRequirements(OrganizationTables.postgres(pool).read().organizations(), clock, invalidations);
  }

  /** The daily re-verification of verified domains; started by its verticle. */
  public static DomainRecheck domainRecheck(Vertx vertx, Pool pool, AtriumConfig config, Clock clock) {
    return new DomainRecheck(vertx, OrganizationTables.postgres(pool), config, clock);
  }

  /** Registers every endpoint; completes once all are reachable. */
  public static Future<Void> serve(Vertx vertx, Pool pool, AtriumConfig config, Clock clock, Invalidations invalidations) {
    UnitOfWork<OrganizationTables> storage = OrganizationTables.postgres(pool);
    UserLookups users = new BusUserLookups(vertx);
    Announcer announcer = new Announcer(vertx);
    CreateOrganization create = new CreateOrganization(storage, announcer, clock);
    ReadOrganizations read = new ReadOrganizations(storage);
    ListInvitations invitations = new ListInvitations(storage, clock);
    AnswerInvitation answer = new AnswerInvitation(storage, users, announcer, clock);
    SsoUrls urls = new SsoUrls(config.string("publicUrl"));
    SecretCipher cipher = SecretCipher.fromConfig(config, "sso.secretKey", "SSO client secrets");
    Dns dns = Dns.fromConfig(vertx, config);
    Providers providers = new Providers(new Discovery(vertx, PublicAddresses.fromConfig(dns, config)), cipher);
    DomainNames domainNames = new DomainNames(config.list("domains.publicMailDomains"));
    ManageDomains domains = new ManageDomains(storage, domainNames, clock);
    ConfigureSso sso = new ConfigureSso(storage, providers, cipher, urls, clock, "true".equalsIgnoreCase(config.string("sso.allowLocalIssuers")));
    FinishSsoLogin finish = new FinishSsoLogin(storage, providers, new SsoMembership(storage, announcer, clock), users, urls, clock);
    InviteMember invite = new InviteMember(storage, users, config.string("publicUrl"), clock);

    Map<String, Function<JsonObject, Future<JsonObject>>> handlers = new LinkedHashMap<>();
    handlers.put(OrganizationAddresses.CREATE, create::create);
    handlers.put(IdentityAddresses.USER_REGISTERED, create::userRegistered);
    handlers.put(OrganizationAddresses.LIST_FOR_USER, read::listForUser);
    handlers.put(OrganizationAddresses.MEMBERSHIPS_OF_USER, read::membershipsOfUser);
    handlers.put(OrganizationAddresses.GET, read::get);
    handlers.put(OrganizationAddresses.DESCRIBE, read::describe);
    handlers.put(OrganizationAddresses.RENAME, new RenameOrganization(storage, clock)::rename);
    handlers.put(OrganizationAddresses.DELETE, new DeleteOrganization(storage, new BusWorkspaceCounts(vertx), announcer, clock)::delete);
    handlers.put(OrganizationAddresses.LIST_MEMBERS, new ListMembers(storage, users)::list);
    handlers.put(OrganizationAddresses.ADMINS_OF, new ListAdmins(storage, users)::list);
    handlers.put(OrganizationAddresses.CHANGE_MEMBER_ROLE, new ChangeMemberRole(storage, users, announcer, clock)::change);
    handlers.put(OrganizationAddresses.REMOVE_MEMBER, new RemoveMember(storage, announcer, clock)::remove);
    handlers.put(OrganizationAddresses.INVITE, invite::invite);
    handlers.put(OrganizationAddresses.LIST_INVITATIONS, invitations::ofOrganization);
    handlers.put(OrganizationAddresses.REVOKE_INVITATION, new RevokeInvitation(storage, clock)::revoke);
    handlers.put(OrganizationAddresses.ACCEPT_INVITATION, answer::accept);
    handlers.put(OrganizationAddresses.DECLINE_INVITATION, answer::decline);
    handlers.put(OrganizationAddresses.INSPECT_INVITATION, new InspectInvitation(storage, users, clock)::inspect);
    handlers.put(OrganizationAddresses.INVITATIONS_FOR_EMAIL, invitations::forEmail);
    handlers.put(OrganizationAddresses.AUDIT_LOG, new ReadAuditLog(storage)::read);
    handlers.put(OrganizationAddresses.DOMAIN_ADD, domains::add);
    handlers.put(OrganizationAddresses.DOMAIN_LIST, domains::list);
    handlers.put(OrganizationAddresses.DOMAIN_DELETE, domains::remove);
    handlers.put(OrganizationAddresses.DOMAIN_VERIFY, new VerifyDomain(storage, new DnsChallenge(dns), domainNames, clock)::verify);
    handlers.put(OrganizationAddresses.SSO_PUT, sso::put);
    handlers.put(OrganizationAddresses.SSO_GET, sso::get);
    handlers.put(OrganizationAddresses.SSO_DELETE, sso::delete);
    handlers.put(OrganizationAddresses.SSO_START, new StartSsoLogin(storage, providers, urls, clock)::start);
    handlers.put(OrganizationAddresses.SSO_FINISH, finish::finish);
    handlers.put(IdentityAddresses.SSO_POLICY, new SsoPolicy(storage, urls)::check);
    handlers.put(OrganizationAddresses.MEMBERSHIP_SNAPSHOT, new MembershipSnapshot(storage)::page);
    MfaRequirement mfa = new MfaRequirement(storage, clock);
    // The asking process sees the change at once; the others by the database's notification (changelog.yaml).
    handlers.put(OrganizationAddresses.SET_REQUIRE_MFA, request -> mfa.set(request)
        .onSuccess(done -> invalidations.evictHere(CachedMfaRequirements.TOPIC, request.getString("organizationId"))));
    handlers.put(OrganizationAddresses.MFA_POLICY, mfa::policy);

    // The asker's next GET /me sees its change: these answer once this process has heard its notifications.
    CHANGE_MEMBERSHIPS.forEach(address -> handlers.computeIfPresent(address, (a, handler) -> invalidations.settling(handler)));
    Contracts.provide(vertx, OrganizationDirectory.class, new CachedOrganizationDirectory(read, clock, invalidations));
    return Bus.serveAll(vertx, handlers);
  }
}
