package io.atrium.platform.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free port that the code under test sends its mail to, read the way a person
 * would: by recipient, and by the {@code Token:} line a person would paste. The one mailbox of every module's tests.
 */
public final class MailBox {

  private static final Pattern TOKEN = Pattern.compile("(?m)^Token: (\\S+)\\s*$");
  private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  public MailBox() {
    smtp.start();
  }

  public int port() {
    return smtp.getSmtp().getPort();
  }

  /** The settings that point Atrium's mailer here. */
  public Map<String, Object> settings() {
    return Map.of("smtp.host", "127.0.0.1", "smtp.port", port());
  }

  public void stop() {
    smtp.stop();
  }

  /** The body of a message, with the line ends a person reads. */
  public static String body(MimeMessage message) {
    return GreenMailUtil.getBody(message).replace("\r\n", "\n");
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

  /** The mails to this address so far, oldest first, verification mails aside. */
  public List<MimeMessage> announcementsTo(String address) {
    return to(address).stream().filter(message -> !body(message).contains("Token: " + VERIFICATION)).toList();
  }

  /**
   * Verification mails come by themselves after every sign-up, at any moment: the methods without a prefix skip
   * them, so a test waiting for an invitation never reads a verification token instead.
   */
  private static final String VERIFICATION = "atr_ver_";

  /** The {@code Token:} line of the newest mail to this address (verification mails aside). */
  public String latestToken(String address) {
    return tokenAfter(address, 0);
  }

  /**
   * The {@code Token:} line of the first mail to this address after the first {@code seen} (0: the newest), verification
   * mails aside, waiting up to 10 s for it.
   */
  public String tokenAfter(String address, int seen) {
    return find(address, seen, token -> !token.startsWith(VERIFICATION));
  }

  /** The token starting with {@code prefix} ({@code atr_ver_}, {@code atr_pwr_}, ...) of the newest such mail. */
  public String latestToken(String address, String prefix) {
    return find(address, 0, token -> token.startsWith(prefix));
  }

  /** The token starting with {@code prefix} of the first such mail after the first {@code seen} mails. */
  public String tokenAfter(String address, int seen, String prefix) {
    return find(address, seen, token -> token.startsWith(prefix));
  }

  private String find(String address, int seen, java.util.function.Predicate<String> wanted) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<String> tokens = new ArrayList<>();
      List<MimeMessage> messages = to(address);
      for (MimeMessage message : messages.subList(Math.min(seen, messages.size()), messages.size())) {
        Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(message));
        if (matcher.find() && wanted.test(matcher.group(1))) {
          tokens.add(matcher.group(1));
        }
      }
      if (!tokens.isEmpty()) {
        return seen == 0 ? tokens.get(tokens.size() - 1) : tokens.get(0);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no mail with a wanted Token: line reached " + address);
  }
}
