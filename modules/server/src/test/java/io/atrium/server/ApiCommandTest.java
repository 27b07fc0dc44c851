package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiCommandTest {

  @Test
  void theApiRefusesToStartWithoutAnSsoSecretKey() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      // The shipped defaults and no environment: no key, and (had it started) a fixed port, so it must stop first.
      exit = ApiCommand.run(AtriumConfig.load(Map.of()));
    } finally {
      System.setErr(err);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("ATRIUM_SSO_SECRET_KEY is not set");
  }
}
