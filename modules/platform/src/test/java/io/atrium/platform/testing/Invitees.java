package io.atrium.platform.testing;

import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an invitee receives and sends back, for rule tests of invitations: the mailed token, the answer's request. */
public final class Invitees {

  private static final Pattern TOKEN = Pattern.compile("Token: (\\S+)");

  private Invitees() {}

  /** The token of an invitation mail (its {@code Token:} line). */
  public static String tokenIn(String mail) {
    Matcher matcher = TOKEN.matcher(mail);
    if (!matcher.find()) {
      throw new AssertionError("no token in " + mail);
    }
    return matcher.group(1);
  }

  /** An accept or decline request of {@code caller}, signed in with {@code email}. */
  public static JsonObject answer(UUID caller, String email, String token) {
    return new JsonObject().put("userId", caller.toString()).put("email", email).put("token", token);
  }
}
