package io.atrium.organization.internal;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: the email domains organizations claim and prove. */
interface Domains {

  /** Adds a pending domain; {@code conflict} when the organization already has it. */
  Future<Void> insert(Domain domain);

  /** The organization's domain, or null; {@code lock} takes a row lock for the transaction. */
  Future<Domain> find(UUID organizationId, String domain, boolean lock);

  /** The organization's domains after {@code after} (null: from the first), by name, at most {@code limit}. */
  Future<List<Domain>> page(UUID organizationId, String after, int limit);

  Future<Long> count(UUID organizationId);

  /** Whether another organization holds this domain verified. */
  Future<Boolean> verifiedElsewhere(String domain, UUID organizationId);

  /** The names of the organization's verified domains. */
  Future<List<String>> verifiedOf(UUID organizationId);

  /** Marks it verified at {@code now}; {@code conflict} when another organization verified it first. */
  Future<Void> markVerified(UUID organizationId, String domain, Instant now);

  Future<Void> markFailed(UUID organizationId, String domain, Instant now);

  /** Records a check that found the record still there. */
  Future<Void> markChecked(UUID organizationId, String domain, Instant now);

  /**
   * Records a re-check the resolver could not answer, if the domain is still verified with the value checked: it
   * waits its turn again behind the others. Answers since when its checks have gone unanswered (null: nothing recorded).
   */
  Future<Instant> markUnanswered(Domain checked, Instant now);

  Future<Boolean> delete(UUID organizationId, String domain);

  /** Verified domains last checked at or before {@code checkedBefore}, oldest first. */
  Future<List<Domain>> dueForRecheck(Instant checkedBefore, int limit);
}
