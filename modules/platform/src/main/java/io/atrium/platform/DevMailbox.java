package io.atrium.platform;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last mails of this process, kept in memory when {@code ./atrium dev} runs without SMTP, so a developer
 * can read invitation, verification and reset mail at {@code /dev/mail} or on the console's "Mail (dev)" page.
 * Never on in {@code api} mode or when an SMTP host is set ({@link Mailer}).
 */
public final class DevMailbox {

  /** A mail as it would have been sent. */
  public record DevMail(String to, String subject, String text, Instant sentAt) {}

  private static final int KEPT = 200;
  private static final Deque<DevMail> MAILS = new ArrayDeque<>();

  private DevMailbox() {}

  static synchronized void keep(DevMail mail) {
    MAILS.addFirst(mail);
    while (MAILS.size() > KEPT) {
      MAILS.removeLast();
    }
  }

  /** Newest first; {@code to} null for every recipient, otherwise compared case-insensitively. */
  public static synchronized List<DevMail> newestFirst(String to) {
    return MAILS.stream().filter(mail -> to == null || mail.to().equalsIgnoreCase(to)).toList();
  }
}
