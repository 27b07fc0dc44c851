package io.atrium.platform;

/** Carries a {@link Rejection} through a failed {@code Future}. No stack trace: it is not an error. */
public final class Rejected extends RuntimeException {

  private final Rejection rejection;

  public Rejected(Rejection rejection) {
    super(rejection.code() + ": " + rejection.detail(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
