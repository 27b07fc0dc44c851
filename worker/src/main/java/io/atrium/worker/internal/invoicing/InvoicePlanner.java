package io.atrium.worker.internal.invoicing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The invoice rules as a pure function: from the account's billed debits of a month (summed per workspace and plan
 * or meter, plus the credits that funded them) to one draft per currency not invoiced yet. Lines are grouped per
 * workspace; each workspace's lines sum to what the invoice settles in its ledger. VAT is rounded half-up once.
 */
public final class InvoicePlanner {

  /**
   * One summed row: {@code kind} is consumption (item = plan, quantity = hours), usage (item = meter), credits (what prepaid
   * credits funded), or carried (the debt a workspace brought along when it moved from card to this invoice account).
   */
  public record Debits(UUID workspaceId, String currency, String kind, String item, BigDecimal quantity, long amount) {}

  public record Line(UUID workspaceId, String description, BigDecimal quantity, long amount) {}

  /** {@code settles}: per workspace, the positive amount its ledger's {@code invoice} entry credits. */
  public record Draft(String currency, List<Line> lines, long subtotal, long vat, long total, Map<UUID, Long> settles) {}

  private InvoicePlanner() {}

  public static List<Draft> plan(List<Debits> rows, Set<String> invoicedCurrencies, BigDecimal vatRate) {
    Map<String, List<Debits>> byCurrency = new TreeMap<>();
    rows.forEach(row -> byCurrency.computeIfAbsent(row.currency(), c -> new ArrayList<>()).add(row));
    List<Draft> drafts = new ArrayList<>();
    byCurrency.forEach((currency, debits) -> {
      if (!invoicedCurrencies.contains(currency)) {
        drafts.add(draft(currency, debits, vatRate));
      }
    });
    return drafts;
  }

  static Draft draft(String currency, List<Debits> debits, BigDecimal vatRate) {
    Map<UUID, List<Debits>> byWorkspace = new TreeMap<>();
    debits.forEach(row -> byWorkspace.computeIfAbsent(row.workspaceId(), ws -> new ArrayList<>()).add(row));
    List<Line> lines = new ArrayList<>();
    Map<UUID, Long> settles = new LinkedHashMap<>();
    byWorkspace.forEach((workspace, rows) -> {
      long sum = 0;
      for (Debits row : rows.stream().sorted(InvoicePlanner::linesFirst).toList()) {
        lines.add(line(row));
        sum += line(row).amount();
      }
      if (sum > 0) {
        settles.put(workspace, sum);
      }
    });
    long subtotal = lines.stream().mapToLong(Line::amount).sum();
    long vat = new BigDecimal(subtotal).multiply(vatRate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    return new Draft(currency, List.copyOf(lines), subtotal, vat, Math.addExact(subtotal, vat), settles);
  }

  private static Line line(Debits row) {
    return switch (row.kind()) {
      case "consumption" -> new Line(row.workspaceId(), "Server " + row.item() + " (hours)", row.quantity(), row.amount());
      case "usage" -> new Line(row.workspaceId(), "Usage " + row.item(), row.quantity(), row.amount());
      case "credits" -> new Line(row.workspaceId(), "Credits used", BigDecimal.ONE, -row.amount());
      case "carried" -> new Line(row.workspaceId(), "Balance carried over from card payments", BigDecimal.ONE, row.amount());
      default -> throw new IllegalArgumentException("unknown debit kind " + row.kind());
    };
  }

  /** Consumption, then usage, then the credits line, then a carried balance; by item within a kind. */
  private static int linesFirst(Debits a, Debits b) {
    int byKind = Integer.compare(rank(a.kind()), rank(b.kind()));
    return byKind != 0 ? byKind : a.item().compareTo(b.item());
  }

  private static int rank(String kind) {
    return switch (kind) {
      case "consumption" -> 0;
      case "usage" -> 1;
      case "credits" -> 2;
      default -> 3;
    };
  }
}
