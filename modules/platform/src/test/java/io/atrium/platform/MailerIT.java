package io.atrium.platform;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.atrium.platform.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mail goes over real SMTP (GreenMail) with the configured sender. */
@ExtendWith(VertxExtension.class)
class MailerIT {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void sendsPlainTextMail(Vertx vertx) throws Exception {
    AtriumConfig config = TestServices.get().config().with(Map.of(
        "smtp.host", "127.0.0.1", "smtp.port", smtp.getSmtp().getPort(), "mail.from", "billing@atrium.test"));
    Mailer.create(vertx, config).send("ada@example.com", "Hello", "Token: abc123\n").await();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Hello");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("billing@atrium.test");
    assertThat(GreenMailUtil.getBody(received[0])).contains("Token: abc123");
  }
}
