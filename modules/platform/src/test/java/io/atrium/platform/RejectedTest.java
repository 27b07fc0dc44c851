package io.atrium.platform;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedTest {

  @Test
  void not_found_becomes_the_absent_value_and_any_other_failure_stays() {
    Future<String> notFound = Future.failedFuture(Rejection.of(Codes.NOT_FOUND, "no such organization").failure());
    assertThat(Rejected.orWhenNotFound(notFound, "absent").result()).isEqualTo("absent");

    Future<String> forbidden = Future.failedFuture(Rejection.of(Codes.FORBIDDEN, "not yours").failure());
    assertThat(Rejected.is(Rejected.orWhenNotFound(forbidden, "absent").cause(), Codes.FORBIDDEN)).isTrue();

    Future<String> broken = Future.failedFuture(new IllegalStateException("database away"));
    assertThat(Rejected.orWhenNotFound(broken, "absent").cause()).hasMessage("database away");

    assertThat(Rejected.orWhenNotFound(Future.succeededFuture("found"), "absent").result()).isEqualTo("found");
  }

  @Test
  void a_value_found_is_the_answer_and_none_is_a_not_found_rejection_naming_what() {
    assertThat(Rejected.orNotFound(Optional.of("top-up 1"), "top-up").result()).isEqualTo("top-up 1");
    Throwable missing = Rejected.orNotFound(Optional.empty(), "top-up").cause();
    assertThat(Rejected.is(missing, Codes.NOT_FOUND)).isTrue();
    assertThat(((Rejected) missing).rejection().detail()).containsIgnoringCase("top-up");
  }
}
