package io.atrium.organization;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.atrium.identity.IdentityAddresses;
import io.atrium.platform.Codes;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationsIT extends OrganizationHarness {

  @Test
  void theInvitedUserAcceptsWithTheMailedTokenAndJoinsVerified() throws Exception {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = createOrganization(ada, "Acme");

    JsonObject invitation = invite(ada, org, bob.email().toUpperCase(), "admin");
    assertThat(invitation.getString("email")).isEqualTo(bob.email());
    assertThat(invitation.getString("status")).isEqualTo("pending");
    assertThat(invitation.getString("expiresAt")).isEqualTo(clock.instant().plus(Duration.ofDays(7)).toString());
    assertThat(invitation.encode()).doesNotContain(OrganizationAddresses.INVITATION_TOKEN_PREFIX);

    MimeMessage mail = lastMailTo(bob.email());
    String token = tokenMailedTo(bob.email());
    assertThat(mail.getSubject()).isEqualTo("You are invited to Acme on Atrium");
    assertThat(GreenMailUtil.getBody(mail)).contains(PUBLIC_URL + "/invitations/accept?token=" + token);
    assertThat(token).startsWith(OrganizationAddresses.INVITATION_TOKEN_PREFIX).hasSize(9 + 43);
    assertThat(ask(OrganizationAddresses.INVITATIONS_FOR_EMAIL, new JsonObject().put("email", bob.email())).getJsonArray("items"))
        .singleElement().satisfies(item -> assertThat(((JsonObject) item).getString("organizationName")).isEqualTo("Acme"));

    JsonObject accepted = ask(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, token));
    assertThat(accepted).isEqualTo(new JsonObject().put("kind", "organization").put("organizationId", org).put("role", "admin"));
    assertThat(ask(OrganizationAddresses.GET, request(bob, org)).getString("role")).isEqualTo("admin");
    assertThat(ask(IdentityAddresses.ME, new JsonObject().put("userId", bob.id())).getBoolean("emailVerified")).isTrue();
    assertThat(replicatedFor(org)).last().isEqualTo(new JsonObject().put("organizationId", org).put("userId", bob.id()).put("role", "admin"));

    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, token)).code()).isEqualTo(Codes.CONFLICT);
    assertThat(ask(OrganizationAddresses.INVITATIONS_FOR_EMAIL, new JsonObject().put("email", bob.email())).getJsonArray("items")).isEmpty();
    JsonObject listed = ask(OrganizationAddresses.LIST_INVITATIONS, request(ada, org)).getJsonArray("items").getJsonObject(0);
    assertThat(listed.getString("status")).isEqualTo("accepted");
    assertThat(listed.getString("invitedBy")).isEqualTo(ada.id());
    assertThat(listed.fieldNames()).containsExactlyInAnyOrder("id", "email", "role", "status", "expiresAt", "createdAt", "invitedBy");
  }

  @Test
  void onlyTheAddressedUserMayAnswer() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    User eve = signUp("Eve");
    String org = createOrganization(ada, "Closed");
    invite(ada, org, bob.email(), "member");
    String token = tokenMailedTo(bob.email());

    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(eve, token)).code()).isEqualTo(Codes.FORBIDDEN);
    assertThat(rejection(OrganizationAddresses.DECLINE_INVITATION, answer(eve, token)).code()).isEqualTo(Codes.FORBIDDEN);
    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, token + "x")).code()).isEqualTo(Codes.NOT_FOUND);
    String unknown = OrganizationAddresses.INVITATION_TOKEN_PREFIX + "A".repeat(43);
    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, unknown)).code()).isEqualTo(Codes.NOT_FOUND);
    assertThat(rejection(OrganizationAddresses.GET, request(eve, org)).code()).isEqualTo(Codes.NOT_FOUND);
  }

  @Test
  void expiredRevokedAndDeclinedInvitationsAreGone() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    User cyd = signUp("Cyd");
    User dan = signUp("Dan");
    String org = createOrganization(ada, "Gone");

    invite(ada, org, bob.email(), "member");
    String expiring = tokenMailedTo(bob.email());
    String revokedId = invite(ada, org, cyd.email(), "member").getString("id");
    String revoked = tokenMailedTo(cyd.email());
    invite(ada, org, dan.email(), "member");
    String declined = tokenMailedTo(dan.email());

    ask(OrganizationAddresses.REVOKE_INVITATION, request(ada, org).put("invitationId", revokedId));
    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(cyd, revoked)).code()).isEqualTo(Codes.GONE);
    assertThat(ask(OrganizationAddresses.DECLINE_INVITATION, answer(dan, declined))).isEqualTo(new JsonObject());
    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(dan, declined)).code()).isEqualTo(Codes.GONE);
    assertThat(rejection(OrganizationAddresses.GET, request(dan, org)).code()).isEqualTo(Codes.NOT_FOUND);

    clock.advance(Duration.ofDays(8));
    assertThat(rejection(OrganizationAddresses.ACCEPT_INVITATION, answer(bob, expiring)).code()).isEqualTo(Codes.GONE);
    assertThat(ask(OrganizationAddresses.LIST_INVITATIONS, request(ada, org)).getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("status"))).containsExactlyInAnyOrder("declined", "revoked", "expired");
    // An expired invitation is no longer open: the address can be invited again.
    assertThat(invite(ada, org, bob.email(), "member").getString("status")).isEqualTo("pending");
  }

  @Test
  void existingMembersAndOpenInvitationsConflict() {
    User ada = signUp("Ada");
    User bob = signUp("Bob");
    String org = createOrganization(ada, "Dupes");
    join(ada, org, bob, "member");
    invite(ada, org, "carol@example.com", "member");

    assertThat(rejection(OrganizationAddresses.INVITE, request(ada, org).put("email", bob.email()).put("role", "admin")).code())
        .isEqualTo(Codes.CONFLICT);
    assertThat(rejection(OrganizationAddresses.INVITE, request(ada, org).put("email", "Carol@Example.com").put("role", "admin")).code())
        .isEqualTo(Codes.CONFLICT);
    assertThat(rejection(OrganizationAddresses.INVITE, request(bob, org).put("email", "dave@example.com").put("role", "member")).code())
        .isEqualTo(Codes.INSUFFICIENT_ACCESS);
    assertThat(rejection(OrganizationAddresses.REVOKE_INVITATION, request(ada, org).put("invitationId", "nope")).code())
        .isEqualTo(Codes.NOT_FOUND);
  }
}
