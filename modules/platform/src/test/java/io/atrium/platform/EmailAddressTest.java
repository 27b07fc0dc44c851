package io.atrium.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTest {

  @ParameterizedTest
  @ValueSource(strings = {"<a@x.test>", "a@x.test>", "a,b@x.test", "\u202Ea@x.test", "a\u200B@x.test", "a@x\u200B.test",
      "Ada <ada@x.test>", "\"a b\"@x.test", "a@x", "a@@x.test", "a@x.test.", ".a@x.test", "a..b@x.test", "a b@x.test",
      "a@x.123", "a@-x.test", "a@[127.0.0.1]", "a\u0000@x.test", "a@x.test\r\nBcc: b@y.test", "", "@x.test", "a@"})
  void refusesWhatIsNotAPlainAddrSpec(String address) {
    assertThat(EmailAddress.parse(address)).as(address).isEmpty();
  }

  @Test
  void refusesOverLongAddressesWithoutWorkingOnThem() {
    assertThat(EmailAddress.parse("a".repeat(3000) + "@x.test")).isEmpty();
    assertThat(EmailAddress.parse("a".repeat(65) + "@x.test")).isEmpty();
    assertThat(EmailAddress.parse("a@" + "b".repeat(250) + ".test")).isEmpty();
  }

  @Test
  void acceptsPlainAddressesAndNormalisesTheDomain() {
    assertThat(EmailAddress.parse(" Ada.Lovelace+tag@Example.COM ")).contains("Ada.Lovelace+tag@example.com");
    assertThat(EmailAddress.parse("o'brien@bücher.example")).contains("o'brien@xn--bcher-kva.example");
    assertThat(EmailAddress.normalize("A@Bücher.Example")).isEqualTo(EmailAddress.normalize("a@xn--bcher-kva.example"));
  }
}
