package io.atrium.webhooks.internal;

import io.atrium.platform.PublicAddresses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which webhook URLs are taken as written, with the development switch off (production) and on. */
class WebhookUrlsTest {

  private final WebhookUrls production = new WebhookUrls(new PublicAddresses(null, false));
  private final WebhookUrls development = new WebhookUrls(new PublicAddresses(null, true));

  @Test
  void productionTakesHttpsOnPublicHostsOnly() {
    assertThat(production.problem("https://hooks.example.com/atrium?tenant=1")).isNull();
    assertThat(production.problem("http://hooks.example.com/atrium")).contains("https");
    assertThat(production.problem("https://127.0.0.1/hook")).contains("only public hosts");
    assertThat(production.problem("https://10.1.2.3/hook")).contains("only public hosts");
    assertThat(production.problem("https://192.168.0.10/hook")).contains("only public hosts");
    assertThat(production.problem("https://169.254.169.254/latest/meta-data")).contains("only public hosts");
    assertThat(production.problem("https://localhost/hook")).contains("only public hosts");
    assertThat(production.problem("https://[::1]/hook")).contains("only public hosts");
    assertThat(production.problem("https://[::ffff:127.0.0.1]/hook")).contains("only public hosts");
    assertThat(production.problem("https://user:secret@hooks.example.com/")).isNotNull();
    assertThat(production.problem("https://hooks.example.com/#x")).isNotNull();
    assertThat(production.problem("ftp://hooks.example.com/")).isNotNull();
    assertThat(production.problem("not a url")).isNotNull();
    assertThat(production.problem("")).isNotNull();
    assertThat(production.problem(42)).isNotNull();
    assertThat(production.problem("https://hooks.example.com/" + "a".repeat(2000))).isNotNull();
  }

  @Test
  void theDevelopmentSwitchAllowsLocalHostsButNoPlainHttpToPublicOnes() {
    assertThat(development.problem("http://127.0.0.1:8080/hook")).isNull();
    assertThat(development.problem("https://localhost:8443/hook")).isNull();
    assertThat(development.problem("http://10.0.0.5/hook")).isNull();
    assertThat(development.problem("http://hooks.example.com/hook")).contains("https");
    assertThat(development.problem("https://hooks.example.com/hook")).isNull();
  }
}
