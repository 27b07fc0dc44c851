package io.atrium.workspace;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.atrium.platform.testing.MessagingFixture;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the tokens mailed to an address, from the {@code Token:} line a person would paste. */
final class MailBox {

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)\\s*$");

  private MailBox() {}

  /** The token of the latest mail to the address. */
  static String tokenFor(GreenMail mail, String address) {
    List<String> bodies = bodiesTo(mail, address);
    Matcher matcher = TOKEN.matcher(bodies.get(bodies.size() - 1));
    if (!matcher.find()) {
      throw new AssertionError("no Token: line in the mail to " + address);
    }
    return matcher.group(1);
  }

  /** The mails to the address, oldest first; the verification mail every sign-up sends (at any moment) left out. */
  static List<String> bodiesTo(GreenMail mail, String address) {
    try {
      MessagingFixture.awaitOutboxDrained(WorkspaceHarness.pool, java.time.Duration.ofSeconds(10)); // mail is queued with what it announces
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    List<String> bodies = new ArrayList<>();
    try {
      for (MimeMessage message : mail.getReceivedMessages()) {
        String body = GreenMailUtil.getBody(message).replace("\r\n", "\n");
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address) && !body.contains("Token: atr_ver_")) {
          bodies.add(body);
        }
      }
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
    if (bodies.isEmpty()) {
      throw new AssertionError("no mail to " + address);
    }
    return bodies;
  }
}
