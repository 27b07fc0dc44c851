package io.atrium.server.http;

import io.atrium.platform.Codes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error code has an HTTP status: a code without one would reach clients as a 500. */
class ProblemCodesTest {

  @Test
  void everyCodeButInternalErrorHasAClientOrServiceStatus() throws Exception {
    var codes = Arrays.stream(Codes.class.getFields()).filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class).toList();
    assertThat(codes).isNotEmpty();
    for (var field : codes) {
      String code = (String) field.get(null);
      if (!code.equals(Codes.INTERNAL)) {
        assertThat(Problems.status(code)).as(code).isBetween(400, 503).isNotEqualTo(500);
      }
    }
    assertThat(Problems.status(Codes.TOP_UP_PENDING)).isEqualTo(409);
    assertThat(Problems.status(Codes.BALANCE_NOT_ZERO)).isEqualTo(409);
  }
}
