package io.atrium.identity.internal;

import io.atrium.platform.Codes;
import io.atrium.platform.EmailAddress;
import io.atrium.platform.Rejection;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** Sign-in with email and password, which opens a session. */
final class SignIn {

  /** One answer for unknown email and wrong password, so sign-in does not tell which emails exist. */
  /** The longest IPv6 text form. */
  private static final int MAX_ADDRESS = 45;
  private static final Rejection INVALID_CREDENTIALS = Rejection.of(Codes.INVALID_CREDENTIALS, "Email or password is incorrect");

  private final UnitOfWork<IdentityTables> storage;
  private final Passwords passwords;
  private final LoginLimits limits;
  private final SessionIssuer sessions;
  private final SsoPolicies ssoPolicies;
  private final FinishSignIn finish;

  SignIn(UnitOfWork<IdentityTables> storage, Passwords passwords, LoginLimits limits, SessionIssuer sessions, SsoPolicies ssoPolicies,
         FinishSignIn finish) {
    this.storage = storage;
    this.passwords = passwords;
    this.limits = limits;
    this.sessions = sessions;
    this.ssoPolicies = ssoPolicies;
    this.finish = finish;
  }

  Future<JsonObject> signIn(JsonObject request) {
    Input input = new Input(request);
    String email = input.given("email");
    String password = input.given("password");
    String clientAddress = request.getValue("clientAddress") instanceof String s && s.length() <= MAX_ADDRESS ? s : null;
    // Bounded before any query: no address or password this long can belong to an account.
    if (email != null && email.length() > EmailAddress.MAX_LENGTH) {
      input.error("email", "must be at most " + EmailAddress.MAX_LENGTH + " characters");
    }
    if (password != null && password.codePointCount(0, password.length()) > Input.MAX_PASSWORD) {
      input.error("password", "must be at most " + Input.MAX_PASSWORD + " characters");
    }
    return input.validated().compose(valid -> {
      List<String> keys = LoginLimits.keys(email, clientAddress);
      // Enforced SSO is asked before the password is checked, so a password cannot be probed for such an
      // email; the refusal still counts as a failure, so asking cannot be used to probe the policy at speed.
      // A full password queue refuses before any query: a storm of sign-ins then costs the API little.
      return passwords.room().compose(room -> limits.check(keys))
          .compose(allowed -> ssoPolicies.allowPassword(email)
              .recover(refused -> isSsoRequired(refused)
                  ? limits.recordFailure(keys).transform(recorded -> Future.failedFuture(refused))
                  : Future.failedFuture(refused)))
          .compose(allowed -> storage.read().users().byEmail(email))
          .compose(user -> matches(user, password).compose(matched -> matched
              ? limits.clear(keys).compose(cleared -> finish.afterPassword(user.get()))
              : limits.recordFailure(keys).compose(recorded -> Future.failedFuture(INVALID_CREDENTIALS.failure()))));
    });
  }

  private static boolean isSsoRequired(Throwable failure) {
    return failure instanceof io.atrium.platform.Rejected r && Codes.SSO_REQUIRED.equals(r.rejection().code());
  }

  private Future<Boolean> matches(Optional<User> user, String password) {
    return user.isPresent() ? passwords.verify(user.get().passwordHash(), password) : passwords.verifyNobody(password);
  }
}
