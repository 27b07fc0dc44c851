package io.atrium.organization.internal;

import io.atrium.identity.IdentityVerticle;
import io.atrium.organization.OrganizationVerticle;
import io.atrium.platform.UnitOfWork;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Codes;
import io.atrium.platform.Database;
import io.atrium.platform.Dns;
import io.atrium.platform.Migrations;
import io.atrium.platform.Outbox;
import io.atrium.platform.testing.MutableClock;
import io.atrium.platform.testing.Rejections;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lookup is recorded only against the claim it checked: a domain removed and added again (a new value) while its
 * TXT record was being looked up is not verified by what was found for the old value.
 */
class VerifyDomainStaleCheckIT {

  private static final MutableClock clock = new MutableClock(Instant.parse("2031-06-01T09:00:00Z"));
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    AtriumConfig config = TestServices.get().config();
    Migrations.apply(vertx, config, List.of(Outbox.CHANGELOG, IdentityVerticle.CHANGELOG, OrganizationVerticle.CHANGELOG)).await();
    pool = Database.pool(vertx, config);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void aCheckOfTheOldValueDoesNotVerifyTheClaimThatReplacedIt() {
    UUID organizationId = UUID.randomUUID();
    pool.preparedQuery("INSERT INTO organization.organizations (id, name, created_at) VALUES ($1, 'Stale', $2)")
        .execute(Tuple.of(organizationId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))).await();
    UnitOfWork<OrganizationTables> storage = OrganizationTables.postgres(pool);
    String name = "stale-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    Domain checked = new Domain(organizationId, name, Domain.Status.PENDING, DnsChallenge.newValue(), clock.instant(), null, null);
    storage.transaction(tables -> tables.domains().insert(checked)).await();

    // While the lookup of checked.txtValue() runs, an admin removes the domain and adds it again (a new value).
    storage.transaction(tables -> tables.domains().delete(organizationId, name)).await();
    Domain again = new Domain(organizationId, name, Domain.Status.PENDING, DnsChallenge.newValue(), clock.instant(), null, null);
    storage.transaction(tables -> tables.domains().insert(again)).await();

    VerifyDomain verify = new VerifyDomain(storage, new DnsChallenge(Dns.fromConfig(vertx, TestServices.get().config())),
        new DomainNames(List.of()), clock);
    var recorded = verify.record(checked, new DnsChallenge.Found(true, "the TXT record holds the expected value"), null, null);
    assertThat(Rejections.rejectionOf(recorded).code()).isEqualTo(Codes.CONFLICT);
    assertThat(storage.read().domains().find(organizationId, name, false).await().status()).isEqualTo(Domain.Status.PENDING);
  }
}
