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
 * that module owns, plus the kernel's {@code platform}. The billing worker shares the billing schema with the billing context
 * and alone writes the ledger's tables. The server owns none: it reaches data through the contexts' contracts.
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

  /** The ledger's tables: the worker's ledger transactions and invoice runs write them, nothing else. */
  private static final Pattern LEDGER_WRITE = Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE(\\s+ONLY)?|DELETE\\s+FROM(\\s+ONLY)?|MERGE\\s+INTO|TRUNCATE(\\s+TABLE)?)"
      + "\\s+billing\\.(ledgers|entries|credit_lots|usage_hours|invoices|invoice_lines|invoice_number_counters|carried_debts)\\b");

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
   * Balances, the billing log and invoices change only in the worker's ledger transactions (issue 13, point 6): the API asks
   * for a change with a billing job (BillingJobs) and reads the result. No exceptions.
   */
  @Test
  void onlyTheWorkerWritesTheLedgersTables() throws IOException {
    Path root = repositoryRoot();
    List<String> writes = new ArrayList<>();
    for (String module : OWNED.keySet()) {
      if (module.equals("worker")) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          writes.addAll(ledgerWrites(root.relativize(file).toString(), Files.readString(file)));
        }
      }
    }
    assertThat(writes).as("writes to the ledger's tables outside worker/: send the worker a job instead").isEmpty();
  }

  @Test
  void theLedgerRuleSeesWritesNotReadsOrLocks() {
    String source = """
        String a = "UPDATE billing.ledgers l SET x = 1"; String b = "SELECT balance FROM billing.ledgers WHERE w = $1 FOR UPDATE";
        String c = \"""
            INSERT INTO billing.carried_debts (id) VALUES ($1)\""";
        String d = "DELETE FROM billing.entries"; String e = "UPDATE billing.accounts SET x = 1"; String f = "TRUNCATE billing.invoices";
        """;
    assertThat(ledgerWrites("F.java", source)).containsExactly("F.java: INSERT INTO billing.carried_debts", "F.java: UPDATE billing.ledgers",
        "F.java: DELETE FROM billing.entries", "F.java: TRUNCATE billing.invoices");
  }

  @Test
  void theRuleSeesSqlInTextBlocksAndLiterals() {
    String source = "String a = \"SELECT 1 FROM workspace.members\"; String b = \"\"\"\n  UPDATE billing.ledgers SET x = 1\"\"\";";
    List<String> found = new ArrayList<>();
    strings(source).forEach(sql -> TABLE.matcher(sql).results().forEach(m -> found.add(m.group(2) + "." + m.group(3))));
    assertThat(found).containsExactlyInAnyOrder("workspace.members", "billing.ledgers");
  }

  private static List<String> ledgerWrites(String file, String source) {
    List<String> writes = new ArrayList<>();
    for (String sql : strings(source)) {
      LEDGER_WRITE.matcher(sql).results().forEach(write -> writes.add(file + ": " + write.group().replaceAll("\\s+", " ")));
    }
    return writes;
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

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("modules"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("the repository root, above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }
}
