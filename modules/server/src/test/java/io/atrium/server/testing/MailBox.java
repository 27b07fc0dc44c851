package io.atrium.server.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) that the test API sends its mail to, read the way a person would. */
public final class MailBox {

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)\\s*$");
  private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  MailBox() {
    smtp.start();
  }

  int port() {
    return smtp.getSmtp().getPort();
  }

  /** Every message to this address so far, oldest first. */
  public List<MimeMessage> to(String address) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      try {
        for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
          if (recipient.toString().equalsIgnoreCase(address)) {
            found.add(message);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  /** The {@code Token:} line of the newest mail to this address. */
  public String latestToken(String address) {
    return tokenAfter(address, 0);
  }

  /** The {@code Token:} line of the first mail to this address after the first {@code seen}, waiting up to 10 s for it. */
  public String tokenAfter(String address, int seen) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<MimeMessage> messages = to(address);
      if (messages.size() > seen) {
        Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(messages.get(seen == 0 ? messages.size() - 1 : seen)));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no mail with a Token: line reached " + address);
  }
}
