package io.atrium.server;

import io.atrium.platform.DevMailbox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo seeder's client of the public API, over HTTP like any other client (blocking: it runs on the main thread
 * of {@code ./atrium dev --demo}, never on an event loop). Mailed tokens come from the dev mailbox.
 */
final class DemoApi {

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)\\s*$");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  DemoApi(int port) {
    this.base = URI.create("http://127.0.0.1:" + port + "/api/v1");
  }

  /** Calls the API and insists on {@code expected}; the answer's JSON ({} when empty). */
  JsonObject call(String method, String path, String token, JsonObject body, int expected) throws Exception {
    return call(method, path, token, body, expected, null);
  }

  JsonObject call(String method, String path, String token, JsonObject body, int expected, String idempotencyKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(PATIENCE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException("demo seed: " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
  }

  boolean signsIn(String email, String password) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 201;
  }

  /**
   * Signs a person up and returns an API token of theirs: unlike a session, it outlives the seeder's trip through
   * 30 days of server time.
   */
  String signUp(String email, String name) throws Exception {
    call("POST", "/users", null, new JsonObject().put("email", email).put("password", DemoSeed.PASSWORD).put("name", name), 201);
    String session = call("POST", "/sessions", null, new JsonObject().put("email", email).put("password", DemoSeed.PASSWORD), 201)
        .getString("token");
    return call("POST", "/me/api-tokens", session, new JsonObject().put("name", "demo seed"), 201).getString("token");
  }

  /**
   * The demo's platform operator: its email is in the operators list of a demo run, and counts once it is verified
   * and two-factor sign-in is on. Done at the real time: the code is computed from the real clock.
   */
  Operator operator(String email, String name) throws Exception {
    String token = signUp(email, name);
    call("POST", "/users/verify-email", null, new JsonObject().put("token", mailedToken(email, "atr_ver_")), 200);
    String secret = call("POST", "/me/mfa/totp", token, null, 201).getString("secret");
    JsonArray recoveryCodes = call("POST", "/me/mfa/totp/confirm", token,
        new JsonObject().put("code", totp(secret, System.currentTimeMillis() / 1000 / 30)), 200).getJsonArray("recoveryCodes");
    return new Operator(token, secret, recoveryCodes.getString(0));
  }

  /** The operator's API token, and what a person needs to sign in as them: the two-factor key and a recovery code. */
  record Operator(String token, String secret, String recoveryCode) {}

  /** RFC 6238 with SHA-1, 6 digits and 30-second steps, as the API checks it. */
  private static String totp(String base32Secret, long step) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
    mac.init(new javax.crypto.spec.SecretKeySpec(base32(base32Secret), "HmacSHA1"));
    byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
    int offset = hash[hash.length - 1] & 0xf;
    int binary = java.nio.ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
    return String.format("%06d", binary % 1_000_000);
  }

  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toUpperCase().replace("=", "").toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** Invites, then accepts as the invitee with the token from the dev mailbox. */
  void invite(String inviter, String path, JsonObject invitation, String invitee) throws Exception {
    call("POST", path, inviter, invitation, 201);
    String prefix = path.startsWith("/organizations/") ? "atr_oinv_" : "atr_winv_";
    String token = mailedToken(invitation.getString("email"), prefix);
    call("POST", "/invitations/accept", invitee, new JsonObject().put("token", token), 200);
  }

  String workspace(String owner, String organization, String name) throws Exception {
    return call("POST", "/organizations/" + organization + "/workspaces", owner,
        new JsonObject().put("name", name).put("currency", "EUR"), 201).getString("id");
  }

  /** A card top-up, waited for until the worker charged it. */
  void topUp(String token, String workspace, String amount) throws Exception {
    String id = call("POST", "/workspaces/" + workspace + "/billing/top-ups", token, new JsonObject().put("amount", amount), 202,
        UUID.randomUUID().toString()).getString("id");
    await(() -> !"pending".equals(call("GET", "/workspaces/" + workspace + "/billing/top-ups/" + id, token, null, 200)
        .getString("status")), "top-up " + id);
  }

  void awaitInvoice(String token, String workspace) throws Exception {
    await(() -> !call("GET", "/workspaces/" + workspace + "/invoices", token, null, 200)
        .getJsonArray("items", new JsonArray()).isEmpty(), "last month's invoice");
  }

  /** The newest mailed token to this address with this prefix ({@code atr_ver_}, or an invitation's). */
  private static String mailedToken(String to, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (DevMailbox.DevMail mail : DevMailbox.newestFirst(to)) {
        Matcher token = TOKEN.matcher(mail.text());
        if (token.find() && token.group(1).startsWith(prefix)) {
          return token.group(1);
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("demo seed: no mail with a token reached " + to);
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("demo seed: gave up waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
