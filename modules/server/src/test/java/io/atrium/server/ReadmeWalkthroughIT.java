package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.testing.TestServices;
import io.atrium.server.testing.AtriumProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The README's "Try it with curl" walk-through, run verbatim as a user would: its {@code sh} blocks in order, in
 * one bash, against a real {@code ./atrium dev} process (on this run's services, with its own database). Every
 * request must succeed unless the README says {@code || true}, and every {@code # -> STATUS {fields}} line must
 * match a response of its block. A README change that breaks a block fails the build.
 */
class ReadmeWalkthroughIT {

  /** The README addresses ./atrium dev at its default port; this test's dev runs on a free one instead. */
  private static final String README_ADDRESS = "localhost:" + AtriumConfig.load(Map.of()).integer("http.port");
  private static final Pattern EXPECTATION = Pattern.compile("(?m)^# -> (\\d{3})(?: (\\{.*}))?\\s*$");
  /** A curl that logs "status body" per call to $WALK_LOG and fails on an error status, so nothing fails silently. */
  private static final String PRELUDE = """
      set -eu -o pipefail
      curl() {
        local response status
        response=$(command curl --no-progress-meter -w '\\n%{http_code}' "$@") || return $?
        status=${response##*$'\\n'}; response=${response%$'\\n'*}
        printf '%s\\n' "$response"
        printf '%s %s\\n' "$status" "$(printf '%s' "$response" | tr '\\n' ' ')" >> "$WALK_LOG"
        case $status in 2*|3*) ;; *) echo "HTTP $status for curl $*: $response" >&2; return 22 ;; esac
      }
      atrium_cli() { java -cp "$ATRIUM_CLASSPATH" io.atrium.server.Atrium "$@"; }
      """;

  private static AtriumProcess dev;
  private static AtriumConfig config;
  private static int port;

  @BeforeAll
  static void startDev() throws Exception {
    config = TestServices.get().anotherRun("readme");
    port = AtriumProcess.freePort();
    dev = AtriumProcess.start(environment(), "dev");
    dev.awaitReady(port);
  }

  @AfterAll
  static void stopDev() throws Exception {
    if (dev != null) {
      dev.close();
    }
  }

  @Test
  void theWalkthroughRunsVerbatim() throws Exception {
    List<String> blocks = walkthroughBlocks(Files.readString(readme()));
    assertThat(blocks).as("sh blocks under 'Try it with curl'").hasSizeGreaterThanOrEqualTo(5);
    Path walkLog = Files.createTempFile("atrium-readme-walk", ".log");
    StringBuilder script = new StringBuilder(PRELUDE);
    for (int i = 0; i < blocks.size(); i++) {
      script.append("echo \"@@block ").append(i).append("@@\" >> \"$WALK_LOG\"\n")
          .append(blocks.get(i).replace(README_ADDRESS, "127.0.0.1:" + port).replace("./atrium ", "atrium_cli "))
          .append('\n');
    }
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true);
    bash.environment().putAll(environment());
    bash.environment().put("WALK_LOG", walkLog.toString());
    Process run = bash.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
    if (run.exitValue() != 0) {
      fail("the README walk-through failed (exit " + run.exitValue() + "):\n" + output + "\n--- ./atrium dev ---\n" + dev.tail());
    }
    List<List<String>> responses = responsesPerBlock(Files.readAllLines(walkLog), blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      Matcher expectation = EXPECTATION.matcher(blocks.get(i));
      int from = 0;
      while (expectation.find()) {
        from = matchFrom(i, expectation.group(1), expectation.group(2), responses.get(i), from, output) + 1;
      }
    }
    assertThat(output).as("ledger verify names the result").containsPattern("\\d+ workspaces checked, 0 failing");
  }

  /** Expectations match the block's responses in order: the index of the first match at or after {@code from}. */
  private static int matchFrom(int block, String status, String fields, List<String> responses, int from, String output) {
    JsonObject expected = fields == null ? new JsonObject() : new JsonObject(fields);
    for (int r = from; r < responses.size(); r++) {
      String line = responses.get(r);
      if (line.startsWith(status + " ") && matches(expected, line.substring(4).trim())) {
        return r;
      }
    }
    return fail("block " + block + ": no response after the previous expectation matches '# -> " + status + " " + expected.encode()
        + "'; responses were:\n" + String.join("\n", responses) + "\n--- output ---\n" + output);
  }

  private static boolean matches(JsonObject expected, String body) {
    if (!body.startsWith("{")) {
      return expected.isEmpty();
    }
    JsonObject actual = new JsonObject(body);
    return expected.fieldNames().stream().allMatch(name -> expected.getValue(name).equals(actual.getValue(name)));
  }

  /** The {@code sh} blocks from "## Try it with curl" up to the next second-level heading. */
  static List<String> walkthroughBlocks(String readme) {
    int start = readme.indexOf("## Try it with curl");
    assertThat(start).as("README has a 'Try it with curl' section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 3);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(section);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  private static List<List<String>> responsesPerBlock(List<String> log, int blocks) {
    List<List<String>> perBlock = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      perBlock.add(new ArrayList<>());
    }
    int current = -1;
    for (String line : log) {
      Matcher marker = Pattern.compile("^@@block (\\d+)@@$").matcher(line);
      if (marker.matches()) {
        current = Integer.parseInt(marker.group(1));
      } else if (current >= 0) {
        perBlock.get(current).add(line);
      }
    }
    return perBlock;
  }

  private static Map<String, String> environment() {
    return Map.of(
        "ATRIUM_HTTP_PORT", String.valueOf(port),
        "ATRIUM_PUBLIC_URL", "http://127.0.0.1:" + port,
        "ATRIUM_MANAGEMENT_PORT", "0", // any free port: never the default 9464 another run may hold
        "ATRIUM_PG_URL", config.string("pg.url"),
        "ATRIUM_AMQP_URL", config.string("amqp.url"),
        "ATRIUM_AMQP_PREFIX", config.string("amqp.prefix"),
        "ATRIUM_OPERATORS", "ops@example.com",
        "ATRIUM_SMTP_HOST", "",
        "ATRIUM_CLASSPATH", AtriumProcess.classpath());
  }

  private static Path readme() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md").resolveSibling("atrium"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root (holding README.md and ./atrium)").isNotNull();
    return dir.resolve("README.md");
  }
}
