package io.atrium.billing.internal;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.Money;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice as an A4 PDF (PDFBox, standard Helvetica): seller (config {@code invoicing.seller.*}), buyer, number,
 * period, issue date, lines grouped per workspace, subtotal, VAT and total. Blocking: call on a worker thread.
 */
final class InvoicePdf {

  private static final float MARGIN = 50;
  private static final float LEADING = 14;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final String sellerName;
  private final String sellerAddress;
  private final String sellerVatId;

  InvoicePdf(AtriumConfig config) {
    this.sellerName = config.string("invoicing.seller.name");
    this.sellerAddress = config.string("invoicing.seller.address");
    this.sellerVatId = config.string("invoicing.seller.vatId");
  }

  byte[] render(Invoice invoice) throws IOException {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Writer writer = new Writer(document);
      writer.line(true, 16, "Invoice " + invoice.number());
      writer.gap();
      writer.line(true, 10, "From: " + sellerName);
      writer.lines(sellerAddress, "VAT ID: " + orDash(sellerVatId));
      writer.gap();
      writer.line(true, 10, "To: " + invoice.buyer().name());
      writer.lines(invoice.buyer().address(), "VAT ID: " + orDash(invoice.buyer().vatId()));
      writer.gap();
      writer.lines("Number: " + invoice.number(), "Period: " + invoice.period(), "Issue date: " + DATE.format(invoice.issuedAt()),
          "Currency: " + invoice.currency());
      Map<UUID, List<Invoice.Line>> groups = new LinkedHashMap<>();
      invoice.lines().forEach(line -> groups.computeIfAbsent(line.workspaceId(), ws -> new ArrayList<>()).add(line));
      for (Map.Entry<UUID, List<Invoice.Line>> group : groups.entrySet()) {
        writer.gap();
        writer.line(true, 10, "Workspace " + group.getKey());
        for (Invoice.Line line : group.getValue()) {
          writer.row(line.description() + "  x " + line.quantity().stripTrailingZeros().toPlainString(), Money.format(line.amount(), 2));
        }
      }
      writer.gap();
      writer.row("Subtotal", Money.format(invoice.subtotal(), 2) + " " + invoice.currency());
      writer.row("VAT " + invoice.vatRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %",
          Money.format(invoice.vat(), 2) + " " + invoice.currency());
      writer.row("Total", Money.format(invoice.total(), 2) + " " + invoice.currency());
      writer.close();
      document.save(out);
      return out.toByteArray();
    }
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "-" : text;
  }

  /** Writes lines top-down, starting a new page when one is full. */
  private static final class Writer {

    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument document) throws IOException {
      this.document = document;
      newPage();
    }

    void line(boolean strong, float size, String text) throws IOException {
      text(strong ? bold : regular, size, MARGIN, text);
      y -= size + 4;
    }

    void lines(String... texts) throws IOException {
      for (String text : texts) {
        for (String part : text.split("\\R")) {
          line(false, 10, part);
        }
      }
    }

    /** A label on the left, an amount right-aligned. */
    void row(String label, String amount) throws IOException {
      text(regular, 10, MARGIN + 10, label);
      float width = regular.getStringWidth(amount) / 1000 * 10;
      text(regular, 10, PDRectangle.A4.getWidth() - MARGIN - width, amount);
      y -= LEADING;
    }

    void gap() {
      y -= LEADING / 2;
    }

    private void text(PDType1Font font, float size, float x, String text) throws IOException {
      if (y < MARGIN + LEADING) {
        newPage();
      }
      stream.beginText();
      stream.setFont(font, size);
      stream.newLineAtOffset(x, y);
      stream.showText(text.replaceAll("[^\\x20-\\x7E\\xA0-\\xFF]", "?")); // standard fonts encode WinAnsi only
      stream.endText();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void close() throws IOException {
      stream.close();
    }
  }
}
