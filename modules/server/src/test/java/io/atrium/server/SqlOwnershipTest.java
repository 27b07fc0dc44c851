package io.atrium.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each context owns its schema: SQL in a module's main code (string literals and text blocks) names only the schemas
 * that module owns, plus the kernel's {@code platform}. The billing worker owns the billing schema's writes beside the
 * billing context's reads. The server owns none: it reaches data through the contexts' contracts.
 */
class SqlOwnershipTest {

  private static final Map<String, Set<String>> OWNED = Map.of(
      "modules/identity", Set.of("identity"),
      "modules/organization", Set.of("organization"),
      "modules/workspace", Set.of("workspace"),
      "modules/billing", Set.of("billing"),
      "modules/webhooks", Set.of("webhooks"),
      "worker", Set.of("billing"),
      "modules/platform", Set.of(),
      "modules/server", Set.of(),
      "modules/embedded", Set.of());
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"");
  private static final Pattern TABLE = Pattern.compile(
      "(?i)\\b(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+(identity|organization|workspace|billing|webhooks)\\.([a-z_]+)");

  private static final Pattern LEDGER_WRITE = Pattern.compile(
      "(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+billing\\.(ledgers|entries|credit_lots|usage_hours|invoices|invoice_lines|carried_debts)\\b");

  @Test
  void everyModulesSqlNamesOnlyItsOwnSchemas() throws IOException {
    Path root = repositoryRoot();
    List<String> foreign = new ArrayList<>();
    for (var module : OWNED.entrySet()) {
      Path sources = root.resolve(module.getKey()).resolve("src/main/java");
      assertThat(sources).as("a module the rule knows").isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String sql : strings(Files.readString(file))) {
            Matcher table = TABLE.matcher(sql);
            while (table.find()) {
              if (!module.getValue().contains(table.group(2).toLowerCase())) {
                foreign.add(root.relativize(file) + ": " + table.group());
              }
            }
          }
        }
      }
    }
    assertThat(foreign).as("SQL naming another context's schema: ask that context instead").isEmpty();
  }

  /**
   * Balances, the billing log and invoices change only in the worker's ledger transactions. Two older writes by the API
   * remain, each under the ledger row's lock, and are listed here until they become worker jobs (issue 13, point 6).
   */
  @Test
  void onlyTheWorkerWritesTheLedgersTables() throws IOException {
    Path root = repositoryRoot();
    Set<String> known = Set.of(
        "modules/billing/src/main/java/io/atrium/billing/internal/CardDebt.java: INSERT INTO billing.carried_debts",
        "modules/billing/src/main/java/io/atrium/billing/internal/Reconcilers.java: UPDATE billing.ledgers");
    List<String> writes = new ArrayList<>();
    for (String module : OWNED.keySet()) {
      if (module.equals("worker")) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String sql : strings(Files.readString(file))) {
            LEDGER_WRITE.matcher(sql).results()
                .forEach(write -> writes.add(root.relativize(file) + ": " + write.group().replaceAll("\\s+", " ")));
          }
        }
      }
    }
    assertThat(writes).as("writes to the ledger's tables outside worker/").containsExactlyInAnyOrderElementsOf(known);
  }

  @Test
  void theRuleSeesSqlInTextBlocksAndLiterals() {
    String source = "String a = \"SELECT 1 FROM workspace.members\"; String b = \"\"\"\n  UPDATE billing.ledgers SET x = 1\"\"\";";
    List<String> found = new ArrayList<>();
    strings(source).forEach(sql -> TABLE.matcher(sql).results().forEach(m -> found.add(m.group(2) + "." + m.group(3))));
    assertThat(found).containsExactlyInAnyOrder("workspace.members", "billing.ledgers");
  }

  /** Text blocks first, then the ordinary literals of what is left. */
  private static List<String> strings(String source) {
    List<String> found = new ArrayList<>();
    Matcher blocks = TEXT_BLOCK.matcher(source);
    StringBuilder rest = new StringBuilder();
    while (blocks.find()) {
      found.add(blocks.group(1));
      blocks.appendReplacement(rest, "\"\"");
    }
    blocks.appendTail(rest);
    LITERAL.matcher(rest).results().forEach(literal -> found.add(literal.group(1)));
    return found;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("modules"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }
}
