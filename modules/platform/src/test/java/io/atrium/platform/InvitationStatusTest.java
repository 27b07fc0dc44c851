package io.atrium.platform;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InvitationStatusTest {

  private static final Instant EXPIRES = Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void a_pending_invitation_reads_as_expired_from_its_expiry_on_and_an_answered_one_keeps_its_status() {
    assertThat(InvitationStatus.at(InvitationStatus.PENDING, EXPIRES, EXPIRES.minusSeconds(1))).isEqualTo(InvitationStatus.PENDING);
    assertThat(InvitationStatus.at(InvitationStatus.PENDING, EXPIRES, EXPIRES)).isEqualTo(InvitationStatus.EXPIRED);
    assertThat(InvitationStatus.at(InvitationStatus.ACCEPTED, EXPIRES, EXPIRES.plusSeconds(60))).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(InvitationStatus.at(InvitationStatus.REVOKED, EXPIRES, EXPIRES.plusSeconds(60))).isEqualTo(InvitationStatus.REVOKED);
  }
}
