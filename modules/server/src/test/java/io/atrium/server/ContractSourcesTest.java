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
 * Another context's addresses, and with them its JSON field names, appear in a context's main code only where it
 * serves a seam the other defines ({@code *Endpoints}, the organization role replica). To ask another context, a
 * context calls that context's typed clients ({@code WorkspaceFacts}, {@code OrganizationFacts}, {@code IdentityUsers})
 * and in-process contracts, whose JSON stays inside the context that owns it. Read from the sources: the addresses
 * are constants, which the compiler copies into the caller, so no bytecode rule can see their use.
 */
class ContractSourcesTest {

  private static final Map<String, String> ADDRESSES = Map.of("identity", "IdentityAddresses", "organization", "OrganizationAddresses",
      "workspace", "WorkspaceAddresses", "billing", "BillingAddresses", "webhooks", "WebhookAddresses");
  /** Where a context serves what another defines: its wiring, and workspace's replica of organization roles. */
  private static final Set<String> SEAMS = Set.of("IdentityEndpoints.java", "OrganizationEndpoints.java", "WorkspaceEndpoints.java",
      "BillingEndpoints.java", "WebhookEndpoints.java", "RoleReplica.java");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
  private static final Pattern USE = Pattern.compile("\\b(IdentityAddresses|OrganizationAddresses|WorkspaceAddresses|BillingAddresses|WebhookAddresses)\\b");

  @Test
  void anotherContextsAddressesOnlyWhereASeamIsServed() throws IOException {
    Path root = SqlOwnershipTest.repositoryRoot();
    List<String> uses = new ArrayList<>();
    for (var context : ADDRESSES.entrySet()) {
      Path sources = root.resolve("modules").resolve(context.getKey()).resolve("src/main/java");
      assertThat(sources).as("a context the rule knows").isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String name = file.getFileName().toString();
          if (SEAMS.contains(name)) {
            continue;
          }
          Matcher use = USE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(" "));
          while (use.find()) {
            if (!use.group(1).equals(context.getValue())) {
              uses.add(root.relativize(file) + ": " + use.group(1));
            }
          }
        }
      }
    }
    assertThat(uses).as("another context's addresses outside the wiring and the role replica").isEmpty();
  }
}
