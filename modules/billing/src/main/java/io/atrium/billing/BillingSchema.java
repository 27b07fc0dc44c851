package io.atrium.billing;

import io.atrium.platform.Migrations;

/** The billing schema's changelog: owned by this module, written by the API's billing context and the worker's ledger. */
public final class BillingSchema {

  public static final Migrations.Changelog CHANGELOG = new Migrations.Changelog("billing", "db/billing/changelog.yaml");

  private BillingSchema() {}
}
