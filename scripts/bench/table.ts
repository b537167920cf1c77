/** Aligns rows of cells under a header; numeric-looking columns are right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const isNumeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^[-+]?[\d,.]+(\s?[%×x])?$|^–$/.test(row[column] ?? "")));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (isNumeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd();
  return [line(header), widths.map((width) => "─".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

export function formatNumber(value: number, fractionDigits = 0): string {
  return value.toLocaleString("en", { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}
