package io.atrium.webhooks.internal;

import com.standardwebhooks.Webhook;
import io.atrium.platform.AtriumConfig;
import io.atrium.platform.SecretCipher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our secrets and signatures against the Standard Webhooks reference implementation. */
class SigningSecretsTest {

  private final SigningSecrets secrets = new SigningSecrets(SecretCipher.fromConfig(
      AtriumConfig.load(Map.of()).with(Map.of("test.key", Base64.getEncoder().encodeToString(new byte[32]))), "test.key", "test secrets"));

  @Test
  void aSecretIsWhsecAndTwentyFourRandomBytes() {
    String secret = secrets.generate();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
    assertThat(secrets.generate()).isNotEqualTo(secret);
  }

  @Test
  void ourSignatureIsTheReferenceOneAndVerifies() throws Exception {
    String secret = secrets.generate();
    String id = UUID.randomUUID().toString();
    long now = Instant.now().getEpochSecond();
    String body = "{\"type\":\"webhook.test\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"data\":{\"note\":\"café ☕\"}}";
    String ours = SigningSecrets.signature(secret, id, now, body.getBytes(StandardCharsets.UTF_8));
    assertThat(ours).isEqualTo(new Webhook(secret).sign(id, now, body));
    Map<String, List<String>> headers = Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(now)),
        "webhook-signature", List.of(ours));
    new Webhook(secret).verify(body, headers);
    assertThatThrownBy(() -> new Webhook(secret).verify(body.replace("café", "cafe"), headers)).hasMessageContaining("No matching signature");
  }

  @Test
  void aSealedSecretOpensOnlyForItsEndpoint() {
    String secret = secrets.generate();
    UUID endpoint = UUID.randomUUID();
    byte[] sealed = secrets.seal(secret, endpoint);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
    assertThat(secrets.open(sealed, endpoint)).isEqualTo(secret);
    assertThatThrownBy(() -> secrets.open(sealed, UUID.randomUUID())).isInstanceOf(IllegalStateException.class);
  }
}
