package dev.gearbox.cost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ledger back as usage: requests, tokens, cost, counterfactual and saving, in total
 * and grouped by key, tenant, served model, tier, session or UTC day. Sums are computed in SQL
 * on whole picodollars, so they are exact.
 */
public final class UsageReport {
  private static final String SUMS =
      "COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),"
          + " COALESCE(SUM(cost_picousd), 0), COALESCE(SUM(counterfactual_picousd), 0)";
  private static final String WINDOW = " FROM ledger WHERE at_epoch_ms >= ? AND at_epoch_ms < ?";

  private final Database database;

  public UsageReport(Database database) {
    this.database = database;
  }

  /** Totals and the given groupings over the window. */
  public UsageSummary summary(UsageWindow window, List<UsageGrouping> groupings) {
    Map<UsageGrouping, List<UsageLine>> groups = new LinkedHashMap<>();
    for (UsageGrouping grouping : groupings) {
      groups.put(grouping, by(grouping, window));
    }
    return new UsageSummary(window, total(window), groups);
  }

  /** What {@code GET /admin/usage} answers: totals and every grouping, as JSON. */
  public ObjectNode adminJson(UsageWindow window) {
    return UsageRendering.json(summary(window, List.of(UsageGrouping.values())));
  }

  /** All rows of the window as one line named "total". */
  public UsageLine total(UsageWindow window) {
    List<UsageLine> lines = query("SELECT 'total', " + SUMS + WINDOW, window);
    return lines.getFirst();
  }

  /** One line per value of the grouping; days in order, other groupings most requests first. */
  public List<UsageLine> by(UsageGrouping grouping, UsageWindow window) {
    String order = grouping == UsageGrouping.DAY ? "1" : "2 DESC, 1";
    String sql = "SELECT " + grouping.groupExpression() + ", " + SUMS + WINDOW
        + " GROUP BY 1 ORDER BY " + order;
    return query(sql, window);
  }

  /** Every ledger row of the window, in the order they were stored. */
  public List<LedgerEntry> entries(UsageWindow window) {
    String sql = "SELECT " + LedgerRows.COLUMNS + WINDOW + " ORDER BY id";
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setLong(1, window.fromEpochMs());
      select.setLong(2, window.toEpochMs());
      List<LedgerEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(LedgerRows.read(rows));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new LedgerException("cannot read the ledger", e);
    }
  }

  private List<UsageLine> query(String sql, UsageWindow window) {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      select.setLong(1, window.fromEpochMs());
      select.setLong(2, window.toEpochMs());
      List<UsageLine> lines = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          lines.add(line(rows));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw new LedgerException("cannot read usage from the ledger", e);
    }
  }

  private static UsageLine line(ResultSet row) throws SQLException {
    return new UsageLine(
        row.getString(1),
        row.getLong(2),
        row.getLong(3),
        row.getLong(4),
        Money.fromPicoUsd(row.getBigDecimal(5)),
        Money.fromPicoUsd(row.getBigDecimal(6)));
  }
}
