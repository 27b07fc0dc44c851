package io.atrium.platform;

import io.atrium.platform.Rejection.FieldError;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageCursorTest {

  @Test
  void aCursorIsBase64urlOfAJsonArrayOfTheSortKey() {
    String cursor = PageCursor.of("2030-01-31T12:00:00Z", 42).encode();

    assertThat(cursor).isEqualTo("WyIyMDMwLTAxLTMxVDEyOjAwOjAwWiIsIjQyIl0");
    assertThat(PageCursor.decode(cursor).key()).containsExactly("2030-01-31T12:00:00Z", "42");
  }

  @Test
  void aMalformedCursorIsAFieldErrorNamingCursor() {
    List<FieldError> errors = new ArrayList<>();
    String nul = PageCursor.of("a\0b").encode();
    for (Object bad : List.of("not base64!", "bm90IGpzb24", 7, nul, PageCursor.of("x").encode())) {
      Long read = PageCursor.read(new JsonObject().put("cursor", bad), parts -> Long.valueOf(parts.get(0)), errors::add);
      assertThat(read).isNull();
    }
    assertThat(errors).hasSize(5).allMatch(e -> e.field().equals("cursor") && e.message().equals(PageCursor.MALFORMED));
  }

  @Test
  void aCursorHoldingUPlus0000IsAFieldErrorEvenWhenItsKeyTakesAnyText() {
    List<FieldError> errors = new ArrayList<>();
    String escaped = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("[\"a\\u0000b\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String bad : List.of(escaped, PageCursor.of("a\0b").encode())) {
      List<String> read = PageCursor.read(new JsonObject().put("cursor", bad), parts -> parts, errors::add);
      assertThat(read).isNull();
    }
    assertThat(errors).hasSize(2).allMatch(e -> e.field().equals("cursor"));
  }

  @Test
  void anAbsentCursorIsTheFirstPage() {
    List<FieldError> errors = new ArrayList<>();
    List<String> read = PageCursor.read(new JsonObject(), parts -> parts, errors::add);
    assertThat(read).isNull();
    assertThat(errors).isEmpty();
  }

  @Test
  void aPageCarriesANextCursorOnlyWhenMoreRowsFollow() {
    JsonObject more = PageCursor.page(List.of(1, 2, 3), 2, n -> new JsonObject().put("n", n), PageCursor::of);
    JsonObject last = PageCursor.page(List.of(1, 2), 2, n -> new JsonObject().put("n", n), PageCursor::of);

    assertThat(more.getJsonArray("items")).hasSize(2);
    assertThat(PageCursor.decode(more.getString("nextCursor")).key()).containsExactly("2");
    assertThat(last.getJsonArray("items")).hasSize(2);
    assertThat(last.getString("nextCursor")).isNull();
  }
}
