package io.atrium.identity.internal;

import io.vertx.core.Future;

/** Port: whether an email must sign in by its organization's single sign-on (the organization context knows). */
interface SsoPolicies {

  /** Fails with {@code sso_required} (extension {@code loginUrl}) when it must; otherwise succeeds. */
  Future<Void> allowPassword(String email);
}
